--[[
  Stores the video link of an appointment once the meeting provider created it.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  ARGV[1]  appointment id
  ARGV[2]  meeting URL
  ARGV[3]  updatedAt (epoch ms)

  Returns {'ok', appointmentJson} or {'err', 'appointment-not-found'}.
]]
-- @include book
local base = KEYS[1]
local raw = redis.call('GET', k_appt(base, ARGV[1]))
if not raw then return {'err', 'appointment-not-found'} end
local a = decode_appt(raw, ARGV[1])
a.meetingUrl = ARGV[2]
a.updatedAt = tonumber(ARGV[3])
local out = cjson.encode(a)
redis.call('SET', k_appt(base, ARGV[1]), out)
return {'ok', out}
