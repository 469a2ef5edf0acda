--[[
  Hands a staff member's waiting Teams notices to exactly one caller: their hash is read and deleted in
  one step, so two instances serving turns of the same person at once never show a notice twice.
  Notices of earlier versions' shared hash are moved first (includes/notices.lua).

  KEYS[1]  the namespace keys.noticesBase() ({<name>}:notices:); derives `waiting:<staff id>` and the
           earlier `waiting` (includes/notices.lua), which carry KEYS[1]'s hash tag and slot
  ARGV[1]  staff id

  Returns the staff member's notices as HGETALL gives them (id, JSON, id, JSON, …); none are left.
]]
-- @include notices
adopt_shared_waiting(KEYS[1])
local own = waiting_of(KEYS[1], ARGV[1])
local all = redis.call('HGETALL', own)
if #all > 0 then redis.call('DEL', own) end
return all
