// The Redis adapter of the Lease port: a lease is the key `<prefix>:<key>` holding its owner with
// a PX expiry, beside a fencing counter `<prefix>:<key>:fence`. Every step that compares and then
// acts is one Lua script (redis-scripts.ts), sent by SHA once Redis has it.
import { Redis } from 'ioredis';
import { unavailable } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { Lease } from './port.js';
import { leaseAcquire, leaseRelease, leaseRenew } from './redis-scripts.js';
import { checkTtl } from './ttl.js';

interface LeaseCommands {
  leaseAcquire(key: string, fenceKey: string, owner: string, ttlMs: number): Promise<number | null>;
  leaseRenew(key: string, owner: string, ttlMs: number): Promise<number>;
  leaseRelease(key: string, owner: string): Promise<number>;
}

export async function createRedisLease(options: { url: string; prefix: string }): Promise<Lease> {
  const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 }) as Redis & LeaseCommands;
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis lease connection error'));
  redis.defineCommand('leaseAcquire', leaseAcquire);
  redis.defineCommand('leaseRenew', leaseRenew);
  redis.defineCommand('leaseRelease', leaseRelease);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const full = (key: string) => `${options.prefix}:${key}`;
  const storeDown = unavailable('lease store');
  let closing: Promise<void> | undefined;
  return {
    async acquire(key, owner, ttlMs) {
      checkTtl(ttlMs);
      const fence = await redis.leaseAcquire(full(key), `${full(key)}:fence`, owner, ttlMs).catch(storeDown);
      return fence === null ? null : { key, owner, fence: Number(fence) };
    },
    async renew(key, owner, ttlMs) {
      checkTtl(ttlMs);
      return (await redis.leaseRenew(full(key), owner, ttlMs).catch(storeDown)) === 1;
    },
    async renewMany(keys, owner, ttlMs) {
      checkTtl(ttlMs);
      if (!keys.length) return [];
      const pipeline = redis.pipeline();
      for (const key of keys) (pipeline as unknown as { leaseRenew(k: string, o: string, t: number): void }).leaseRenew(full(key), owner, ttlMs);
      const results = (await pipeline.exec().catch(storeDown)) ?? [];
      return keys.map((_, i) => !results[i]?.[0] && results[i]?.[1] === 1);
    },
    async release(key, owner) {
      await redis.leaseRelease(full(key), owner).catch(storeDown);
    },
    async holder(key) {
      return redis.get(full(key)).catch(storeDown);
    },
    close() {
      closing ??= redis.quit().then(
        () => undefined,
        () => redis.disconnect(),
      );
      return closing;
    },
  };
}
