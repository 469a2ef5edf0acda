--[[
  Read only: the compact indexes the slot engine needs for a pool of staff members, in one command
  instead of four per person (a pool of 31 cost 124 commands, and ioredis's work per command was most
  of a pooled search's time in the bot). Nothing is decoded here; src/store/appointments.ts busyIndex
  joins and checks what comes back exactly as it did with the separate reads.

  KEYS[1]  the booking namespace `{tag}:book:` (keys.bookBase()); the per-person keys are derived from
           it (includes/book.lua), so they share its hash tag and slot
  ARGV[1]  lowest block start to read (cal:, inclusive)       ARGV[2]  block starts below this (cal:)
  ARGV[3]  block ends above this (calend:, exclusive)         ARGV[4]  highest block end to read (calend:)
  ARGV[5]  now: live holds expire after it (holds:, exclusive)
  ARGV[6]  synced calendar blocks ending after this (busy:, exclusive)
  ARGV[7…] the staff ids

  Returns, per staff id in order, four lists: cal (id, start, …), calend (id, end, …), hold tokens,
  busy members ("start:end").
]]
-- @include book
local base = KEYS[1]
local out = {}
for i = 7, #ARGV do
  local staffId = ARGV[i]
  out[#out + 1] = redis.call('ZRANGEBYSCORE', k_cal(base, staffId), ARGV[1], '(' .. ARGV[2], 'WITHSCORES')
  out[#out + 1] = redis.call('ZRANGEBYSCORE', k_calend(base, staffId), '(' .. ARGV[3], ARGV[4], 'WITHSCORES')
  out[#out + 1] = redis.call('ZRANGEBYSCORE', k_holds(base, staffId), '(' .. ARGV[5], '+inf')
  out[#out + 1] = redis.call('ZRANGEBYSCORE', k_busy(base, staffId), '(' .. ARGV[6], '+inf')
end
return out
