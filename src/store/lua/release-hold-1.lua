--[[
  Releases a hold (the user went back or cancelled the dialog).

  KEYS[1]  the `{book}:` namespace (keys.bookBase()). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry the `{book}` hash tag, so on Cluster they share KEYS[1]'s slot.
  ARGV[1]  token

  Returns 1 when a hold was released, 0 when it had already gone.
]]
-- @include book
local base = KEYS[1]
local exists = redis.call('EXISTS', k_hold(base, ARGV[1]))
drop_hold(base, ARGV[1])
return exists
