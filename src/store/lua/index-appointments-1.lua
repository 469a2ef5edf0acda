--[[
  Indexes appointments booked before the search index existed (RedisSearchIndex.backfill). An
  appointment is indexed only when it has no entries yet and is not anonymised, so a run beside live
  bookings, moves and retention changes nothing they wrote.

  KEYS[1]  the `{book}:` namespace (keys.bookBase()); keys built from it carry the `{book}` hash tag.
  ARGV     pairs: appointment id, search entries JSON (src/domain/search-keys.ts searchEntriesOf)

  Returns how many appointments were indexed.
]]
-- @include book
-- @include search
local base = KEYS[1]
local indexed = 0
for i = 1, #ARGV, 2 do
  local id = ARGV[i]
  local raw = redis.call('GET', k_appt(base, id))
  if raw and redis.call('EXISTS', k_ixk(base, id)) == 0 then
    local a = decode_json(raw)
    if type(a) == 'table' and not a.anonymised then
      index_add(base, id, ARGV[i + 1])
      indexed = indexed + 1
    end
  end
end
return indexed
