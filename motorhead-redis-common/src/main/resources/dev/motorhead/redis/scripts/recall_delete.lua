-- Long-term memory: removes the session's entries, leaving its messages.
return {redis.call('DEL', KEYS[5], KEYS[6], KEYS[7])}
