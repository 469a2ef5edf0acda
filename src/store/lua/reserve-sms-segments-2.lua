--[[
  Counts an SMS's segments against the deployment's monthly limit (SMS_MONTHLY_LIMIT) before it is
  sent. The month's hash holds the total ('n'), one field per SMS counted ('k:<reference>', so a retry
  of the same SMS is not counted twice) and 'alerted' once the supervisors were told. Beyond the limit
  the SMS is not counted (nor sent) and the supervisors' alert is queued — once per month.

  KEYS[1]  keys.smsSegments(<YYYY-MM>)   KEYS[2]  keys.outbox()
  ARGV[1]  the SMS's reference (src/sms/delivery.ts smsReference)
  ARGV[2]  its segments
  ARGV[3]  the limit of segments per month, '' for none
  ARGV[4]  time to live of the month's hash (ms)
  ARGV[5]  the alert's outbox key     ARGV[6]  its message JSON

  Returns {'ok', total} (counted now or before) or {'over', total}.
]]
local field = 'k:' .. ARGV[1]
local n = tonumber(redis.call('HGET', KEYS[1], 'n')) or 0
if redis.call('HEXISTS', KEYS[1], field) == 1 then return {'ok', tostring(n)} end
local segments = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
if limit and n + segments > limit then
  if redis.call('HSETNX', KEYS[1], 'alerted', '1') == 1 then
    redis.call('XADD', KEYS[2], '*', 'key', ARGV[5], 'msg', ARGV[6])
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return {'over', tostring(n)}
end
n = redis.call('HINCRBY', KEYS[1], 'n', segments)
redis.call('HSET', KEYS[1], field, segments)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {'ok', tostring(n)}
