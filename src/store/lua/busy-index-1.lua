--[[
  Read only: the busy blocks of a pool of staff members that overlap [from, to), in one command for
  all of them (a pool of 31 had cost 124 commands). Nothing is decoded here.

  Blocks of one staff member never overlap (the booking scripts refuse it; includes/book.lua
  appointment_conflict relies on it too), so ordered by end they are ordered by start. The blocks
  overlapping [from, to) are therefore the ones starting in it, plus at most one that starts before
  `from` and reaches in: the first to end after `from`. And the ends of the blocks starting in it are
  the first ends after `from`. So each index is read over about the window itself; a day's look-back
  either side, read before, was most of a search's time in Redis in a busy town.
  The synced calendar blocks (busy:, disjoint, scored by end) likewise: the ones ending in (from, to],
  and the first one ending after `to`, which may start before it.

  KEYS[1]  the booking namespace `{tag}:book:` (keys.bookBase()); the per-person keys are derived from
           it (includes/book.lua), so they share its hash tag and slot
  ARGV[1]  from (ms)   ARGV[2]  to (ms)   ARGV[3]  now: live holds expire after it
  ARGV[4…] the staff ids

  Returns, per staff id in order, five lists: the block reaching in from before `from` (id, start, end;
  or empty), the blocks starting in the window (id, start, …), their ends (end, … in the same order),
  live hold tokens, synced calendar blocks ("start:end"; the caller keeps those starting before `to`).
]]
-- @include book
local base = KEYS[1]
local from, to, now = ARGV[1], ARGV[2], ARGV[3]
local fromN = tonumber(from)
local out = {}
for i = 4, #ARGV do
  local staffId = ARGV[i]
  local cal, calend = k_cal(base, staffId), k_calend(base, staffId)
  local starts = redis.call('ZRANGEBYSCORE', cal, from, '(' .. to, 'WITHSCORES')
  local ends = redis.call('ZRANGEBYSCORE', calend, '(' .. from, '+inf', 'WITHSCORES', 'LIMIT', 0, #starts / 2 + 1)
  -- The first block to end after `from` starts before it when it is not the first to start in the window.
  local reaching = {}
  local skip = 0
  if ends[1] and ends[1] ~= starts[1] then
    local raw = redis.call('ZSCORE', cal, ends[1])
    if raw and tonumber(raw) < fromN then
      reaching = { ends[1], raw, ends[2] }
      skip = 2
    end
  end
  -- The ends of the blocks starting in the window, in their order (the id checked; two blocks that
  -- overlap, never written so, would break the order: then the index is asked).
  local aligned = {}
  for k = 1, #starts, 2 do
    aligned[#aligned + 1] = ends[k + skip] == starts[k] and ends[k + skip + 1] or redis.call('ZSCORE', calend, starts[k])
  end
  out[#out + 1] = reaching
  out[#out + 1] = starts
  out[#out + 1] = aligned
  out[#out + 1] = redis.call('ZRANGEBYSCORE', k_holds(base, staffId), '(' .. now, '+inf')
  local busy = redis.call('ZRANGEBYSCORE', k_busy(base, staffId), '(' .. from, to)
  local after = redis.call('ZRANGEBYSCORE', k_busy(base, staffId), '(' .. to, '+inf', 'LIMIT', 0, 1)[1]
  if after then busy[#busy + 1] = after end
  out[#out + 1] = busy
end
return out
