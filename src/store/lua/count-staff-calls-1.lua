--[[
  How many open calls each of the given staff members has on the call list (the supervisors' summary
  asks for its teams' staff only): ZCARD of their `calls:<staff>`, so no call's JSON is read and the
  cost follows the staff asked about, not the town's open calls. The same count the agenda shows
  (CallStore.listForStaff's total); open_call/close_call (includes/book.lua) keep `calls:<staff>` in
  step with `calls`. Read only.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix); `calls:<staff id>` is built
           from it (includes/book.lua k_staffcalls), so it carries its hash tag
  ARGV     staff ids

  Returns one count per staff id, in ARGV's order.
]]
-- @include book
local counts = {}
for i, staff_id in ipairs(ARGV) do
  counts[i] = redis.call('ZCARD', k_staffcalls(KEYS[1], staff_id))
end
return counts
