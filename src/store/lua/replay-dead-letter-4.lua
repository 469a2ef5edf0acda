--[[
  Puts one dead letter back into the outbox stream (npm run outbox -- replay): removes exactly this
  record from the dead-letter list and appends the entry again with its original dedupe key and
  message, so `delivered:<key>` markers still keep what was sent from being sent twice. The new
  stream entry has a new id, hence no failed attempts and no retry time; the old id's bookkeeping is
  dropped too. Both steps or neither: a record another operator replayed a moment ago is not found.

  KEYS[1]  dead-letter list (keys.outboxDead())
  KEYS[2]  outbox stream (keys.outbox())
  KEYS[3]  attempts hash (keys.outboxAttempts())
  KEYS[4]  retry schedule (keys.outboxRetry())
  ARGV[1]  the dead-letter record exactly as stored in the list (JSON)
  ARGV[2]  the entry's old stream id
  ARGV[3]  dedupe key
  ARGV[4]  message JSON

  Returns the new stream entry id, or false when the record is no longer in the list.
]]
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return false end
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[2])
return redis.call('XADD', KEYS[2], '*', 'key', ARGV[3], 'msg', ARGV[4])
