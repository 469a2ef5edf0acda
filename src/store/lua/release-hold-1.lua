--[[
  Releases a hold (the user went back or cancelled the dialog).

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  ARGV[1]  token
  ARGV[2]  who releases it: only the holder may

  Returns 1 when the hold was released, 0 when it had already gone or is somebody else's.
]]
-- @include book
local base = KEYS[1]
if drop_hold(base, ARGV[1], ARGV[2]) then return 1 end
return 0
