-- One atomic write (MessageStore.write), native layout. ARGV: 1 ttl ms (0 = none), 2 namespace,
-- 3 token sum of the appended messages, 4 '1' to remove every message and the pinned message
-- first, 5 summary: '0' keep, '1' set to ARGV[6], '2' remove, 6 summary, 7 the encoded pinned
-- message or '' for none, 8 the write's replay key or '' for none, 9 the namespace index key
-- when it is on this server (standalone Redis) or '' when the client writes it (cluster), 10 the
-- index score, 11 the session id (the index member), 12 the session's new generation, 13..
-- encoded messages to append. Returns {message count, message tokens}.
--
-- The meta hash holds, besides the summary and the counters, 'count' (messages in the list, so
-- that reads need no LLEN), 'gen' (changed by every write and commit, so that a pipelined read
-- can tell it saw one state), 'recent' (replay keys), 'recall' ('1' once long-term memory keys
-- exist) and one field 'ns:<namespace>' per namespace whose index lists the session. An append
-- whose replay key is among the session's latest was stored already: it is a retry or a
-- driver's replay, and changes nothing.
local meta = redis.call('HMGET', KEYS[2], 'recent', 'recall', 'count', 'message_tokens')
local recent = meta[1] or ''
if ARGV[8] ~= '' and recent_contains(recent, ARGV[8]) then
  return {tonumber(meta[3]) or redis.call('LLEN', KEYS[1]), tonumber(meta[4]) or 0}
end
local fields = {'gen', ARGV[12], 'ns:' .. ARGV[2], '1'}
if ARGV[8] ~= '' then
  fields[#fields + 1] = 'recent'
  fields[#fields + 1] = recent_add(recent, ARGV[8])
end
local count = tonumber(meta[3])
local tokens = tonumber(meta[4]) or 0
local removed = {}
if ARGV[4] == '1' then
  redis.call('DEL', KEYS[1])
  count = 0
  tokens = 0
  if ARGV[7] == '' then
    removed[#removed + 1] = 'pinned'
  end
end
if ARGV[5] == '1' then
  fields[#fields + 1] = 'summary'
  fields[#fields + 1] = ARGV[6]
elseif ARGV[5] == '2' then
  removed[#removed + 1] = 'summary'
end
if #removed > 0 then
  redis.call('HDEL', KEYS[2], unpack(removed))
end
if ARGV[4] == '1' or ARGV[5] ~= '0' then
  -- a compaction in flight read the old state: revoking its lease makes its commit fail
  redis.call('DEL', KEYS[3])
end
if ARGV[7] ~= '' then
  fields[#fields + 1] = 'pinned'
  fields[#fields + 1] = ARGV[7]
end
local i = 13
while i <= #ARGV do
  local last = math.min(i + 999, #ARGV)
  count = redis.call('RPUSH', KEYS[1], unpack(ARGV, i, last))
  i = last + 1
end
if not count then
  count = redis.call('LLEN', KEYS[1]) -- a session written before 'count' was kept
end
tokens = tokens + tonumber(ARGV[3])
fields[#fields + 1] = 'count'
fields[#fields + 1] = int(count)
fields[#fields + 1] = 'message_tokens'
fields[#fields + 1] = int(tokens)
-- also creates the meta hash, which marks the session as existing
redis.call('HSET', KEYS[2], unpack(fields))
if ARGV[9] ~= '' then
  redis.call('ZADD', ARGV[9], ARGV[10], ARGV[11])
end
refresh_ttl(ARGV[1], meta[2] == '1')
return {count, tokens}
