-- ARGV: 1 token
if redis.call('GET', KEYS[3]) == ARGV[1] then
  redis.call('DEL', KEYS[3])
  return {1}
end
return {0}
