--[[
  The stored absences that end on or after a local date, through the index by end day (rebuilt from
  the hash first when it does not match it: includes/book.lua absences_ending_from). Searches,
  holds and summaries need the current and coming absences only, while the hash keeps every absence
  for the reports.

  KEYS[1]  the booking namespace `{tag}:book:` (keys.bookBase()); `absences` and `absences:byend`
           are derived from it
  ARGV[1]  the local date YYYY-MM-DD

  Returns the absences' JSON (an id whose field is gone is left out).
]]
-- @include book
local out = {}
for _, raw in ipairs(absences_ending_from(KEYS[1], ARGV[1])) do
  if raw then out[#out + 1] = raw end
end
return out
