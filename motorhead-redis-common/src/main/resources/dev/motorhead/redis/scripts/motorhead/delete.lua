-- Motorhead layout. Deletes every key of the session; returns whether it existed and the
-- namespaces the library listed it in.
local existed = redis.call('EXISTS', KEYS[1], KEYS[2], KEYS[5], KEYS[6]) > 0 and 1 or 0
local namespaces = redis.call('SMEMBERS', KEYS[4])
redis.call('DEL', unpack(KEYS))
return {existed, namespaces}
