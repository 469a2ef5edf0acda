--[[
  Confirms a booking: idempotent on the client key, re-checks the overlap atomically (appointments,
  other holds, busy blocks synced from the staff member's own calendar) and the staff member's
  absences on that day (one reported after the hold refuses it), consumes the hold, writes
  appointment + indexes + audit + outbox in one step.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  ARGV[1]  client key (idempotency)
  ARGV[2]  hold token, '' for none
  ARGV[3]  holder (whose own holds do not block)
  ARGV[4]  appointment JSON (status 'booked'), stored as it is
  ARGV[5]  audit entry JSON
  ARGV[6]  now (epoch ms)
  ARGV[7]  local date (YYYY-MM-DD) of the start
  ARGV[8]  idempotency key time to live in ms
  ARGV[9]  appointment id       ARGV[10] staff id       ARGV[11] start
  ARGV[12] blockStart           ARGV[13] blockEnd       (the JSON's fields, so the script need not decode it)
  ARGV[14] search entries JSON (src/domain/search-keys.ts searchEntriesOf), indexed in this step
  ARGV[15] appointment reference candidates, comma-separated: the first one not in use is reserved
           (HASH refs) and stored as the appointment's `ref`
  ARGV[16] number of outbox entries n, then n pairs: ARGV[17] dedupe key, ARGV[18] message JSON, …

  Returns {'created', appointmentJson}, {'existing', appointmentJson} for a retry of the same
  client key, or {'err', 'slot-taken' | 'duplicate-id' | 'no-reference'} ('slot-taken' also for an
  absence; 'no-reference': every candidate in use, the caller draws new ones).
  An expired (or unknown) hold token is no error: the slot is booked when it is still free.
]]
-- @include book
-- @include search
local base = KEYS[1]
local clientKey, token, holder, json, auditJson = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local now = tonumber(ARGV[6])

local idemKey = k_idem(base, clientKey)
local existing = redis.call('GET', idemKey)
if existing then
  local raw = redis.call('GET', k_appt(base, existing))
  if raw then return {'existing', raw} end
end

local id, staffId = ARGV[9], ARGV[10]
local bs, be = tonumber(ARGV[12]), tonumber(ARGV[13])
if block_taken(base, staffId, ARGV[12], bs, be, now, token, holder, '')
  or absence_conflict(base, staffId, ARGV[7], cjson.decode(json).channel) then
  return {'err', 'slot-taken'}
end

-- An id that exists already is refused before anything else is written
if redis.call('EXISTS', k_appt(base, id)) == 1 then return {'err', 'duplicate-id'} end
local ref = ref_reserve(base, id, ARGV[15])
if not ref then return {'err', 'no-reference'} end
local a = decode_appt(json, id)
a.ref = ref
-- Only the scripts read it (the record's schema drops it): retention deletes the idempotency key with the appointment.
a.clientKey = clientKey
json = cjson.encode(a)
redis.call('SET', k_appt(base, id), json)
index_add(base, id, ARGV[14])
cal_add(base, staffId, id, ARGV[12], ARGV[13])
redis.call('ZADD', k_sappts(base, staffId), ARGV[11], id)
redis.call('SADD', k_day(base, ARGV[7]), id)
redis.call('ZADD', k_bystart(base), ARGV[11], id)
redis.call('SET', idemKey, id, 'PX', ARGV[8])
write_audit_outbox(base, id, auditJson, 16)
drop_hold(base, token, holder)
return {'created', json}
