-- ARGV: 1 lease token, 2 ttl ms, 3 '1' when a summary is given, 4 summary, 5 tokens used,
-- 6.. ids of the oldest messages the compactor read, oldest first.
-- Commits only while the lease holds the token and the oldest messages have exactly those ids.
-- Returns {1} committed, {2} lease lost, {0} the oldest messages changed.
if redis.call('GET', KEYS[3]) ~= ARGV[1] then
  return {2}
end
local n = #ARGV - 5
local oldest = redis.call('LRANGE', KEYS[1], 0, n - 1)
if #oldest ~= n then
  return {0}
end
local removed = 0
for i = 1, n do
  local message = cjson.decode(oldest[i])
  if message.id ~= ARGV[5 + i] then
    return {0}
  end
  removed = removed + (message.tokens or 0)
end
redis.call('LTRIM', KEYS[1], n, -1)
redis.call('HINCRBY', KEYS[2], 'message_tokens', string.format('%d', -removed))
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[2], 'summary', ARGV[4])
end
redis.call('HINCRBY', KEYS[2], 'summary_tokens', ARGV[5])
refresh_ttl(ARGV[2])
return {1}
