-- Motorhead layout. ARGV: 1 how many of the newest messages to return (newest first)
local limit = tonumber(ARGV[1])
local messages = redis.call('LRANGE', KEYS[1], 0, limit - 1)
local tokens = redis.call('GET', KEYS[5])
return {redis.call('LLEN', KEYS[1]), redis.call('GET', KEYS[2]), tokens or '0', '0', messages,
  redis.call('GET', KEYS[6]) or ''}
