-- KEYS: 1 a namespace's index. ARGV: member, score, member, score...
-- Removes each member of a session found gone, unless it was written again meanwhile (new score).
local removed = 0
for i = 1, #ARGV, 2 do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return {removed}
