--[[
  Cancels a booked appointment: frees its block, status 'cancelled', sequence + 1.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  ARGV[1]  appointment id
  ARGV[2]  expected sequence
  ARGV[3]  reason (free text, may be '')
  ARGV[4]  cancelled by: 'staff' | 'citizen' | 'replan'
  ARGV[5]  updatedAt = cancelledAt (epoch ms)
  ARGV[6]  audit entry JSON
  ARGV[7]  number of outbox entries n, then n pairs of dedupe key and message JSON

  Returns {'ok', appointmentJson} or {'err', 'appointment-not-found' | 'appointment-not-active' |
  'stale-appointment'}.
]]
-- @include book
local base = KEYS[1]
local id = ARGV[1]
local a, refused = booked_appointment(base, id, ARGV[2])
if not a then return {'err', refused} end

cal_rem(base, a.staffId, id)
a.status = 'cancelled'
if ARGV[3] ~= '' then a.cancelReason = ARGV[3] end
a.cancelledBy = ARGV[4]
a.sequence = a.sequence + 1
a.updatedAt = tonumber(ARGV[5])
a.cancelledAt = a.updatedAt
local out = cjson.encode(a)
redis.call('SET', k_appt(base, id), out)
write_audit_outbox(base, id, ARGV[6], 7)
return {'ok', out}
