-- Prelude of every session script. KEYS are the session's keys in the order KeyLayout declares:
-- 1 messages (list, oldest first), 2 meta (hash), 3 lease (string with PX), 4 namespaces (set),
-- 5.. further data of the session (long-term memory). All share one hash tag, hence one slot.
-- Refreshes the TTL of the session's keys but the lease. The long-term memory keys, the last
-- three, are written and deleted together by one script each, so they are touched only when the
-- first of them exists: a session without long-term memory costs one EXISTS, not three PEXPIRE.
local function refresh_ttl(ttl)
  if tonumber(ttl) > 0 then
    local recall = #KEYS - 2
    for i = 1, recall - 1 do
      if i ~= 3 then
        redis.call('PEXPIRE', KEYS[i], ttl)
      end
    end
    if redis.call('EXISTS', KEYS[recall]) == 1 then
      for i = recall, #KEYS do
        redis.call('PEXPIRE', KEYS[i], ttl)
      end
    end
  end
end

-- The latest appends' replay keys (16 hex digits each, RedisMessageStore.replayKey), end to
-- end, newest last: a fixed width, so plain string search finds one, and trimming is one cut.
local REPLAY_KEY = 16
local REMEMBERED = 32

local function recent_contains(recent, key)
  local from = 1
  while true do
    local at = string.find(recent, key, from, true)
    if not at then
      return false
    end
    if (at - 1) % REPLAY_KEY == 0 then
      return true
    end
    from = at + 1
  end
end

-- The keys with key added, keeping the newest 32.
local function recent_add(recent, key)
  recent = recent .. key
  if #recent > REMEMBERED * REPLAY_KEY then
    recent = string.sub(recent, -REMEMBERED * REPLAY_KEY)
  end
  return recent
end
