--[[
  Bot state write with eTag semantics (botbuilder Storage, like MemoryStorage).

  KEYS[1]  the item's hash: field e = eTag, field d = JSON document
  ARGV[1]  JSON document (without eTag)
  ARGV[2]  eTag the writer read, '' for none; '' and '*' write unconditionally
  ARGV[3]  new eTag
  ARGV[4]  time to live in ms, 0 = keep forever

  Returns 1 when written, 0 when the stored eTag differs from ARGV[2] (stale write, nothing changed).
]]
local expected = ARGV[2]
if expected ~= '' and expected ~= '*' then
  local current = redis.call('HGET', KEYS[1], 'e')
  if current and current ~= expected then
    return 0
  end
end
redis.call('HSET', KEYS[1], 'e', ARGV[3], 'd', ARGV[1])
local ttl = tonumber(ARGV[4])
if ttl and ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
else
  redis.call('PERSIST', KEYS[1])
end
return 1
