--[[
  Reschedules or moves a booked appointment atomically (possibly to another staff member and
  channel). Keeps id and uid, increments the sequence, counts `moves` when the time or the staff
  member changes.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  ARGV[1]  appointment id
  ARGV[2]  expected sequence (the one the caller saw)
  ARGV[3]  new staff id
  ARGV[4]  new start          ARGV[5]  new end
  ARGV[6]  new blockStart     ARGV[7]  new blockEnd
  ARGV[8]  new channel
  ARGV[9]  new local date     ARGV[10] old local date (of the appointment at the expected sequence)
  ARGV[11] updatedAt / now (epoch ms)
  ARGV[12] hold token on the new block, '' for none
  ARGV[13] holder (whose own holds do not block)
  ARGV[14] JSON object merged into the appointment (null removes a field), '{}' for none
  ARGV[15] audit entry JSON
  ARGV[16] citizen move limit: '' for a move by staff or replanning; a number for a move through the
           citizen's reschedule link, refused ('move-limit') when `citizenMoves` has reached it, else counted
  ARGV[17] search entries JSON of the moved appointment when the patch changes the citizen (re-indexed
           in this step), '' to keep the index as it is
  ARGV[18] number of outbox entries n, then n pairs of dedupe key and message JSON

  Returns {'ok', appointmentJson} or {'err', 'appointment-not-found' | 'appointment-not-active' |
  'stale-appointment' | 'move-limit' | 'slot-taken'} (also for a busy block synced from the new staff
  member's own calendar, and for an absence of the new staff member that rules out the new channel
  on the new day). A channel other than video drops the meeting link.
]]
-- @include book
-- @include search
local base = KEYS[1]
local id, newStaff = ARGV[1], ARGV[3]
local now = tonumber(ARGV[11])
local a, refused = booked_appointment(base, id, ARGV[2])
if not a then return {'err', refused} end
local citizenLimit = tonumber(ARGV[16])
if citizenLimit and (tonumber(a.citizenMoves) or 0) >= citizenLimit then return {'err', 'move-limit'} end

local bs, be = tonumber(ARGV[6]), tonumber(ARGV[7])
if block_taken(base, newStaff, ARGV[6], bs, be, now, ARGV[12], ARGV[13], id)
  or absence_conflict(base, newStaff, ARGV[9], ARGV[8]) then
  return {'err', 'slot-taken'}
end

-- A move to another time or staff member counts for reports (a channel change alone does not).
if newStaff ~= a.staffId or tonumber(ARGV[4]) ~= a.start then a.moves = (tonumber(a.moves) or 0) + 1 end
cal_rem(base, a.staffId, id)
redis.call('ZREM', k_sappts(base, a.staffId), id)
redis.call('SREM', k_day(base, ARGV[10]), id)
cal_add(base, newStaff, id, ARGV[6], ARGV[7])
redis.call('ZADD', k_sappts(base, newStaff), ARGV[4], id)
redis.call('SADD', k_day(base, ARGV[9]), id)
redis.call('ZADD', k_bystart(base), ARGV[4], id)

a.staffId = newStaff
a.start, a['end'] = tonumber(ARGV[4]), tonumber(ARGV[5])
a.blockStart, a.blockEnd = bs, be
a.channel = ARGV[8]
if a.channel ~= 'video' then a.meetingUrl = nil end
a.sequence = a.sequence + 1
if citizenLimit then a.citizenMoves = (tonumber(a.citizenMoves) or 0) + 1 end
a.updatedAt = now
for k, v in pairs(cjson.decode(ARGV[14])) do
  if v == cjson.null then a[k] = nil else a[k] = v end
end
local out = cjson.encode(a)
redis.call('SET', k_appt(base, id), out)
if ARGV[17] ~= '' then index_add(base, id, ARGV[17]) end
write_audit_outbox(base, id, ARGV[15], 18)
drop_hold(base, ARGV[12], ARGV[13])
return {'ok', out}
