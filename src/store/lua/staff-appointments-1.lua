--[[
  Read only: the records of one staff member's appointments starting in [from, to), in one command
  instead of the index read and then the records' read after it (two round trips on every agenda turn).
  Records are returned as stored; src/store/appointments.ts listForStaff parses and sorts them.

  KEYS[1]  the booking namespace `{tag}:book:` (keys.bookBase()); the per-person and record keys are
           derived from it (includes/book.lua), so they share its hash tag and slot
  ARGV[1]  lowest start (inclusive)       ARGV[2]  starts below this (exclusive)
  ARGV[3]  the staff id

  Returns the records' JSON (an id whose record is gone is left out).
]]
-- @include book
local base = KEYS[1]
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', k_sappts(base, ARGV[3]), ARGV[1], '(' .. ARGV[2])) do
  local json = redis.call('GET', k_appt(base, id))
  if json then out[#out + 1] = json end
end
return out
