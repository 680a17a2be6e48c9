import type { Clock } from '../clock/port.js';
import { systemClock } from '../clock/port.js';
import type { Lease } from './port.js';
import { checkTtl } from './ttl.js';

/**
 * In-process leases with expiry, for one node (embedded mode) and tests: the same rules as the
 * Redis adapter (fences only grow, only the owner renews or releases), on an injected clock.
 */
export function createMemoryLease(clock: Clock = systemClock): Lease {
  const held = new Map<string, { owner: string; expiresAtMs: number }>();
  const fences = new Map<string, number>();
  const live = (key: string) => {
    const h = held.get(key);
    if (h && h.expiresAtMs <= clock.now()) {
      held.delete(key);
      return undefined;
    }
    return h;
  };
  return {
    async acquire(key, owner, ttlMs) {
      checkTtl(ttlMs);
      const h = live(key);
      if (h && h.owner !== owner) return null;
      held.set(key, { owner, expiresAtMs: clock.now() + ttlMs });
      if (h) return { key, owner, fence: fences.get(key) ?? 0 };
      const fence = (fences.get(key) ?? 0) + 1;
      fences.set(key, fence);
      return { key, owner, fence };
    },
    async renew(key, owner, ttlMs) {
      checkTtl(ttlMs);
      const h = live(key);
      if (!h || h.owner !== owner) return false;
      h.expiresAtMs = clock.now() + ttlMs;
      return true;
    },
    async renewMany(keys, owner, ttlMs) {
      checkTtl(ttlMs);
      const expiresAtMs = clock.now() + ttlMs;
      return keys.map((key) => {
        const h = live(key);
        if (!h || h.owner !== owner) return false;
        h.expiresAtMs = expiresAtMs;
        return true;
      });
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
