-- Start of acquire_read: takes the compaction lease, then the read script that follows reads the
-- session in the same step. ARGV: 1 how many of the newest messages to read (the read's), 2 lease
-- token, 3 lease ttl ms. Answers {-1} when someone else holds the lease.
if not redis.call('SET', KEYS[3], ARGV[2], 'NX', 'PX', ARGV[3]) then
  return {-1}
end
