--[[
  Confirms a booking: idempotent on the client key, re-checks the overlap atomically, consumes the
  hold, writes appointment + indexes + audit + outbox in one step.

  KEYS[1]  the `{book}:` namespace (keys.bookBase())
  ARGV[1]  client key (idempotency)
  ARGV[2]  hold token, '' for none
  ARGV[3]  holder (whose own holds do not block)
  ARGV[4]  appointment JSON (status 'booked'; id, staffId, start, blockStart, blockEnd used here)
  ARGV[5]  audit entry JSON
  ARGV[6]  now (epoch ms)
  ARGV[7]  local date (YYYY-MM-DD) of the start
  ARGV[8]  idempotency key time to live in ms
  ARGV[9]  number of outbox entries n, then n pairs: ARGV[10] dedupe key, ARGV[11] message JSON, …

  Returns {'created', appointmentJson}, {'existing', appointmentJson} for a retry of the same
  client key, or {'err', 'slot-taken' | 'duplicate-id'}.
  An expired (or unknown) hold token is no error: the slot is booked when it is still free.
]]
-- @include book
local base = KEYS[1]
local clientKey, token, holder, json, auditJson = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local now = tonumber(ARGV[6])

local idemKey = base .. 'idem:' .. clientKey
local existing = redis.call('GET', idemKey)
if existing then
  local raw = redis.call('GET', k_appt(base, existing))
  if raw then return {'existing', raw} end
end

local a = cjson.decode(json)
local id, staffId = a.id, a.staffId
if redis.call('EXISTS', k_appt(base, id)) == 1 then return {'err', 'duplicate-id'} end
local bsArg, beArg = tostring(a.blockStart), tostring(a.blockEnd)
if hold_conflict(base, staffId, a.blockStart, a.blockEnd, now, token, holder)
  or appointment_conflict(base, staffId, bsArg, beArg, a.blockStart, '') then
  return {'err', 'slot-taken'}
end

redis.call('SET', k_appt(base, id), json)
redis.call('ZADD', k_cal(base, staffId), bsArg, id)
redis.call('ZADD', k_sappts(base, staffId), tostring(a.start), id)
redis.call('SADD', k_day(base, ARGV[7]), id)
redis.call('ZADD', base .. 'bystart', tostring(a.start), id)
redis.call('SET', idemKey, id, 'PX', ARGV[8])
write_audit_outbox(base, id, auditJson, 9)
drop_hold(base, token)
return {'created', json}
