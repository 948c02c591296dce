-- ARGV: 1 how many of the newest messages to return. The atomic read, native layout: the store
-- reads with pipelined plain commands (RedisMessageStore.read) and falls back on this script
-- only when writes keep changing the session between the commands of its pipeline.
local limit = tonumber(ARGV[1])
local messages = redis.call('LRANGE', KEYS[1], -limit, -1)
local meta = redis.call('HMGET', KEYS[2], 'summary', 'summary_tokens', 'message_tokens', 'pinned',
  'count')
return {tonumber(meta[5]) or redis.call('LLEN', KEYS[1]), meta[1], meta[2] or '0', meta[3] or '0',
  messages, meta[4] or ''}
