--[[
  An operator's purge of an appointment retention cannot read (npm run purge-unreadable), in one step.

  KEYS[1]  `{tag}:book:` (keys.bookBase()); the script builds its keys from it (includes/book.lua)
  KEYS[2]  `{tag}:sms:` (keys.smsBase()): the records of the appointment's SMS
  KEYS[3]  keys.retentionUnreadable(): the ids retention reported (the purged one leaves it)
  ARGV[1]  'record' or 'audit'
  ARGV[2]  appointment id
  'record', further:
  ARGV[3]  SHA-1 of the record as the caller read it (and could not parse); '' when there is none
  ARGV[4]  local date (YYYY-MM-DD) of its start from `bystart`, '' when unknown
  ARGV[5…] the directory's staff ids (whose calendar indexes may name it)

  'record': the record could not be read, so nothing of it is kept (no facts for reports: they cannot
  be computed) and everything that holds or finds it is deleted, as retention-2.lua's compaction
  deletes it: the record, its calendar indexes (`cal:`/`calend:`/`sappts:` of every staff id given and
  of the `staffId` still legible in the bytes), `day:`, `bystart`, the search index and its reference
  (legible in the bytes, or looked up in `refs`),
  its audit list, its open call, the records of its SMS, its idempotency key. The SHA-1 proves the
  record is still the one the caller found unreadable; otherwise nothing happens ('changed').
  'audit': the record is readable (retention handles it), only audit entries that cannot be read are
  removed (they stopped retention's audit pass for it).

  Returns {outcome, removed}: outcome 'purged' | 'changed' | 'audit' (removed = unreadable audit entries
  removed).
]]
-- @include book
-- @include search
-- @include sms-forget
local base = KEYS[1]
local sms_base = KEYS[2]
local reported = KEYS[3]
local mode = ARGV[1]
local id = ARGV[2]

local function purge_audit()
  local key = k_audit(base, id)
  local removed = 0
  for _, entry in ipairs(redis.call('LRANGE', key, 0, -1)) do
    local e = decode_json(entry)
    if type(e) ~= 'table' or type(e.at) ~= 'number' then
      removed = removed + redis.call('LREM', key, 0, entry)
    end
  end
  return removed
end

if mode == 'audit' then
  local removed = purge_audit()
  redis.call('SREM', reported, id)
  return { 'audit', removed }
end

local key = k_appt(base, id)
local raw = redis.call('GET', key)
local sha = ARGV[3]
if (raw and redis.sha1hex(raw) ~= sha) or (not raw and sha ~= '') then return { 'changed', 0 } end
local text = raw or ''

-- Fields still legible in the bytes of a record cut off or garbled (plain string search, no decoding).
local function field(name)
  return string.match(text, '"' .. name .. '"%s*:%s*"([^"]+)"')
end

local staff = {}
for i = 5, #ARGV do staff[ARGV[i]] = true end
local legible = field('staffId')
if legible then staff[legible] = true end
for staffId in pairs(staff) do
  cal_rem(base, staffId, id)
  redis.call('ZREM', k_sappts(base, staffId), id)
end
if ARGV[4] ~= '' then redis.call('SREM', k_day(base, ARGV[4]), id) end
redis.call('ZREM', k_bystart(base), id)
index_remove(base, id)
-- Its citizen reference: from the bytes, else found in the references (an operator's command, run
-- rarely: one pass over the hash is affordable).
local ref = field('ref')
if ref then
  ref_free(base, id, ref)
else
  local refs = redis.call('HGETALL', k_refs(base))
  for i = 1, #refs, 2 do
    if refs[i + 1] == id then redis.call('HDEL', k_refs(base), refs[i]) end
  end
end
close_call(base, id)
sms_forget(sms_base, id)
local clientKey = field('clientKey')
if clientKey and redis.call('GET', k_idem(base, clientKey)) == id then redis.call('DEL', k_idem(base, clientKey)) end
redis.call('DEL', key, k_audit(base, id))
redis.call('SREM', reported, id)
book_changed(base)
return { 'purged', 0 }
