--[[
  Records what the staff member chose after the citizen declined: keep the appointment, or call the
  citizen. ("Cancel and free the slot" is the ordinary cancel script.)

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix); keys built from it carry its hash tag.
  ARGV[1]  appointment id
  ARGV[2]  expected sequence (the one the notice was about)
  ARGV[3]  'keep' | 'call'
  ARGV[4]  updatedAt (epoch ms)
  ARGV[5]  audit entry JSON

  Returns {'ok', appointmentJson} or {'err', 'appointment-not-found' | 'appointment-not-active' |
  'stale-appointment'}.
]]
-- @include book
local base = KEYS[1]
local id = ARGV[1]
local a, refused = booked_appointment(base, id, ARGV[2])
if not a then return {'err', refused} end
if type(a.reply) ~= 'table' or a.reply.sequence ~= a.sequence or a.reply.status ~= 'declined' then
  return {'err', 'stale-appointment'}
end
a.reply.followUp = ARGV[3]
a.updatedAt = tonumber(ARGV[4])
local out = cjson.encode(a)
redis.call('SET', k_appt(base, id), out)
redis.call('RPUSH', k_audit(base, id), ARGV[5])
return {'ok', out}
