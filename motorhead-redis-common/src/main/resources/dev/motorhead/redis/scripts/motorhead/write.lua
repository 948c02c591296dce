-- Motorhead layout, one atomic write. ARGV: 1 ttl ms (0 = none), 2 namespace, 3 token sum (not
-- kept), 4 '1' to remove every message and the pinned message first, 5 summary: '0' keep, '1'
-- set to ARGV[6], '2' remove, 6 summary, 7 the encoded pinned message or '' for none, 8 the
-- replay id (ignored: the layout keeps no message ids, so replays cannot be recognised), 9 the
-- namespace index key or '' when the client writes it, 10 the index score, 11 the session id,
-- 12 the session's new generation (ignored: this layout is read by a script, atomically), 13..
-- "role: content" elements, LPUSHed as a Motorhead server does: the list is newest first.
if ARGV[4] == '1' then
  redis.call('DEL', KEYS[1], KEYS[6])
end
if ARGV[5] == '1' then
  redis.call('SET', KEYS[2], ARGV[6])
elseif ARGV[5] == '2' then
  redis.call('DEL', KEYS[2])
end
if ARGV[4] == '1' or ARGV[5] ~= '0' then
  redis.call('DEL', KEYS[3])
end
if ARGV[7] ~= '' then
  redis.call('SET', KEYS[6], ARGV[7])
end
local i = 13
while i <= #ARGV do
  local last = math.min(i + 999, #ARGV)
  redis.call('LPUSH', KEYS[1], unpack(ARGV, i, last))
  i = last + 1
end
redis.call('SADD', KEYS[4], ARGV[2])
if ARGV[9] ~= '' then
  redis.call('ZADD', ARGV[9], ARGV[10], ARGV[11])
end
refresh_ttl(ARGV[1])
return {redis.call('LLEN', KEYS[1]), 0}
