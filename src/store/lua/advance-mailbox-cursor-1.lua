--[[
  Moves a mailbox's read cursor forward (never back): the highest IMAP UID below which every mail
  was looked at, per mailbox and UIDVALIDITY.

  KEYS[1]  the cursor (keys.mailboxCursor)
  ARGV[1]  UID
  ARGV[2]  ttl (ms): a cursor of a mailbox no longer read expires

  Returns the cursor after the call.
]]
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local uid = tonumber(ARGV[1])
if uid > cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return uid
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return cur
