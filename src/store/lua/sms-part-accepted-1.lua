--[[
  Records that the SMS provider accepted one part of an SMS (src/store/sms-messages.ts): the part's
  message id on the SMS (a retry sends only the parts not accepted yet) and the message id → SMS
  mapping its delivery receipt is looked up by. A receipt that arrived first (parked by
  sms-receipt-1.lua) is applied now.

  KEYS[1]  keys.smsBase() (`sms:`); the script builds `sent:<ref>`, `msg:<id>`, `rcpt:<id>`, `of:<appointment id>`
           (the appointment's SMS references) from it.
  ARGV[1]  reference of the SMS
  ARGV[2]  part index (0-based)
  ARGV[3]  provider message id
  ARGV[4]  appointment id
  ARGV[5]  appointment sequence the SMS was written for
  ARGV[6]  event ('booked' | 'changed' | 'cancelled' | 'reminder')
  ARGV[7]  number of parts
  ARGV[8]  TTL in seconds of the records

  Returns the SMS's outcome when a parked receipt decided it ({'decided', appointmentId, sequence,
  event, status, reason}), else {'pending'}.
]]
-- @include sms-receipt
local base, ref, part, id = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local sent = base .. 'sent:' .. ref
local ttl = tonumber(ARGV[8])
redis.call('HSET', sent, 'a', ARGV[4], 's', ARGV[5], 'e', ARGV[6], 'n', ARGV[7], 'p' .. part, id)
redis.call('EXPIRE', sent, ttl)
redis.call('SET', base .. 'msg:' .. id, ref, 'EX', ttl)
-- The appointment's SMS, so that retention deletes their records with it (retention-2.lua).
redis.call('SADD', base .. 'of:' .. ARGV[4], ref)
redis.call('EXPIRE', base .. 'of:' .. ARGV[4], ttl)
local parked = redis.call('GET', base .. 'rcpt:' .. id)
if not parked then return {'pending'} end
redis.call('DEL', base .. 'rcpt:' .. id)
local r = cjson.decode(parked)
return sms_apply_receipt(base, ref, id, r.status, r.reason or '')
