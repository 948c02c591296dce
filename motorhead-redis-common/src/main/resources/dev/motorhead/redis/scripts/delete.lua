-- Native layout. Deletes every key of the session; returns whether it existed and the namespaces
-- it was listed in (the meta hash's 'ns:<namespace>' fields).
local fields = redis.call('HKEYS', KEYS[2])
local namespaces = {}
for _, field in ipairs(fields) do
  if string.sub(field, 1, 3) == 'ns:' then
    namespaces[#namespaces + 1] = string.sub(field, 4)
  end
end
redis.call('DEL', unpack(KEYS))
return {#fields > 0 and 1 or 0, namespaces}
