-- Long-term memory, second step of a search: id and entry of each position (0-based) in ARGV.
local out = {}
for i = 1, #ARGV do
  local id = redis.call('LINDEX', KEYS[7], ARGV[i])
  if id then
    local entry = redis.call('HGET', KEYS[5], id)
    if entry then
      out[#out + 1] = id
      out[#out + 1] = entry
    end
  end
end
return out
