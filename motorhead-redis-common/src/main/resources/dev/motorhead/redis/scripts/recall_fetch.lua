-- Long-term memory (RedisVectorStore), second step of a search. KEYS as recall_put.lua.
-- ARGV: positions (0-based) in recall_ids. Returns id and entry of each position found.
local out = {}
for i = 1, #ARGV do
  local id = redis.call('LINDEX', KEYS[3], ARGV[i])
  if id then
    local entry = redis.call('HGET', KEYS[1], id)
    if entry then
      out[#out + 1] = id
      out[#out + 1] = entry
    end
  end
end
return out
