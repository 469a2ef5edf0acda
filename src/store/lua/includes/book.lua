--[[
  Shared helpers of the booking scripts. `base` is KEYS[1] = `{tag}:book:` (keys.bookBase() after the
  client's key prefix, whose hash tag is the deployment's); the suffixes mirror src/store/keys.ts (keep
  both in step). Keys built here are not declared to Redis: they are Cluster-safe because each is
  `base .. suffix` and so carries KEYS[1]'s hash tag (the key contract: docs/redis-keys.md).
  Numbers (epoch ms) are compared as Lua numbers; ZSET range bounds are passed as the original strings.
]]
local function k_appt(base, id) return base .. 'appt:' .. id end
local function k_cal(base, staffId) return base .. 'cal:' .. staffId end
local function k_calend(base, staffId) return base .. 'calend:' .. staffId end
local function k_sappts(base, staffId) return base .. 'sappts:' .. staffId end
local function k_holds(base, staffId) return base .. 'holds:' .. staffId end
local function k_busy(base, staffId) return base .. 'busy:' .. staffId end
local function k_hold(base, token) return base .. 'hold:' .. token end
local function k_day(base, date) return base .. 'day:' .. date end
local function k_idem(base, clientKey) return base .. 'idem:' .. clientKey end
local function k_audit(base, id) return base .. 'audit:' .. id end
local function k_bystart(base) return base .. 'bystart' end
local function k_outbox(base) return base .. 'outbox' end
local function k_absences(base) return base .. 'absences' end
local function k_absences_byend(base) return base .. 'absences:byend' end
local function k_version(base) return base .. 'version' end
local function k_facts(base, month, staffId) return base .. 'facts:' .. month .. ':' .. staffId end
local function k_factstaff(base, month) return base .. 'factstaff:' .. month end
local function k_calls(base) return base .. 'calls' end
local function k_staffcalls(base, staffId) return base .. 'calls:' .. staffId end

-- Decodes stored JSON. Records written before text was normalised at the edges (src/domain/text.ts)
-- may hold a lone UTF-16 surrogate, which JSON.stringify writes as an escape (\ud800) and cjson
-- rejects. JSON.stringify writes valid pairs as UTF-8, so every surrogate escape is a lone one: it is
-- read as U+FFFD. Returns nil when the record is still unreadable.
local function decode_json(raw)
  local ok, v = pcall(cjson.decode, raw)
  if ok then return v end
  local repaired = string.gsub(raw, '\\u[dD][89a-fA-F]%x%x', '\\ufffd')
  ok, v = pcall(cjson.decode, repaired)
  if ok then return v end
  return nil
end

-- An appointment record; raises a plain error naming the id when it cannot be read at all.
local function decode_appt(raw, id)
  local a = decode_json(raw)
  if a == nil then error('unreadable appointment record ' .. tostring(id)) end
  return a
end

-- The booked appointment `id` at the expected sequence, or nil and the error code the scripts return
-- ('appointment-not-found' | 'appointment-not-active' | 'stale-appointment'). One that retention has
-- anonymised is no longer active: a move or cancel read before retention must not write the
-- citizen's data back (nor index it again).
local function booked_appointment(base, id, expectedSequence)
  local raw = redis.call('GET', k_appt(base, id))
  if not raw then return nil, 'appointment-not-found' end
  local a = decode_appt(raw, id)
  if a.status ~= 'booked' or a.anonymised then return nil, 'appointment-not-active' end
  if a.sequence ~= tonumber(expectedSequence) then return nil, 'stale-appointment' end
  return a
end

-- True when an unexpired hold of somebody else (not `holder`) overlaps [bs, be). `ownToken` grants
-- nothing by itself: a token of somebody else's hold does not make their hold one's own.
-- Holds that expired at `now` are dropped on the way (their keys may still exist for a moment).
local function hold_conflict(base, staffId, bs, be, now, ownToken, holder)
  local hk = k_holds(base, staffId)
  local all = redis.call('ZRANGE', hk, 0, -1, 'WITHSCORES')
  local conflict, expired = false, false
  for i = 1, #all, 2 do
    local t = all[i]
    if tonumber(all[i + 1]) <= now then
      redis.call('DEL', k_hold(base, t))
      expired = true
    elseif not conflict then
      local raw = redis.call('GET', k_hold(base, t))
      if raw then
        local h = cjson.decode(raw)
        if h.holder ~= holder and h.blockStart < be and h.blockEnd > bs then conflict = true end
      end
    end
  end
  if expired then redis.call('ZREMRANGEBYSCORE', hk, '-inf', now) end
  return conflict
