-- Forgets what became of an appointment's SMS (`base` = keys.smsBase()): the references sent for it,
-- each one's parts, their message ids and receipts. The SMS go with the appointment — when retention
-- compacts it and when an operator purges an unreadable record.
local function sms_forget(base, id)
  local of = base .. 'of:' .. id
  for _, ref in ipairs(redis.call('SMEMBERS', of)) do
    local sent = base .. 'sent:' .. ref
    local fields = redis.call('HGETALL', sent)
    for i = 1, #fields, 2 do
      if string.match(fields[i], '^p%d+$') then
        redis.call('DEL', base .. 'msg:' .. fields[i + 1], base .. 'rcpt:' .. fields[i + 1])
      end
    end
    redis.call('DEL', sent)
  end
  redis.call('DEL', of)
end
