-- ARGV: 1 token, 2 lease ttl ms
if redis.call('GET', KEYS[3]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[3], ARGV[2])
  return {1}
end
return {0}
