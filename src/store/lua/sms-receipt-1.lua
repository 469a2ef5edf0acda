--[[
  A delivery receipt for one provider message id (src/store/sms-messages.ts). Idempotent: a
  redelivered receipt returns the same outcome and changes nothing.

  KEYS[1]  keys.smsBase() (`sms:`); the script builds `sent:<ref>`, `msg:<id>`, `rcpt:<id>` from it.
  ARGV[1]  provider message id
  ARGV[2]  'delivered' | 'failed'
  ARGV[3]  reason of a failure ('' otherwise; never the number)
  ARGV[4]  how long (seconds) a receipt for an id not recorded yet is parked

  Returns {'decided', appointmentId, sequence, event, status, reason}, {'pending'} (other parts
  outstanding) or {'parked'} (the id is not recorded yet: sms-part-accepted-1.lua applies it).
]]
-- @include sms-receipt
local base, id = KEYS[1], ARGV[1]
local ref = redis.call('GET', base .. 'msg:' .. id)
if not ref then
  redis.call('SET', base .. 'rcpt:' .. id, cjson.encode({status = ARGV[2], reason = ARGV[3]}), 'EX', tonumber(ARGV[4]))
  return {'parked'}
end
return sms_apply_receipt(base, ref, id, ARGV[2], ARGV[3])
