-- One atomic write (MessageStore.write). ARGV: 1 ttl ms (0 = none), 2 namespace, 3 token sum of
-- the appended messages, 4 '1' to remove every message and the pinned message first, 5 summary:
-- '0' keep, '1' set to ARGV[6], '2' remove, 6 summary, 7 the encoded pinned message or '' for
-- none, 8 the write's replay key or '' for none, 9 the namespace index key when it is on this
-- server (standalone Redis) or '' when the client writes it (cluster), 10 the index score, 11 the session id (the
-- index member), 12.. encoded messages to append.
-- An append whose replay key is among the session's latest (meta field 'recent') was stored
-- already: it is a retry or a driver's replay, and changes nothing.
if ARGV[8] ~= '' then
  local recent = redis.call('HGET', KEYS[2], 'recent') or ''
  if recent_contains(recent, ARGV[8]) then
    return {redis.call('LLEN', KEYS[1]), redis.call('HGET', KEYS[2], 'message_tokens') or 0}
  end
  redis.call('HSET', KEYS[2], 'recent', recent_add(recent, ARGV[8]))
end
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
local i = 12
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
if ARGV[9] ~= '' then
  redis.call('ZADD', ARGV[9], ARGV[10], ARGV[11])
end
refresh_ttl(ARGV[1])
return {count, tokens}
