--[[
  Search index helpers of the booking scripts. The entries of an appointment are computed
  in TypeScript (src/domain/search-keys.ts searchEntriesOf) and passed in as JSON: [{key, rev?}, …].
  Suffixes mirror src/store/keys.ts (keep both in step):
    ix:<key>    SET of appointment ids found under `key` ('n:<word>', 'p:<digits>', 'e:<email>')
    ixk:<id>    the entries JSON the appointment was indexed under (what removal takes out again)
    ixn         ZSET (all scores 0) of the indexed name words, for prefix ranges (ZRANGEBYLEX)
    ixr         ZSET of the same words reversed, for the suffix buckets of the typo search
    refs        HASH appointment reference ('T-4K7Q') → appointment id, while the appointment lives
  Needs includes/book.lua first (decode_json).
]]
local function k_ix(base, key) return base .. 'ix:' .. key end
local function k_ixk(base, id) return base .. 'ixk:' .. id end
local function k_ixn(base) return base .. 'ixn' end
local function k_ixr(base) return base .. 'ixr' end
local function k_refs(base) return base .. 'refs' end

-- Takes appointment `id` out of the index (its entries as they were written), dropping name words no
-- appointment is found under any more.
local function index_remove(base, id)
  local raw = redis.call('GET', k_ixk(base, id))
  if not raw then return end
  local entries = decode_json(raw)
  if type(entries) == 'table' then
    for _, e in ipairs(entries) do
      local key = k_ix(base, e.key)
      redis.call('SREM', key, id)
      if e.rev and redis.call('SCARD', key) == 0 then
        redis.call('ZREM', k_ixn(base), string.sub(e.key, 3))
        redis.call('ZREM', k_ixr(base), e.rev)
      end
    end
  end
  redis.call('DEL', k_ixk(base, id))
end

-- Indexes appointment `id` under the entries of `entriesJson`, replacing what it was indexed under.
local function index_add(base, id, entriesJson)
  index_remove(base, id)
  local entries = cjson.decode(entriesJson)
  if #entries == 0 then return end
  for _, e in ipairs(entries) do
    redis.call('SADD', k_ix(base, e.key), id)
    if e.rev then
      redis.call('ZADD', k_ixn(base), 0, string.sub(e.key, 3))
      redis.call('ZADD', k_ixr(base), 0, e.rev)
    end
  end
  redis.call('SET', k_ixk(base, id), entriesJson)
end

-- Reserves the first free reference of the comma-separated `candidates` for `id`; nil when all are taken.
local function ref_reserve(base, id, candidates)
  for code in string.gmatch(candidates, '[^,]+') do
    if redis.call('HSETNX', k_refs(base), code, id) == 1 then return code end
  end
  return nil
end

-- Frees `code` when it is still `id`'s (retention: the appointment no longer lives for the citizen).
local function ref_free(base, id, code)
  if type(code) ~= 'string' then return end
  if redis.call('HGET', k_refs(base), code) == id then redis.call('HDEL', k_refs(base), code) end
end
