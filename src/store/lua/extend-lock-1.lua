--[[
  Compare-and-extend: renews a lock or lease for another period only if it still holds this caller's
  token (a caller whose lease expired and was taken by another extends nothing). The outbox worker
  renews its per-entry lease while a long send is in flight, as BullMQ extends its job locks.

  KEYS[1]  the lock key (keys.outboxLease(id))
  ARGV[1]  the token written with SET NX PX when the lock was taken
  ARGV[2]  the new time to live in ms

  Returns 1 when the lease was extended, 0 when it had expired or belongs to someone else.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
