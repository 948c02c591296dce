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

-- The latest appends' replay ids, as '<byte length>:<id>' entries end to end, newest last.
local function recent_contains(recent, id)
  local pos = 1
  while pos <= #recent do
    local colon = string.find(recent, ':', pos, true)
    local length = tonumber(string.sub(recent, pos, colon - 1))
    if string.sub(recent, colon + 1, colon + length) == id then
      return true
    end
    pos = colon + length + 1
  end
  return false
end

-- The entries with id added, keeping the newest 32.
local function recent_add(recent, id)
  recent = recent .. #id .. ':' .. id
  local starts = {}
  local pos = 1
  while pos <= #recent do
    starts[#starts + 1] = pos
    local colon = string.find(recent, ':', pos, true)
    pos = colon + tonumber(string.sub(recent, pos, colon - 1)) + 1
  end
  if #starts > 32 then
    recent = string.sub(recent, starts[#starts - 31])
  end
  return recent
end
