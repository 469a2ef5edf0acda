-- Waiting Teams notices (src/store/waiting-notices.ts). `ns` = KEYS[1] = keys.noticesBase(); the keys
-- derived here mirror keys.ts (waitingNoticesOf, waitingNoticesShared), so they carry ns's hash tag.

local function waiting_of(ns, staff_id)
  return ns .. 'waiting:' .. staff_id
end

-- Versions before 2026-12-07 kept everyone's notices in one hash `waiting`, field '<staff id> <id>'.
-- Moves them into the per-staff hashes (a notice already there with the same id wins, as with HSETNX
-- before) and deletes the shared hash; costs one EXISTS once it is gone. An instance still on the old
-- version during a rolling upgrade may write it again: the next take or count moves that too.
-- A field without a staff id is dropped (nobody could be shown it). Returns how many were moved.
local function adopt_shared_waiting(ns)
  local shared = ns .. 'waiting'
  if redis.call('EXISTS', shared) == 0 then return 0 end
  local all = redis.call('HGETALL', shared)
  local moved = 0
  for i = 1, #all, 2 do
    local f = all[i]
    local sep = string.find(f, ' ', 1, true)
    if sep and sep > 1 then
      moved = moved + redis.call('HSETNX', waiting_of(ns, string.sub(f, 1, sep - 1)), string.sub(f, sep + 1), all[i + 1])
    end
  end
  redis.call('DEL', shared)
  return moved
end
