-- One atomic write (MessageStore.write). ARGV: 1 ttl ms (0 = none), 2 namespace, 3 token sum of
-- the appended messages, 4 '1' to remove every message and the pinned message first, 5 summary:
-- '0' keep, '1' set to ARGV[6], '2' remove, 6 summary, 7 the encoded pinned message or '' for
-- none, 8.. encoded messages to append.
if ARGV[4] == '1' then
  redis.call('DEL', KEYS[1])
  redis.call('HDEL', KEYS[2], 'pinned')
  redis.call('HSET', KEYS[2], 'message_tokens', 0)
end
if ARGV[5] == '1' then
  redis.call('HSET', KEYS[2], 'summary', ARGV[6])
elseif ARGV[5] == '2' then
  redis.call('HDEL', KEYS[2], 'summary')
end
if ARGV[4] == '1' or ARGV[5] ~= '0' then
  -- a compaction in flight read the old state: revoking its lease makes its commit fail
  redis.call('DEL', KEYS[3])
end
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[2], 'pinned', ARGV[7])
end
local count
local i = 8
while i <= #ARGV do
  local last = math.min(i + 999, #ARGV)
  count = redis.call('RPUSH', KEYS[1], unpack(ARGV, i, last))
  i = last + 1
end
if not count then
  count = redis.call('LLEN', KEYS[1])
end
-- also creates the meta hash, which marks the session as existing
local tokens = redis.call('HINCRBY', KEYS[2], 'message_tokens', ARGV[3])
redis.call('SADD', KEYS[4], ARGV[2])
refresh_ttl(ARGV[1])
return {count, tokens}