end

-- True when a blocking appointment of the staff member (other than `ignoreId`) overlaps [bs, be).
-- Blocks of one staff member never overlap, so ordered by end they are ordered by start too: only
-- the first block ending after `bs` can overlap, and it does when it starts before `be`.
local function appointment_conflict(base, staffId, bsArg, be, ignoreId)
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', k_calend(base, staffId), '(' .. bsArg, '+inf', 'LIMIT', 0, 2)) do
    if id ~= ignoreId then
      return tonumber(redis.call('ZSCORE', k_cal(base, staffId), id)) < be
    end
  end
  return false
end

-- True when a busy block synced from the staff member's own calendar overlaps [bs, be).
-- The synced blocks are disjoint (merged by the sync) and scored by end, members '<start>:<end>':
-- as for appointments, only the first block ending after `bs` can overlap.
local function busy_conflict(base, staffId, bsArg, be)
  local first = redis.call('ZRANGEBYSCORE', k_busy(base, staffId), '(' .. bsArg, '+inf', 'LIMIT', 0, 1)[1]
  if not first then return false end
  local s = tonumber(string.match(first, '^(%-?%d+):'))
  return s == nil or s < be
end

-- A local date YYYY-MM-DD as the number YYYYMMDD (the order of the dates).
local function day_number(date) return tonumber((string.gsub(date, '-', ''))) end

-- The stored absences (JSON, in no order) that end on or after the local `date`, through the index by
-- end day: absences are kept for the reports, so the hash grows with the years, and a turn needs only
-- the current and coming ones. An index that does not match the hash (written by an earlier version,
-- or by an instance not yet updated) is rebuilt from it first; an absence that cannot be read is
-- indexed as never ending, so it is always handed to the caller's checks.
local function absences_ending_from(base, date)
  local hash, index = k_absences(base), k_absences_byend(base)
  if redis.call('HLEN', hash) ~= redis.call('ZCARD', index) then
    redis.call('DEL', index)
    local all = redis.call('HGETALL', hash)
    for i = 1, #all, 2 do
      local a = decode_json(all[i + 1])
      local ends = a and type(a.to) == 'string' and day_number(a.to) or 99991231
      redis.call('ZADD', index, ends, all[i])
    end
  end
  local ids = redis.call('ZRANGEBYSCORE', index, day_number(date), '+inf')
  if #ids == 0 then return {} end
  return redis.call('HMGET', hash, unpack(ids))
end

-- True when an absence of the staff member on the local `date` (YYYY-MM-DD) rules the channel out:
-- 'absent' rules out every channel, 'home-office-only' the in-person one (as windowAllows in
-- src/domain/availability.ts). Reported between a hold and its confirm, it must refuse the confirm.
local function absence_conflict(base, staffId, date, channel)
  for _, raw in ipairs(absences_ending_from(base, date)) do
    local a = raw and decode_json(raw)
    if a and a.staffId == staffId and a.from <= date and date <= a.to then
      if a.mode == 'absent' or (a.mode == 'home-office-only' and channel == 'in-person') then return true end
    end
  end
  return false
end

-- Whether [bs, be) of the staff member is taken: somebody else's hold, an appointment (other than
-- `ignoreId`) or a busy block of their own calendar.
local function block_taken(base, staffId, bsArg, bs, be, now, ownToken, holder, ignoreId)
  return hold_conflict(base, staffId, bs, be, now, ownToken, holder)
    or appointment_conflict(base, staffId, bsArg, be, ignoreId)
    or busy_conflict(base, staffId, bsArg, be)
end

