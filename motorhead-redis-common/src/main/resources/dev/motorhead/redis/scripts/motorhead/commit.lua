-- Motorhead layout. ARGV: 1 lease token, 2 ttl ms, 3 '1' when a summary is given, 4 summary,
-- 5 tokens used, 6 '1' to release the lease whatever the result, 7 the session's new generation
-- (ignored, as in write.lua), 8.. ids of the oldest messages read, oldest first. An id is the message's position from the old end, ':', and the first 12
-- hex digits of the SHA-1 of its element.
-- Returns {result} with result 1 committed, 2 lease lost, 0 the oldest messages changed; when
-- releasing, {result, message count, 0} as of the release (the layout keeps no message tokens).
local function commit()
  if redis.call('GET', KEYS[3]) ~= ARGV[1] then
    return 2
  end
  local n = #ARGV - 7
  local length = redis.call('LLEN', KEYS[1])
  if length < n then
    return 0
  end
  local oldest = redis.call('LRANGE', KEYS[1], -n, -1) -- newest of them first
  for i = 1, n do
    local element = oldest[n - i + 1]
    if ARGV[7 + i] ~= (i - 1) .. ':' .. string.sub(redis.sha1hex(element), 1, 12) then
      return 0
    end
  end
  if length == n then
    redis.call('DEL', KEYS[1])
  else
    redis.call('LTRIM', KEYS[1], 0, length - n - 1)
  end
  if ARGV[3] == '1' then
    redis.call('SET', KEYS[2], ARGV[4])
  end
  redis.call('INCRBY', KEYS[5], ARGV[5])
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
return {result, redis.call('LLEN', KEYS[1]), 0}
