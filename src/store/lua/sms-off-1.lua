--[[
  Switches SMS off for an appointment's citizen (the citizen page's "SMS abbestellen", or a STOP
  reply): citizen.smsConsent = false, with an audit entry. The sequence stays (nothing the citizen is
  told about changed); SMS already queued are skipped at delivery (src/sms/delivery.ts checks consent).

  KEYS[1]  the `{book}:` namespace (keys.bookBase()); keys built from it carry the `{book}` hash tag.
  ARGV[1]  appointment id
  ARGV[2]  audit entry JSON
  ARGV[3]  updatedAt (epoch ms)

  Returns {'ok', appointmentJson}, {'unchanged', appointmentJson} when SMS were off already, or
  {'err', 'appointment-not-found'}.
]]
-- @include book
local base = KEYS[1]
local raw = redis.call('GET', k_appt(base, ARGV[1]))
if not raw then return {'err', 'appointment-not-found'} end
local a = decode_appt(raw, ARGV[1])
if a.citizen == nil or a.citizen.smsConsent ~= true then return {'unchanged', raw} end
a.citizen.smsConsent = false
a.updatedAt = tonumber(ARGV[3])
local out = cjson.encode(a)
redis.call('SET', k_appt(base, ARGV[1]), out)
redis.call('RPUSH', k_audit(base, ARGV[1]), ARGV[2])
return {'ok', out}
