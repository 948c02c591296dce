-- Prelude of every session script. KEYS are the session's keys in the order its KeyLayout
-- declares: 1 messages (list), 2 meta (hash in the native layout), 3 lease (string with PX),
-- then the layout's further keys, the last three of them long-term memory (RedisVectorStore).
-- All share one hash tag in the native layout, hence one slot.
--
-- refresh_ttl(ttl, recall) restarts the TTL of the session's keys but the lease. The long-term
-- memory keys, written and deleted together by one script each, are touched only when `recall`
-- says they exist; when `recall` is nil they are probed (one EXISTS).
local function refresh_ttl(ttl, recall)
  if tonumber(ttl) > 0 then
    local first_recall = #KEYS - 2
    for i = 1, first_recall - 1 do
      if i ~= 3 then
        redis.call('PEXPIRE', KEYS[i], ttl)
      end
    end
    if recall == nil then
      recall = redis.call('EXISTS', KEYS[first_recall]) == 1
    end
    if recall then
      for i = first_recall, #KEYS do
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

-- A whole number as Redis stores it (a Lua number would print as 1e+15 past 14 digits).
local function int(n)
  return string.format('%d', n)
end
