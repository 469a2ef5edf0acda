--[[
  A citizen answered an SMS with something other than STOP: the serving staff member gets a call on
  the call list ("Bitte anrufen", cause 'sms-reply') and its card in the outbox, with an audit entry
  (never the text), in one step. Nothing when the appointment already has an open call (the staff
  member calls anyway) or is gone. Called by src/store/sms-replies.ts.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix); keys built from it carry its hash tag.
  ARGV[1]  appointment id
  ARGV[2]  call card outbox key        ARGV[3]  its message JSON (kind 'staff-call', cause 'sms-reply')
  ARGV[4]  audit entry JSON

  Returns {'opened'}, {'open'} (a call was open already) or {'gone'} (no such appointment, or anonymised).
]]
-- @include book
local base = KEYS[1]
local id = ARGV[1]
local raw = redis.call('GET', k_appt(base, id))
if not raw then return {'gone'} end
local a = decode_json(raw)
if a == nil or a.anonymised then return {'gone'} end
if redis.call('HEXISTS', k_calls(base), id) == 1 then return {'open'} end
redis.call('XADD', k_outbox(base), '*', 'key', ARGV[2], 'msg', ARGV[3])
open_call(base, ARGV[3])
redis.call('RPUSH', k_audit(base, id), ARGV[4])
return {'opened'}
