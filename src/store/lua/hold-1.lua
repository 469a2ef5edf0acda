--[[
  Holds a block of one staff member for a few minutes while the booking is filled in.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix). The script builds its keys from it (suffixes in
           includes/book.lua); they all carry KEYS[1]'s hash tag, so on Cluster they share its slot.
  ARGV[1]  staff id
  ARGV[2]  blockStart (epoch ms)
  ARGV[3]  blockEnd (epoch ms)
  ARGV[4]  time to live in ms
  ARGV[5]  holder (staff id of the user who holds)
  ARGV[6]  token (random, from the caller)
  ARGV[7]  now (epoch ms)

  Returns {'ok', token, expiresAt} or {'err', 'slot-taken'} when an appointment, somebody else's
  unexpired hold or a busy block synced from the staff member's own calendar overlaps the block.
]]
-- @include book
local base = KEYS[1]
local staffId, holder, token = ARGV[1], ARGV[5], ARGV[6]
local bs, be, ttl, now = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[7])

if block_taken(base, staffId, ARGV[2], bs, be, now, '', holder, '') then
  return {'err', 'slot-taken'}
end
local expiresAt = now + ttl
redis.call('SET', k_hold(base, token),
  cjson.encode({ staffId = staffId, blockStart = bs, blockEnd = be, holder = holder, expiresAt = expiresAt }), 'PX', ttl)
redis.call('ZADD', k_holds(base, staffId), expiresAt, token)
return {'ok', token, tostring(expiresAt)}
