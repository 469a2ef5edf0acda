--[[
  Turns a scheduled job's run lease into a "done" marker, only if this instance still holds it
  (src/jobs/run-coordinator.ts): an instance whose clock lags behind then finds the fire done
  instead of free and does not run it again.

  KEYS[1]  the run lease (keys.jobLease(name, slot))
  ARGV[1]  this instance's token
  ARGV[2]  how long the done marker is kept (ms)

  Returns 1 when the lease was turned into the marker, 0 when it was no longer ours.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], 'done:' .. ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
