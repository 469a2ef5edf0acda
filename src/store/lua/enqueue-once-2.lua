--[[
  Appends an outbox entry at most once per marker (reminders): the marker is set with SET NX and
  the entry appended in the same step, so two sweeps (two instances, or a retry after a crash) can
  neither both queue it nor lose it between marker and entry.

  KEYS[1]  the marker (keys.reminded(kind, appointmentId, start))
  KEYS[2]  outbox stream (keys.outbox())
  ARGV[1]  marker ttl (ms)
  ARGV[2]  dedupe key
  ARGV[3]  message JSON

  Returns 1 when the entry was appended, 0 when the marker existed already.
]]
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  redis.call('XADD', KEYS[2], '*', 'key', ARGV[2], 'msg', ARGV[3])
  return 1
end
return 0
