-- ARGV: 1 token, 2 lease ttl ms
if redis.call('SET', KEYS[3], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1}
end
return {0}
