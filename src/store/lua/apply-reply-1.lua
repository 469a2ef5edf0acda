--[[
  Applies a citizen's iTIP answer read from the organisation mailbox (REPLY or COUNTER), exactly once
  per mail: the mail's claims are checked and marked done in the same atomic step as the change.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua and `mbox:done:`); they all carry KEYS[1]'s hash tag.
  ARGV[1]  appointment id (from the UID)
  ARGV[2]  UID of the REPLY (must equal the appointment's)
  ARGV[3]  the ATTENDEE's address (compared with the citizen's as a mailbox: case and a plus tag do not matter;
           string.lower knows only ASCII, so the caller passes the citizen's stored address when it matched
           it in JavaScript: upper-case umlauts, the other form of an internationalised domain)
  ARGV[4]  method: 'REPLY' | 'COUNTER'
  ARGV[5]  REPLY: 'accepted' | 'declined' | 'tentative'; COUNTER: ''
  ARGV[6]  SEQUENCE of the REPLY
  ARGV[7]  DTSTAMP of the REPLY (epoch ms, 0 when absent)
  ARGV[8]  now (epoch ms)
  ARGV[9]  claim id of the mail in its mailbox (mailbox, UIDVALIDITY, UID or file)
  ARGV[10] claim id of its Message-ID ('' when it has none)
  ARGV[11] how long the done markers stay (ms)
  ARGV[12] audit entry JSON (actor 'citizen'; action filled in here)
  ARGV[13] today's local date (YYYY-MM-DD): proposals are counted per appointment and day, ignored
           answers per day (`mbox:ignored:<date>`, for the supervisor's summary)
  ARGV[14] how many proposals (COUNTER) of an appointment are shown to its staff member a day; the
           first one over it alerts the supervisors once, the others are recorded in the audit only
  ARGV[15] the citizen's comment (iTIP COMMENT, cleaned and cut short by the caller; '' when none)
  ARGV[16] COUNTER: the proposed start (epoch ms; '' for a REPLY)
  ARGV[17] COUNTER: the proposed end

  Returns {'duplicate', outcome} when the mail was processed before; otherwise the outcome, with the
  markers set: {'applied', appointmentJson, effect} where effect is 'recorded' | 'declined-notice' |
  'proposal-notice' | 'capped' | 'other-address' | 'unchanged'; or {'ignored', reason} with reason 'unknown-uid' | 'not-attendee' |
  'stale-sequence' | 'future-sequence' | 'not-active' | 'older-reply' | 'unreadable-appointment'. Ignored mails change nothing else.
]]
-- @include book
local base = KEYS[1]
local id, uid, attendee, method, partstat = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local seq, stamp, now = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local claimMail, claimId, ttl = ARGV[9], ARGV[10], ARGV[11]

local function k_done(claim) return base .. 'mbox:done:' .. claim end
-- keys.autoAnswers(appointmentId, date)
local function k_autoanswers(appointmentId, date) return base .. 'autoanswers:' .. appointmentId .. ':' .. date end

-- The mailbox an address names: lower case, without a plus tag in the local part
-- (fritz+termin@example.org is fritz@example.org). Mirrors src/domain/mailbox-address.ts.
local function mailbox_of(address)
  local lower = string.lower(tostring(address))
  local localPart, domain = string.match(lower, '^%s*(.*)@([^@]*)%s*$')
  if not localPart then return lower end
  local plus = string.find(localPart, '+', 2, true)
  if plus then localPart = string.sub(localPart, 1, plus - 1) end
  return localPart .. '@' .. domain
end

for _, c in ipairs({claimMail, claimId}) do
  if c ~= '' then
    local done = redis.call('GET', k_done(c))
    if done then return {'duplicate', done} end
  end
end

local function mark(outcome)
  for _, c in ipairs({claimMail, claimId}) do
    if c ~= '' then redis.call('SET', k_done(c), outcome, 'PX', ttl) end
  end
end

-- keys.mailboxIgnored(date): ignored answers per local day, for the summary (kept a week and a day).
local function k_ignored(date) return base .. 'mbox:ignored:' .. date end

local function ignored(reason)
  mark('ignored')
  redis.call('INCR', k_ignored(ARGV[13]))
  redis.call('PEXPIRE', k_ignored(ARGV[13]), 8 * 86400000)
  return {'ignored', reason}
end

local raw = redis.call('GET', k_appt(base, id))
if not raw then return ignored('unknown-uid') end
local a = decode_json(raw)
if a == nil then return ignored('unreadable-appointment') end
if a.uid ~= uid then return ignored('unknown-uid') end
if a.anonymised or type(a.citizen) ~= 'table' or type(a.citizen.email) ~= 'string' then
  return ignored('not-attendee')
end
local own = mailbox_of(a.citizen.email) == mailbox_of(attendee)
-- Another address may still be the citizen's (a second mailbox, an alias the client answers from):
-- a decline from it is not applied, but the serving staff member is shown it and decides. Anything
-- else from another address is ignored (and left for a person in the mailbox).
if not own and not (method == 'REPLY' and partstat == 'declined') then return ignored('not-attendee') end
if a.status ~= 'booked' then return ignored('not-active') end
if seq < a.sequence then return ignored('stale-sequence') end
if seq > a.sequence then return ignored('future-sequence') end

local comment = ARGV[15]
local audit = cjson.decode(ARGV[12])
local effect
if not own then
  local known = (type(a.otherReply) == 'table' and a.otherReply.sequence == a.sequence)
    or (type(a.reply) == 'table' and a.reply.sequence == a.sequence and a.reply.status == 'declined')
  local other = {from = attendee, status = 'declined', sequence = a.sequence, at = now}
  if comment ~= '' then other.comment = comment end
  a.otherReply = other
  a.updatedAt = now
  redis.call('SET', k_appt(base, id), cjson.encode(a))
  audit.action = 'reply-other-address'
  effect = 'recorded'
  -- One card per version: the staff member already has one (this address's, or the citizen's own decline).
  if not known then
    effect = 'other-address'
    local msg = cjson.encode({kind = 'staff-notice', staffId = a.staffId, appointmentId = id, event = 'other-address-declined'})
    redis.call('XADD', k_outbox(base), '*', 'key',
      id .. ':staff-notice:other-address-declined:' .. a.staffId .. ':' .. a.sequence, 'msg', msg)
  end
elseif method == 'COUNTER' then
  -- A proposed other time: the staff member decides ("Vorschlag annehmen" / "Ablehnen") — at most
  -- ARGV[14] times a day per appointment: forged COUNTERs must not flood the staff member, nor through
  -- their answers the citizen. The first one over the cap tells the supervisors, once.
  local capKey = k_autoanswers(id, ARGV[13])
  local shown = redis.call('INCR', capKey)
  if shown == 1 then redis.call('PEXPIRE', capKey, 2 * 86400000) end
  if shown <= tonumber(ARGV[14]) then
    effect = 'proposal-notice'
    audit.action = 'counter-received'
    local proposal = {start = tonumber(ARGV[16]), ['end'] = tonumber(ARGV[17]), sequence = a.sequence, at = now}
    if comment ~= '' then proposal.comment = comment end
    a.proposal = proposal
    a.updatedAt = now
    redis.call('SET', k_appt(base, id), cjson.encode(a))
    local msg = cjson.encode({kind = 'staff-notice', staffId = a.staffId, appointmentId = id, event = 'citizen-proposed'})
    redis.call('XADD', k_outbox(base), '*', 'key',
      id .. ':staff-notice:citizen-proposed:' .. a.staffId .. ':' .. a.sequence .. ':' .. claimMail, 'msg', msg)
  else
    effect = 'capped'
    audit.action = 'counter-not-shown'
    if shown == tonumber(ARGV[14]) + 1 then
      local alert = cjson.encode({kind = 'supervisor-alert',
        facts = {kind = 'reply-flood', appointmentId = id, answered = tonumber(ARGV[14])}})
      redis.call('XADD', k_outbox(base), '*', 'key', id .. ':supervisor-alert:reply-flood:' .. ARGV[13], 'msg', alert)
    end
  end
else
  local prev = a.reply
  if type(prev) == 'table' and prev.sequence == a.sequence and tonumber(prev.stamp) > stamp then
    return ignored('older-reply')
  end
  local wasDeclined = type(prev) == 'table' and prev.sequence == a.sequence and prev.status == 'declined'
  local reply = {status = partstat, sequence = a.sequence, stamp = stamp, at = now}
  if comment ~= '' then reply.comment = comment end
  -- A repeated decline keeps what the staff member chose after the first one.
  if wasDeclined and partstat == 'declined' and prev.followUp then reply.followUp = prev.followUp end
  a.reply = reply
  a.updatedAt = now
  redis.call('SET', k_appt(base, id), cjson.encode(a))
  audit.action = 'reply-' .. partstat
  effect = 'recorded'
  if partstat == 'declined' and not wasDeclined then
    -- The staff member hears at once, in their personal chat, with what they can do.
    effect = 'declined-notice'
    local msg = cjson.encode({kind = 'staff-notice', staffId = a.staffId, appointmentId = id, event = 'citizen-declined'})
    redis.call('XADD', k_outbox(base), '*', 'key',
      id .. ':staff-notice:citizen-declined:' .. a.staffId .. ':' .. a.sequence, 'msg', msg)
  end
end
redis.call('RPUSH', k_audit(base, id), cjson.encode(audit))
mark('applied')
return {'applied', cjson.encode(a), effect}
