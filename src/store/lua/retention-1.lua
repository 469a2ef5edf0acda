--[[
  Retention (DSGVO) for a batch of appointments, each handled atomically.

  KEYS[1]  the `{book}:` namespace (keys.bookBase()). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry the `{book}` hash tag, so on Cluster they share KEYS[1]'s slot.
  ARGV[1]  'anonymise' or 'audit'
  ARGV[2]  cutoff (epoch ms)
  ARGV[3…] appointment ids

  'anonymise': removes the citizen's name, email, phone, the note, the meeting link and the cancel
  reason of appointments whose end lies before the cutoff, and marks them `anonymised`. Kept for
  statistics: status, service, channel, staff, times, createdAt, cancelledBy.
  'audit': drops the appointment's audit entries whose `at` lies before the cutoff.

  Returns one pair per id: {handled, due}. handled = 1/0 appointments anonymised, or the number of
  audit entries removed; due = 0 when the appointment is not (entirely) due yet: it ends after the
  cutoff, or newer audit entries remain. The caller keeps its cursor before those.
]]
-- @include book
local base = KEYS[1]
local mode = ARGV[1]
local cutoff = tonumber(ARGV[2])
local out = {}

for i = 3, #ARGV do
  local id = ARGV[i]
  local handled, due = 0, 1
  if mode == 'anonymise' then
    local key = k_appt(base, id)
    local raw = redis.call('GET', key)
    if raw then
      local a = cjson.decode(raw)
      if a['end'] >= cutoff then
        due = 0
      elseif not a.anonymised then
        local language = 'de'
        if type(a.citizen) == 'table' and a.citizen.language then language = a.citizen.language end
        a.citizen = { name = '', email = '', language = language }
        a.note = nil
        a.meetingUrl = nil
        a.cancelReason = nil
        a.anonymised = true
        redis.call('SET', key, cjson.encode(a))
        handled = 1
      end
    end
  else
    local key = k_audit(base, id)
    while true do
      local head = redis.call('LINDEX', key, 0)
      if not head then break end
      if cjson.decode(head).at >= cutoff then
        due = 0
        break
      end
      redis.call('LPOP', key)
      handled = handled + 1
    end
  end
  out[#out + 1] = handled
  out[#out + 1] = due
end
return out
