-- Motorhead layout. ARGV: 1 ttl ms, 2 namespace, 3 '1' when a summary is given, 4 summary
if ARGV[3] == '1' then
  redis.call('SET', KEYS[2], ARGV[4])
else
  redis.call('DEL', KEYS[2])
end
redis.call('DEL', KEYS[3])
redis.call('SADD', KEYS[4], ARGV[2])
refresh_ttl(ARGV[1])
return {1}
