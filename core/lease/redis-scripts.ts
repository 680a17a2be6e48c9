// Atomic lease steps, as Lua run by Redis, kept apart from the TypeScript that calls them
// (BullMQ style). Each is one compare-and-act, so two nodes can never both believe they hold a
// lease, and a node can never extend or drop a lease another node took after it expired.
//   KEYS[1] = the lease key (its value is the owner), KEYS[2] = its fencing counter
//   ARGV[1] = owner, ARGV[2] = ttl in ms

export interface LeaseScript {
  numberOfKeys: number;
  lua: string;
}

/**
 * Takes the lease if free (SET NX PX): a new grant increments the fencing counter, which is never
 * reset, and returns it. Re-acquired by its live owner: extends it and returns the current fence.
 * Held by another owner: nil.
 */
export const leaseAcquire: LeaseScript = {
  numberOfKeys: 2,
  lua: `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(redis.call('GET', KEYS[2]) or '0')
end
return false
`,
};

/** Extends the lease only if ARGV[1] still holds it: 1 when extended, 0 when lost. */
export const leaseRenew: LeaseScript = {
  numberOfKeys: 1,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`,
};

/** Deletes the lease only if ARGV[1] holds it: 1 when released, 0 otherwise. */
export const leaseRelease: LeaseScript = {
  numberOfKeys: 1,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`,
};
