-- Long-term memory (RedisVectorStore): adds entries to a live session.
-- KEYS: 1 recall (hash: message id -> entry; field '' -> dimensions), 2 recall_codes (string:
-- '<dimensions>:' then one fixed-size code per entry), 3 recall_ids (list: ids in code order),
-- 4.. the keys of which one exists while the session does.
-- ARGV: 1 dimensions, 2 '1' when KEYS[4] is the session's meta hash (native layout), which then
-- gets the field recall = '1' so that writes refresh the TTL of these keys without probing for
-- them, then per entry: id, entry, code.
-- Writes nothing for a session that does not exist (deleted or expired): vectors never outlive
-- their session. An id already present is skipped, so a retried batch is not indexed twice.
-- The keys take the session's remaining TTL. Returns {written} or {-1, stored dimensions}.
if redis.call('EXISTS', unpack(KEYS, 4)) == 0 then
  return {0}
end
local dims = redis.call('HGET', KEYS[1], '')
if dims and dims ~= ARGV[1] then
  return {-1, dims}
end
if not dims then
  redis.call('HSET', KEYS[1], '', ARGV[1])
  redis.call('DEL', KEYS[2], KEYS[3])
  redis.call('SET', KEYS[2], ARGV[1] .. ':')
end
local written = 0
for i = 3, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('APPEND', KEYS[2], ARGV[i + 2])
    redis.call('RPUSH', KEYS[3], ARGV[i])
    written = written + 1
  end
end
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[4], 'recall', '1')
end
local ttl = 0
local persist = false
for i = 4, #KEYS do
  local t = redis.call('PTTL', KEYS[i])
  if t == -1 then
    persist = true
  elseif t > ttl then
    ttl = t
  end
end
for i = 1, 3 do
  if persist then
    redis.call('PERSIST', KEYS[i])
  elseif ttl > 0 then
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
return {written}
