-- After a delete removed the session's index entries: whether an append has made the session
-- exist again meanwhile, and the namespaces it is listed in now, so their entries are restored.
return {redis.call('EXISTS', KEYS[2]), redis.call('SMEMBERS', KEYS[4])}
