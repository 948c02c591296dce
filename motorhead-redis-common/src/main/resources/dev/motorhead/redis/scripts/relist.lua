-- Native layout. After a delete removed the session's index entries: whether an append has made
-- the session exist again meanwhile, and the namespaces it is listed in now, so their entries
-- are restored.
local fields = redis.call('HKEYS', KEYS[2])
local namespaces = {}
for _, field in ipairs(fields) do
  if string.sub(field, 1, 3) == 'ns:' then
    namespaces[#namespaces + 1] = string.sub(field, 4)
  end
end
return {#fields > 0 and 1 or 0, namespaces}
