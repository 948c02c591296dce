-- ARGV: 1 ttl ms, 2 namespace, 3 '1' when a summary is given, 4 summary
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[2], 'summary', ARGV[4])
else
  redis.call('HDEL', KEYS[2], 'summary')
end
redis.call('HINCRBY', KEYS[2], 'message_tokens', 0) -- the meta hash marks the session as existing
-- a compaction in flight read the old summary: revoking its lease makes its commit fail
redis.call('DEL', KEYS[3])
redis.call('SADD', KEYS[4], ARGV[2])
refresh_ttl(ARGV[1])
return {1}
