--[[
  Records what the staff member chose after the citizen declined (their own decline, or one from
  another address the staff member judged): keep the appointment, or call the citizen; or that they
  declined the time the citizen proposed (COUNTER), queueing the DECLINECOUNTER in the same step. ("Cancel and
  free the slot" is the ordinary cancel script.) Keeping it tells the citizen, by mail, that the time
  stays reserved for them: they declined and would otherwise think it gone.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix); keys built from it carry its hash tag.
  ARGV[1]  appointment id
  ARGV[2]  expected sequence (the one the notice was about)
  ARGV[3]  'keep' | 'call' | 'decline-proposal'
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

if ARGV[3] == 'decline-proposal' then
  -- "Ablehnen" on a proposed time: once per proposal, the DECLINECOUNTER goes out with the decision.
  local p = a.proposal
  if type(p) ~= 'table' or p.sequence ~= a.sequence or p.declined then return {'err', 'stale-appointment'} end
  p.declined = true
  a.updatedAt = tonumber(ARGV[4])
  local out = cjson.encode(a)
  redis.call('SET', k_appt(base, id), out)
  redis.call('RPUSH', k_audit(base, id), ARGV[5])
  local msg = cjson.encode({kind = 'citizen-declinecounter', appointmentId = id, sequence = a.sequence})
  redis.call('XADD', k_outbox(base), '*', 'key', id .. ':citizen-declinecounter:' .. a.sequence .. ':' .. p.at, 'msg', msg)
  return {'ok', out}
end
local function declined_now(r)
  return type(r) == 'table' and r.sequence == a.sequence and r.status == 'declined'
end
local answer
if declined_now(a.reply) then answer = a.reply
elseif declined_now(a.otherReply) then answer = a.otherReply
else return {'err', 'stale-appointment'} end
local first = answer.followUp == nil
answer.followUp = ARGV[3]
a.updatedAt = tonumber(ARGV[4])
local out = cjson.encode(a)
redis.call('SET', k_appt(base, id), out)
redis.call('RPUSH', k_audit(base, id), ARGV[5])
if ARGV[3] == 'keep' and first and type(a.citizen) == 'table' and type(a.citizen.email) == 'string'
  and a.citizen.email ~= '' then
  local msg = cjson.encode({kind = 'citizen-kept', appointmentId = id, sequence = a.sequence})
  redis.call('XADD', k_outbox(base), '*', 'key', id .. ':citizen-kept:' .. a.sequence, 'msg', msg)
end
return {'ok', out}
