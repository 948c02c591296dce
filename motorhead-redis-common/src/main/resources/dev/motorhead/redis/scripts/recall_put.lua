-- Long-term memory: adds entries to a live session. KEYS 5 recall (hash id -> entry),
-- 6 recall_codes (string, one code of ARGV[1] characters per entry), 7 recall_ids (list).
-- ARGV: 1 dimensions, then per entry: id, entry, code.
-- Writes nothing for a session that does not exist (deleted or expired): vectors never outlive
-- their session. An id already present is skipped, so a retried batch is not indexed twice.
-- The keys take the session's remaining TTL. Returns {written} or {-1, stored dimensions}.
if redis.call('EXISTS', KEYS[2]) == 0 then
  return {0}
end
local dims = redis.call('HGET', KEYS[5], '')
if dims and dims ~= ARGV[1] then
  return {-1, dims}
end
if not dims then
  redis.call('HSET', KEYS[5], '', ARGV[1])
end
local written = 0
for i = 2, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[5], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('APPEND', KEYS[6], ARGV[i + 2])
    redis.call('RPUSH', KEYS[7], ARGV[i])
    written = written + 1
  end
end
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then
  for i = 5, 7 do
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
return {written}
