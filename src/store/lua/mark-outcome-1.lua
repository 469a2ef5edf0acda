--[[
  Marks a booked (or already marked) appointment completed or no-show. The block stays in the
  calendar (the time was used); the sequence does not change (the citizen is not told).

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  ARGV[1]  appointment id
  ARGV[2]  outcome: 'completed' | 'no-show'
  ARGV[3]  updatedAt (epoch ms)
  ARGV[4]  audit entry JSON
  ARGV[5]  number of outbox entries n, then n pairs of dedupe key and message JSON (a colleague's notice)

  Returns {'ok', appointmentJson} or {'err', 'appointment-not-found' | 'appointment-not-active'}.
]]
-- @include book
local base = KEYS[1]
local id = ARGV[1]
local raw = redis.call('GET', k_appt(base, id))
if not raw then return {'err', 'appointment-not-found'} end
local a = decode_appt(raw, ARGV[1])
if a.status == 'cancelled' then return {'err', 'appointment-not-active'} end
a.status = ARGV[2]
a.updatedAt = tonumber(ARGV[3])
local out = cjson.encode(a)
redis.call('SET', k_appt(base, id), out)
write_audit_outbox(base, id, ARGV[4], 5)
return {'ok', out}
