-- Long-term memory (RedisVectorStore): removes the session's entries, leaving its messages.
-- KEYS as recall_put.lua. ARGV: 1 '1' when KEYS[4] is the session's meta hash, whose recall
-- flag is then removed.
if ARGV[1] == '1' then
  redis.call('HDEL', KEYS[4], 'recall')
end
return {redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])}
