import type { Clock } from '../clock/port.js';
import { systemClock } from '../clock/port.js';
import type { Lease } from './port.js';

/** In-process leases with expiry, for one node (embedded mode) and tests. */
export function createMemoryLease(clock: Clock = systemClock): Lease {
  const held = new Map<string, { owner: string; expiresAt: number }>();
  const fences = new Map<string, number>();
  const live = (key: string) => {
    const h = held.get(key);
    if (h && h.expiresAt <= clock.now()) {
      held.delete(key);
      return undefined;
    }
    return h;
  };
  return {
    async acquire(key, owner, ttlMs) {
      const h = live(key);
      if (h && h.owner !== owner) return null;
      held.set(key, { owner, expiresAt: clock.now() + ttlMs });
      if (h) return { key, owner, fence: fences.get(key)! };
      const fence = (fences.get(key) ?? 0) + 1;
      fences.set(key, fence);
      return { key, owner, fence };
    },
    async renew(key, owner, ttlMs) {
      const h = live(key);
      if (!h || h.owner !== owner) return false;
      h.expiresAt = clock.now() + ttlMs;
      return true;
    },
    async release(key, owner) {
      if (live(key)?.owner === owner) held.delete(key);
    },
    async holder(key) {
      return live(key)?.owner ?? null;
    },
    async close() {},
  };
}
