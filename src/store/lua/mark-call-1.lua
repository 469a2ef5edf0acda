--[[
  Marks an open call of the call list (a "Bitte anrufen" card or the agenda): 'reached' closes it and
  records that the citizen was reached by a call (reachedBy gets 'call', an audit entry); 'retry'
  ("Nicht erreicht – später nochmal") keeps it open and counts the try. Idempotent: the same card
  pressed twice changes nothing the second time; a card of an older change cannot mark a newer call.

  KEYS[1]  `{tag}:book:` (keys.bookBase() after the deployment prefix); keys built from it carry its hash tag.
  ARGV[1]  appointment id
  ARGV[2]  the sequence the card was about
  ARGV[3]  'reached' | 'retry'
  ARGV[4]  the tries the card showed (a 'retry' counts only from there)
  ARGV[5]  now (epoch ms)
  ARGV[6]  audit entry JSON

  Returns {'reached'}, {'retried', callJson} (also when this try was counted already),
  {'done'} when no call is open for the appointment (marked reached before), or
  {'stale', callJson} when the open call is about a newer change than the card.
]]
-- @include book
local base = KEYS[1]
local id = ARGV[1]
local raw = redis.call('HGET', k_calls(base), id)
if not raw then return {'done'} end
local call = decode_json(raw)
if call == nil then
  close_call(base, id)
  return {'done'}
end
if tonumber(call.sequence) ~= tonumber(ARGV[2]) then return {'stale', raw} end
local now = tonumber(ARGV[5])

if ARGV[3] == 'retry' then
  if tonumber(call.tries) ~= tonumber(ARGV[4]) then return {'retried', raw} end
  call.tries = tonumber(call.tries) + 1
  call.lastTryAt = now
  local out = cjson.encode(call)
  redis.call('HSET', k_calls(base), id, out)
  redis.call('RPUSH', k_audit(base, id), ARGV[6])
  return {'retried', out}
end

close_call(base, id)
local araw = redis.call('GET', k_appt(base, id))
if araw then
  local a = decode_json(araw)
  if a and not a.anonymised then
    local reached = a.reachedBy
    if type(reached) ~= 'table' then reached = {} end
    local has = false
    for _, r in ipairs(reached) do if r == 'call' then has = true end end
    if not has then
      table.insert(reached, 'call')
      a.reachedBy = reached
      redis.call('SET', k_appt(base, id), cjson.encode(a))
    end
  end
end
redis.call('RPUSH', k_audit(base, id), ARGV[6])
return {'reached'}
