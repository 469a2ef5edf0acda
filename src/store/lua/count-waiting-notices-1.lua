--[[
  How many Teams notices wait for each of the given staff members (the supervisors' summary asks for
  its teams' staff only). Notices of earlier versions' shared hash are moved first (includes/notices.lua),
  so they are counted as well.

  KEYS[1]  the namespace keys.noticesBase() ({<name>}:notices:); derives `waiting:<staff id>` and the
           earlier `waiting` (includes/notices.lua), which carry KEYS[1]'s hash tag and slot
  ARGV     staff ids

  Returns one count per staff id, in ARGV's order.
]]
-- @include notices
adopt_shared_waiting(KEYS[1])
local counts = {}
for i, staff_id in ipairs(ARGV) do
  counts[i] = redis.call('HLEN', waiting_of(KEYS[1], staff_id))
end
return counts
