-- Applies one part's receipt to the SMS it belongs to (`base` = keys.smsBase(), `ref` = its reference).
-- A part's first receipt counts (a redelivered one changes nothing); the SMS failed as soon as one part
-- failed, and was delivered when every part was. Returns the SMS's outcome for the appointment:
-- {'decided', appointmentId, sequence, event, status, reason} or {'pending'}.
local function sms_apply_receipt(base, ref, message_id, status, reason)
  local sent = base .. 'sent:' .. ref
  local h = redis.call('HGETALL', sent)
  local f = {}
  for i = 1, #h, 2 do f[h[i]] = h[i + 1] end
  if not f.a then return {'pending'} end
  local parts = tonumber(f.n) or 1
  for i = 0, parts - 1 do
    if f['p' .. i] == message_id and not f['r' .. i] then
      f['r' .. i] = status
      redis.call('HSET', sent, 'r' .. i, status)
      if status == 'failed' and not f.reason then
        f.reason = reason
        redis.call('HSET', sent, 'reason', reason)
      end
    end
  end
  local delivered = 0
  for i = 0, parts - 1 do
    local r = f['r' .. i]
    if r == 'failed' then return {'decided', f.a, f.s, f.e, 'failed', f.reason or ''} end
    if r == 'delivered' then delivered = delivered + 1 end
  end
  if delivered == parts then return {'decided', f.a, f.s, f.e, 'delivered', ''} end
  return {'pending'}
end
