-- ARGV: 1 ttl ms (0 = none), 2 namespace, 3 token sum of the batch, 4.. encoded messages
local count = 0
local i = 4
while i <= #ARGV do
  local last = math.min(i + 999, #ARGV)
  count = redis.call('RPUSH', KEYS[1], unpack(ARGV, i, last))
  i = last + 1
end
local tokens = redis.call('HINCRBY', KEYS[2], 'message_tokens', ARGV[3])
redis.call('SADD', KEYS[4], ARGV[2])
refresh_ttl(ARGV[1])
return {count, tokens}
