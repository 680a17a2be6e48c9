// Atomic lease steps, as Lua run by Redis (kept apart from the TypeScript that calls them).
// KEYS[1] = lease key, KEYS[2] = its fencing counter; ARGV[1] = owner, ARGV[2] = ttl ms.

/** Take the lease if free or already ours; a new grant increments the fence. Returns the fence or nil. */
export const acquireScript = `
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return redis.call('INCR', KEYS[2])
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(redis.call('GET', KEYS[2]) or '0')
end
return nil
`;

/** Extend only our own lease. Returns 1 when extended, 0 when lost. */
export const renewScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** Release only our own lease. */
export const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
