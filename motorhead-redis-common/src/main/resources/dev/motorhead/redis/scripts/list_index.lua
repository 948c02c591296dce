-- KEYS: 1 a namespace's index. ARGV: 1 start, 2 stop, 3 '1' for most recent first.
-- Returns member, score, member, score...
if ARGV[3] == '1' then
  return redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[2], 'WITHSCORES')
end
return redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'WITHSCORES')
