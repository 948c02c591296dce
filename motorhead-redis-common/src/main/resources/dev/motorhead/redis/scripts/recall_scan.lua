-- Long-term memory, first step of a search: the dimensions and every code of the session.
return {redis.call('HGET', KEYS[5], ''), redis.call('GET', KEYS[6])}
