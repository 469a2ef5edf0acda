--[[
  Retention (DSGVO) for a batch of appointments, each handled atomically.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  ARGV[1]  'anonymise' or 'audit'
  ARGV[2]  cutoff (epoch ms)
  ARGV[3…] appointment ids

  'anonymise': removes the citizen's name, email, phone, the note, the meeting link and the cancel
  reason of appointments whose end lies before the cutoff, and marks them `anonymised`; in the same
  step the appointment leaves the search index (includes/search.lua) and its reference is freed.
  Kept for statistics (domain/appointment-facts.ts): status, services, channel, staff, times, createdAt,
  cancelledBy, cancelledAt, moves, reachedBy.
  'audit': drops the appointment's audit entries whose `at` lies before the cutoff.

  Returns one pair per id: {handled, due}. handled = 1/0 appointments anonymised, or the number of
  audit entries removed, or -1 when the record cannot be read (skipped; the caller reports it);
  due = 0 when the appointment is not (entirely) due yet: it ends after the cutoff, or newer audit
  entries remain. The caller keeps its cursor before those.
]]
-- @include book
-- @include search
local base = KEYS[1]
local mode = ARGV[1]
local cutoff = tonumber(ARGV[2])
local out = {}

local function anonymise(id)
  local key = k_appt(base, id)
  local raw = redis.call('GET', key)
  if not raw then return 0, 1 end
  local a = decode_json(raw)
  if type(a) ~= 'table' or type(a['end']) ~= 'number' then return -1, 1 end
  if a['end'] >= cutoff then return 0, 0 end
  if a.anonymised then return 0, 1 end
  local language = 'de'
  if type(a.citizen) == 'table' and a.citizen.language then language = a.citizen.language end
  a.citizen = { name = '', email = '', language = language }
  a.note = nil
  a.meetingUrl = nil
  a.cancelReason = nil
  index_remove(base, id)
  ref_free(base, id, a.ref)
  a.ref = nil
  a.anonymised = true
  redis.call('SET', key, cjson.encode(a))
  return 1, 1
end

local function trim_audit(id)
  local key = k_audit(base, id)
  local handled = 0
  while true do
    local head = redis.call('LINDEX', key, 0)
    if not head then break end
    local entry = decode_json(head)
    if type(entry) ~= 'table' or type(entry.at) ~= 'number' then return -1, 1 end
    if entry.at >= cutoff then return handled, 0 end
    redis.call('LPOP', key)
    handled = handled + 1
  end
  return handled, 1
end

for i = 3, #ARGV do
  local id = ARGV[i]
  local ok, handled, due
  if mode == 'anonymise' then
    ok, handled, due = pcall(anonymise, id)
  else
    ok, handled, due = pcall(trim_audit, id)
  end
  -- One unreadable record is skipped (reported by the caller), never the end of the whole run.
  if not ok then handled, due = -1, 1 end
  out[#out + 1] = handled
  out[#out + 1] = due
end
return out
