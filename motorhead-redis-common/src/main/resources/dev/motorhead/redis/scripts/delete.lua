-- Deletes every key of the session; returns whether it existed and the namespaces it was listed in.
local existed = redis.call('EXISTS', KEYS[2])
local namespaces = redis.call('SMEMBERS', KEYS[4])
redis.call('DEL', unpack(KEYS))
return {existed, namespaces}
