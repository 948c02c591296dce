-- ARGV: 1 how many of the newest messages to return
local limit = tonumber(ARGV[1])
local messages = redis.call('LRANGE', KEYS[1], -limit, -1)
local meta = redis.call('HMGET', KEYS[2], 'summary', 'summary_tokens', 'message_tokens', 'pinned')
return {redis.call('LLEN', KEYS[1]), meta[1], meta[2] or '0', meta[3] or '0', messages,
  meta[4] or ''}
