-- Long-term memory (RedisVectorStore): removes the session's entries, leaving its messages.
-- KEYS as recall_put.lua.
return {redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])}
