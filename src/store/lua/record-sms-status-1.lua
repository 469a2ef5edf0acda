--[[
  Records what became of an SMS on its appointment (`sms`: sent, delivered or failed; the agenda and
  the search show it) and, for a failed SMS that was the citizen's only message, opens a call on the
  call list with its call card in the outbox, in the same step. Called when the provider accepted the
  SMS, for a delivery receipt, a permanent refusal and the monthly limit (src/store/sms-status.ts).
  Idempotent: the same status twice (a redelivered receipt, two instances) changes nothing; 'sent'
  never overwrites a receipt of the same SMS that arrived first.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix); keys built from it carry its hash tag.
  ARGV[1]  appointment id
  ARGV[2]  the appointment's sequence the SMS was written for
  ARGV[3]  SMS event ('booked' | 'changed' | 'cancelled' | 'reminder')
  ARGV[4]  'sent' | 'delivered' | 'failed'
  ARGV[5]  reason of a failure, '' for none
  ARGV[6]  at (epoch ms)
  ARGV[7]  call card outbox key, '' for no call     ARGV[8]  its message JSON (kind 'staff-call')

  Returns {'recorded'}, {'duplicate'}, {'stale'} (the appointment changed since: that change sent its
  own message) or {'gone'} (no such appointment, or anonymised).
]]
-- @include book
local base = KEYS[1]
local id = ARGV[1]
local raw = redis.call('GET', k_appt(base, id))
if not raw then return {'gone'} end
local a = decode_json(raw)
if a == nil or a.anonymised then return {'gone'} end
local seq, event, status = tonumber(ARGV[2]), ARGV[3], ARGV[4]
if tonumber(a.sequence) ~= seq then return {'stale'} end
local cur = a.sms
if type(cur) == 'table' and tonumber(cur.sequence) == seq and cur.event == event then
  if cur.status == status or (status == 'sent' and cur.status ~= 'sent') then return {'duplicate'} end
end
local sms = { status = status, event = event, sequence = seq, at = tonumber(ARGV[6]) }
if ARGV[5] ~= '' then sms.reason = ARGV[5] end
a.sms = sms
redis.call('SET', k_appt(base, id), cjson.encode(a))
if status == 'failed' and ARGV[7] ~= '' then
  redis.call('XADD', k_outbox(base), '*', 'key', ARGV[7], 'msg', ARGV[8])
  open_call(base, ARGV[8])
end
return {'recorded'}
