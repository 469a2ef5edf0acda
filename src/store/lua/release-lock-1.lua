--[[
  Compare-and-delete: releases a lock or lease only if it still holds this caller's token, so a
  caller whose lease expired (and was taken by another) cannot delete the new holder's.
  Used for the outbox's per-entry lease and the replan proposal lock.

  KEYS[1]  the lock key (keys.outboxLease(id), keys.replanProposalLock(id))
  ARGV[1]  the token written with SET NX PX when the lock was taken

  Returns 1 when the lock was released, 0 when it had expired or belongs to someone else.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
