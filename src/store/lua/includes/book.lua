--[[
  Shared helpers of the booking scripts. `base` is KEYS[1] = the `{book}:` namespace with the
  client's key prefix; the suffixes mirror src/store/keys.ts.
  Numbers (epoch ms) are compared as Lua numbers; ZSET range bounds are passed as the original strings.
]]
local function k_appt(base, id) return base .. 'appt:' .. id end
local function k_cal(base, staffId) return base .. 'cal:' .. staffId end
local function k_sappts(base, staffId) return base .. 'sappts:' .. staffId end
local function k_holds(base, staffId) return base .. 'holds:' .. staffId end
local function k_hold(base, token) return base .. 'hold:' .. token end
local function k_day(base, date) return base .. 'day:' .. date end

-- Drops holds of a staff member that expired at `now` (their keys may still exist for a moment).
local function prune_holds(base, staffId, now)
  local hk = k_holds(base, staffId)
  local expired = redis.call('ZRANGEBYSCORE', hk, '-inf', now)
  for _, t in ipairs(expired) do redis.call('DEL', k_hold(base, t)) end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', hk, '-inf', now) end
  return hk
end

-- True when an unexpired hold of somebody else (not `ownToken`, not `holder`) overlaps [bs, be).
local function hold_conflict(base, staffId, bs, be, now, ownToken, holder)
  local hk = prune_holds(base, staffId, now)
  for _, t in ipairs(redis.call('ZRANGEBYSCORE', hk, '(' .. now, '+inf')) do
    if t ~= ownToken then
      local raw = redis.call('GET', k_hold(base, t))
      if raw then
        local h = cjson.decode(raw)
        if h.holder ~= holder and h.blockStart < be and h.blockEnd > bs then return true end
      end
    end
  end
  return false
end

-- True when a blocking appointment of the staff member (other than `ignoreId`) overlaps [bs, be).
-- The calendar holds non-overlapping blocks scored by blockStart, so besides the blocks starting
-- inside the range only the last one starting before it can reach into it.
local function appointment_conflict(base, staffId, bsArg, beArg, bs, ignoreId)
  local cal = k_cal(base, staffId)
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', cal, bsArg, '(' .. beArg)) do
    if id ~= ignoreId then return true end
  end
  for _, id in ipairs(redis.call('ZREVRANGEBYSCORE', cal, '(' .. bsArg, '-inf', 'LIMIT', 0, 2)) do
    if id ~= ignoreId then
      local raw = redis.call('GET', k_appt(base, id))
      return raw ~= false and cjson.decode(raw).blockEnd > bs
    end
  end
  return false
end

-- Appends audit entry and outbox entries; ARGV from index `first` on: count, then key/msg pairs.
local function write_audit_outbox(base, id, auditJson, first)
  if auditJson ~= '' then redis.call('RPUSH', base .. 'audit:' .. id, auditJson) end
  local n = tonumber(ARGV[first])
  for i = 1, n do
    redis.call('XADD', base .. 'outbox', '*', 'key', ARGV[first + 2 * i - 1], 'msg', ARGV[first + 2 * i])
  end
end

-- Deletes a hold (consumed by a booking or released).
local function drop_hold(base, token)
  if token == '' then return end
  local hkey = k_hold(base, token)
  local raw = redis.call('GET', hkey)
  redis.call('DEL', hkey)
  if raw then redis.call('ZREM', k_holds(base, cjson.decode(raw).staffId), token) end
end
