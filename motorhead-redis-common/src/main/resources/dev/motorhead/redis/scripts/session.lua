-- Prelude of every session script. KEYS are the session's keys in the order KeyLayout declares:
-- 1 messages (list, oldest first), 2 meta (hash), 3 lease (string with PX), 4 namespaces (set),
-- 5.. further data of the session (long-term memory). All share one hash tag, hence one slot.
local function refresh_ttl(ttl)
  if tonumber(ttl) > 0 then
    for i = 1, #KEYS do
      if i ~= 3 then
        redis.call('PEXPIRE', KEYS[i], ttl)
      end
    end
  end
end
