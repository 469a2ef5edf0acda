--[[
  Retention (DSGVO) for a batch of appointments, each handled atomically.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  KEYS[2]  `{tag}:sms:` (keys.smsBase()): the records of the appointment's SMS (`of:<id>`, `sent:<ref>`,
           `msg:<message id>`, `rcpt:<message id>`; src/store/sms-messages.ts), same hash tag.
  ARGV[1]  'compact' or 'audit'
  ARGV[2]  cutoff (epoch ms)
  'compact', from ARGV[3] on, four per appointment:
           id, SHA-1 of the record as the caller read it, local date (YYYY-MM-DD) of its start,
           its facts encoded (src/store/appointment-facts.ts encodeFacts)
  'audit', ARGV[3…]: appointment ids

  'compact': an appointment whose end lies before the cutoff is replaced by its facts for reports
  (HASH `facts:<YYYY-MM>:<staff>` of its start's month and its staff member, field = id; the staff member
  joins the SET `factstaff:<YYYY-MM>`) and everything else of it is deleted in the
  same step: the record, its calendar indexes (`cal:`/`calend:`/`sappts:` of its staff member), `day:`,
  `bystart`, the search index (includes/search.lua) and its reference, its audit list, its open call
  (`calls`, `calls:<staff>` of whoever has to call), the records of its SMS, its idempotency
  key (the record's `clientKey`, written by confirm-1.lua). The caller
  computed the facts from the record it read (factsOf needs the directory's teams); the SHA-1 proves
  the record is still that one, otherwise nothing happens and it is tried again next night. Keys of
  the appointment not named here expire on their own: reminder markers (a day after the end), short
  links (at the end), automatic-answer caps (2 days), delivered markers (30 days); records booked
  before `clientKey` was recorded had their idempotency key expire 7 days after booking.
  Counts the book's version up once when anything was compacted (the summary cache).
  'audit': drops the appointment's audit entries whose `at` lies before the cutoff.

  Returns one pair per appointment: {handled, due}. handled = 1/0 appointments compacted (0 also when it
  is gone already: compacted by another run), or the number of audit entries removed, or -1 when the
  record cannot be read (skipped; the caller reports it); due = 0 when the appointment is not
  (entirely) due yet: it ends after the cutoff, it changed since the caller read it, or newer audit
  entries remain.
]]
-- @include book
-- @include search
-- @include sms-forget
local base = KEYS[1]
local sms_base = KEYS[2]
local mode = ARGV[1]
local cutoff = tonumber(ARGV[2])
local out = {}
local compacted = false

local function compact(id, sha, date, facts)
  local key = k_appt(base, id)
  local raw = redis.call('GET', key)
  if not raw then
    -- Gone already (another run compacted it): an index entry left without a record goes too.
    redis.call('ZREM', k_bystart(base), id)
    return 0, 1
  end
  if redis.sha1hex(raw) ~= sha then return 0, 0 end
  local a = decode_json(raw)
  if type(a) ~= 'table' or type(a['end']) ~= 'number' or type(a.staffId) ~= 'string' then return -1, 1 end
  if a['end'] >= cutoff then return 0, 0 end
  local month = string.sub(date, 1, 7)
  redis.call('HSET', k_facts(base, month, a.staffId), id, facts)
  redis.call('SADD', k_factstaff(base, month), a.staffId)
  cal_rem(base, a.staffId, id)
  redis.call('ZREM', k_sappts(base, a.staffId), id)
  redis.call('SREM', k_day(base, date), id)
  redis.call('ZREM', k_bystart(base), id)
  index_remove(base, id)
  ref_free(base, id, a.ref)
  redis.call('DEL', key, k_audit(base, id))
  -- An open call of the call list: nobody is to call about an appointment that is anonymised. It may
  -- be on another list than the serving staff member's (a replanning's cancellation: the supervisor's).
  close_call(base, id)
  sms_forget(sms_base, id)
  if type(a.clientKey) == 'string' and redis.call('GET', k_idem(base, a.clientKey)) == id then
    redis.call('DEL', k_idem(base, a.clientKey))
  end
  compacted = true
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

local ok, handled, due
if mode == 'compact' then
  for i = 3, #ARGV, 4 do
    ok, handled, due = pcall(compact, ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
    -- One unreadable record is skipped (reported by the caller), never the end of the whole run.
    if not ok then handled, due = -1, 1 end
    out[#out + 1] = handled
    out[#out + 1] = due
  end
  if compacted then book_changed(base) end
else
  for i = 3, #ARGV do
    ok, handled, due = pcall(trim_audit, ARGV[i])
    if not ok then handled, due = -1, 1 end
    out[#out + 1] = handled
    out[#out + 1] = due
  end
end
return out
