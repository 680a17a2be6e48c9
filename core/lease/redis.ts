// The Redis adapter of the Lease port: SET NX PX semantics with a fencing counter, every step
// atomic in Lua (see redis-scripts.ts).
import { Redis } from 'ioredis';
import { logger } from '../shared/logger.js';
import type { Lease } from './port.js';
import { acquireScript, releaseScript, renewScript } from './redis-scripts.js';

export async function createRedisLease(options: { url: string; prefix: string }): Promise<Lease> {
  const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis lease connection error'));
  await redis.connect();
  const key = (k: string) => `${options.prefix}:${k}`;
  return {
    async acquire(k, owner, ttlMs) {
      const fence = (await redis.eval(acquireScript, 2, key(k), `${key(k)}:fence`, owner, String(ttlMs))) as number | null;
      return fence === null ? null : { key: k, owner, fence: Number(fence) };
    },
    async renew(k, owner, ttlMs) {
      return Number(await redis.eval(renewScript, 1, key(k), owner, String(ttlMs))) === 1;
    },
    async release(k, owner) {
      await redis.eval(releaseScript, 1, key(k), owner);
    },
    async holder(k) {
      return redis.get(key(k));
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
