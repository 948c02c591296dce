-- Motorhead layout. ARGV: 1 ttl ms (0 = none), 2 namespace, 3 token sum (not kept), 4.. "role: content"
-- LPUSH as a Motorhead server does: the list is newest first.
local count = 0
local i = 4
while i <= #ARGV do
  local last = math.min(i + 999, #ARGV)
  count = redis.call('LPUSH', KEYS[1], unpack(ARGV, i, last))
  i = last + 1
end
redis.call('SADD', KEYS[4], ARGV[2])
refresh_ttl(ARGV[1])
return {count, 0}