-- Adds/removes a block in the two calendar indexes (by start and by end).
local function cal_add(base, staffId, id, bsArg, beArg)
  redis.call('ZADD', k_cal(base, staffId), bsArg, id)
  redis.call('ZADD', k_calend(base, staffId), beArg, id)
end
local function cal_rem(base, staffId, id)
  redis.call('ZREM', k_cal(base, staffId), id)
  redis.call('ZREM', k_calend(base, staffId), id)
end

-- Counts the book's version up (keys.bookVersion): a summary's reads are kept while it is unchanged.
local function book_changed(base)
  redis.call('INCR', k_version(base))
end

-- Whose list (`calls:<staff>`) an open call is on: its staffId, or, when its JSON cannot be read, the
-- staffId still legible in the bytes. Without it the id would stay in that list after the call left
-- `calls`, and the list's ZCARD (the agenda's and the summary's count) would count a call nobody can see.
-- (Bytes without a legible staffId name no list: such an id would stay counted on it.)
local function call_staff(open, raw)
  if type(open) == 'table' and type(open.staffId) == 'string' then return open.staffId end
  return string.match(raw, '"staffId"%s*:%s*"([^"]+)"')
end

-- Opens the call of a 'staff-call' outbox message (JSON) on the call list: one open call per
-- appointment, the latest change's (it replaces an older one, also from another staff member's list).
-- An open call of the same or a newer sequence stays as it is (a failed reminder SMS does not hide
-- the change the citizen still has to hear about). Counts the book's version up (the summary counts calls).
local function open_call(base, msgJson)
  local m = decode_json(msgJson)
  if m == nil or m.kind ~= 'staff-call' then return false end
  local id = m.appointmentId
  local raw = redis.call('HGET', k_calls(base), id)
  if raw then
    local open = decode_json(raw)
    if open and tonumber(open.sequence) >= tonumber(m.sequence) then return false end
    local was = call_staff(open, raw)
    if was and was ~= m.staffId then redis.call('ZREM', k_staffcalls(base, was), id) end
  end
  local call = { appointmentId = id, staffId = m.staffId, sequence = m.sequence, event = m.event,
    cause = m.cause, at = m.at, tries = 0 }
  if m.previous then call.previous = m.previous end
  redis.call('HSET', k_calls(base), id, cjson.encode(call))
  redis.call('ZADD', k_staffcalls(base, m.staffId), m.at, id)
  book_changed(base)
  return true
end

-- Closes the open call of an appointment, whoever's list it is on. True when there was one.
local function close_call(base, id)
  local raw = redis.call('HGET', k_calls(base), id)
  if not raw then return false end
  local staffId = call_staff(decode_json(raw), raw)
  redis.call('HDEL', k_calls(base), id)
  if staffId then redis.call('ZREM', k_staffcalls(base, staffId), id) end
  book_changed(base)
  return true
end

-- Appends audit entry and outbox entries; ARGV from index `first` on: count, then key/msg pairs.
-- Every change of an appointment (confirm, move, cancel) ends here, so it counts the version up too.
-- A call card's entry (key with ':staff-call:', store/outbox/messages.ts staffCallKey) opens its call.
local function write_audit_outbox(base, id, auditJson, first)
  book_changed(base)
  if auditJson ~= '' then redis.call('RPUSH', k_audit(base, id), auditJson) end
  local n = tonumber(ARGV[first])
  for i = 1, n do
    local key, msg = ARGV[first + 2 * i - 1], ARGV[first + 2 * i]
    redis.call('XADD', k_outbox(base), '*', 'key', key, 'msg', msg)
    if string.find(key, ':staff-call:', 1, true) then open_call(base, msg) end
  end
end

-- Deletes a hold (consumed by a booking or released) — only its holder's. Returns true when dropped.
local function drop_hold(base, token, holder)
  if token == '' then return false end
  local hkey = k_hold(base, token)
  local raw = redis.call('GET', hkey)
  if not raw then return false end
  local h = decode_json(raw)
  if h == nil or h.holder ~= holder then return false end
  redis.call('DEL', hkey)
  redis.call('ZREM', k_holds(base, h.staffId), token)
  return true
end
