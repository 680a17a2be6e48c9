// The Lease contract: exclusivity, expiry, owner-only renew and release, growing fences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lease } from './port.js';

export function leaseContract(name: string, open: () => Promise<{ lease: Lease; stop(): Promise<void> }>): void {
  describe(`Lease contract: ${name}`, () => {
    let lease: Lease;
    let stop: () => Promise<void>;
    let n = 0;
    const key = () => `lease:test:${++n}:${Date.now()}`;
    beforeAll(async () => ({ lease, stop } = await open()));
    afterAll(() => stop());

    it('one owner at a time; re-acquiring our own lease keeps its fence', async () => {
      const k = key();
      const first = await lease.acquire(k, 'n1', 5_000);
      expect(first).toMatchObject({ owner: 'n1', fence: 1 });
      expect(await lease.acquire(k, 'n2', 5_000)).toBeNull();
      expect(await lease.acquire(k, 'n1', 5_000)).toMatchObject({ fence: 1 });
      expect(await lease.holder(k)).toBe('n1');
    });

    it('expires unless renewed, and the next grant has a higher fence', async () => {
      const k = key();
      await lease.acquire(k, 'n1', 200);
      expect(await lease.renew(k, 'n2', 200)).toBe(false);
      expect(await lease.renew(k, 'n1', 200)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(await lease.holder(k)).toBeNull();
      expect(await lease.renew(k, 'n1', 200)).toBe(false);
      expect(await lease.acquire(k, 'n2', 5_000)).toMatchObject({ owner: 'n2', fence: 2 });
    });

    it('only the owner releases', async () => {
      const k = key();
      await lease.acquire(k, 'n1', 5_000);
      await lease.release(k, 'n2');
      expect(await lease.holder(k)).toBe('n1');
      await lease.release(k, 'n1');
      expect(await lease.holder(k)).toBeNull();
    });

    it('20 owners racing for one key: exactly one wins', async () => {
      const k = key();
      const grants = await Promise.all(Array.from({ length: 20 }, (_, i) => lease.acquire(k, `n${i}`, 5_000)));
      expect(grants.filter(Boolean)).toHaveLength(1);
    });
  });
}
