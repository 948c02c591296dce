-- Native layout. ARGV: 1 lease token, 2 ttl ms (unused: only writes restart the TTL, and the
-- write that made this compaction due just did), 3 '1' when a summary is given, 4 summary,
-- 5 tokens used, 6 '1' to release the lease whatever the result, 7 the session's new generation,
-- 8.. ids of the oldest messages the compactor read, oldest first.
-- Commits only while the lease holds the token and the oldest messages have exactly those ids.
-- Returns {result} with result 1 committed, 2 lease lost, 0 the oldest messages changed; when
-- releasing, {result, message count, message tokens} as of the release.

-- Whether the element is the message with this id. Elements the library wrote start with
-- {"id":"<id>" (MessageCodec), which a plain comparison checks when the id needs no JSON
-- escaping; anything else is decoded.
local function has_id(element, id)
  if not string.find(id, '[%c"\\]') then
    local prefix = '{"id":"' .. id .. '"'
    if string.sub(element, 1, #prefix) == prefix then
      return true
    end
  end
  local ok, message = pcall(cjson.decode, element)
  return ok and type(message) == 'table' and message.id == id
end

-- The message's token count: the first "tokens": of an element is its own (MessageCodec writes
-- it before the metadata, and a string value cannot hold an unescaped quote).
local function tokens_of(element)
  return tonumber(string.match(element, '"tokens":(%d+)')) or 0
end

local meta
local function commit()
  if redis.call('GET', KEYS[3]) ~= ARGV[1] then
    return 2
  end
  local n = #ARGV - 7
  meta = redis.call('HMGET', KEYS[2], 'count', 'message_tokens', 'summary_tokens')
  local oldest = redis.call('LRANGE', KEYS[1], 0, n - 1)
  if #oldest ~= n then
    return 0
  end
  local tokens = tonumber(meta[2]) or 0
  local removed = 0
  for i = 1, n do
    if not has_id(oldest[i], ARGV[7 + i]) then
      return 0
    end
    if tokens ~= 0 then
      removed = removed + tokens_of(oldest[i])
    end
  end
  redis.call('LTRIM', KEYS[1], n, -1)
  local count = tonumber(meta[1])
  if count then
    count = count - n
  else
    count = redis.call('LLEN', KEYS[1]) -- a session written before 'count' was kept
  end
  tokens = tokens - removed
  local fields = {'gen', ARGV[7], 'count', int(count), 'message_tokens', int(tokens)}
  if ARGV[3] == '1' then
    fields[#fields + 1] = 'summary'
    fields[#fields + 1] = ARGV[4]
  end
  if ARGV[5] ~= '0' then
    fields[#fields + 1] = 'summary_tokens'
    fields[#fields + 1] = int((tonumber(meta[3]) or 0) + tonumber(ARGV[5]))
  end
  redis.call('HSET', KEYS[2], unpack(fields))
  meta = {count, tokens}
  return 1
end
local result = commit()
if ARGV[6] ~= '1' then
  return {result}
end
if result ~= 2 then
  redis.call('DEL', KEYS[3])
end
if result ~= 1 then
  meta = redis.call('HMGET', KEYS[2], 'count', 'message_tokens')
  meta = {tonumber(meta[1]) or redis.call('LLEN', KEYS[1]), tonumber(meta[2]) or 0}
end
return {result, meta[1], meta[2]}
