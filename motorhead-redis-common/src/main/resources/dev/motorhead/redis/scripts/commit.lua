-- ARGV: 1 lease token, 2 ttl ms, 3 '1' when a summary is given, 4 summary, 5 tokens used,
-- 6 '1' to release the lease whatever the result, 7.. ids of the oldest messages the compactor
-- read, oldest first.
-- Commits only while the lease holds the token and the oldest messages have exactly those ids.
-- Returns {result} with result 1 committed, 2 lease lost, 0 the oldest messages changed; when
-- releasing, {result, message count, message tokens} as of the release.
local function commit()
  if redis.call('GET', KEYS[3]) ~= ARGV[1] then
    return 2
  end
  local n = #ARGV - 6
  local oldest = redis.call('LRANGE', KEYS[1], 0, n - 1)
  if #oldest ~= n then
    return 0
  end
  local removed = 0
  for i = 1, n do
    local message = cjson.decode(oldest[i])
    if message.id ~= ARGV[6 + i] then
      return 0
    end
    removed = removed + (message.tokens or 0)
  end
  redis.call('LTRIM', KEYS[1], n, -1)
  if removed ~= 0 then
    redis.call('HINCRBY', KEYS[2], 'message_tokens', string.format('%d', -removed))
  end
  if ARGV[3] == '1' then
    redis.call('HSET', KEYS[2], 'summary', ARGV[4])
  end
  if ARGV[5] ~= '0' then
    redis.call('HINCRBY', KEYS[2], 'summary_tokens', ARGV[5])
  end
  refresh_ttl(ARGV[2])
  return 1
end
local result = commit()
if ARGV[6] ~= '1' then
  return {result}
end
if result ~= 2 then
  redis.call('DEL', KEYS[3])
end
return {result, redis.call('LLEN', KEYS[1]), redis.call('HGET', KEYS[2], 'message_tokens') or '0'}
