// The Lease contract, run on every adapter: exclusivity, expiry, owner-only renew and release,
// fences that grow with every grant. The actor runtime's single activation rests on these.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Lease } from './port.js';

const shortTtlMs = 200;
const longTtlMs = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `makeLease` gives one node's handle; several calls are several nodes of one deployment (an
 * adapter whose instances cannot see each other, memory, returns the same instance each time).
 */
export function leaseContract(name: string, makeLease: () => Promise<Lease>): void {
  describe(`Lease contract: ${name}`, () => {
    const opened = new Set<Lease>();
    const node = async () => {
      const lease = await makeLease();
      opened.add(lease);
      return lease;
    };
    const key = () => `lease:contract:${randomUUID()}`;
    afterAll(async () => {
      for (const lease of opened) await lease.close();
    });

    it('grants a key to one owner at a time; its live owner re-acquires with the same fence', async () => {
      const [n1, n2] = [await node(), await node()];
      const k = key();
      const first = await n1.acquire(k, 'owner-1', longTtlMs);
      expect(first).toEqual({ key: k, owner: 'owner-1', fence: expect.any(Number) });
      expect(await n2.acquire(k, 'owner-2', longTtlMs)).toBeNull();
      expect(await n2.holder(k)).toBe('owner-1');
      expect(await n1.acquire(k, 'owner-1', longTtlMs)).toEqual(first);
      expect(await n2.holder(key())).toBeNull();
    });

    it('expires after its ttl unless renewed; the next grant has a higher fence', async () => {
      const lease = await node();
      const k = key();
      const first = (await lease.acquire(k, 'owner-1', shortTtlMs))!;
      await sleep(shortTtlMs + 100);
      expect(await lease.holder(k)).toBeNull();
      expect(await lease.renew(k, 'owner-1', shortTtlMs)).toBe(false); // too late: lost
      const second = await lease.acquire(k, 'owner-2', longTtlMs);
      expect(second?.owner).toBe('owner-2');
      expect(second!.fence).toBeGreaterThan(first.fence);
    });

    it('is renewed by its owner only', async () => {
      const [n1, n2] = [await node(), await node()];
      const k = key();
      await n1.acquire(k, 'owner-1', shortTtlMs);
      await sleep(shortTtlMs / 2);
      expect(await n2.renew(k, 'owner-2', longTtlMs)).toBe(false);
      expect(await n1.renew(k, 'owner-1', shortTtlMs * 3)).toBe(true);
      await sleep(shortTtlMs); // past the first ttl, within the renewed one
      expect(await n2.holder(k)).toBe('owner-1');
      expect(await n2.acquire(k, 'owner-2', longTtlMs)).toBeNull();
    });

    it('renews many leases at once: ours are kept, lost or foreign ones answer false', async () => {
      const [n1, n2] = [await node(), await node()];
      const [mine, expired, foreign, free] = [key(), key(), key(), key()];
      await n1.acquire(mine, 'owner-1', shortTtlMs);
      await n1.acquire(expired, 'owner-1', 50);
      await n2.acquire(foreign, 'owner-2', longTtlMs);
      await sleep(120);
      expect(await n1.renewMany([mine, expired, foreign, free], 'owner-1', shortTtlMs * 3)).toEqual([true, false, false, false]);
      await sleep(shortTtlMs); // past the first ttl, within the renewed one
      expect(await n2.holder(mine)).toBe('owner-1');
      expect(await n2.holder(foreign)).toBe('owner-2');
      expect(await n1.renewMany([], 'owner-1', shortTtlMs)).toEqual([]);
    });

    it('is released by its owner only; a lost owner cannot release its successor', async () => {
      const [n1, n2] = [await node(), await node()];
      const k = key();
      await n1.acquire(k, 'owner-1', shortTtlMs);
      await n2.release(k, 'owner-2');
      expect(await n1.holder(k)).toBe('owner-1');
      await sleep(shortTtlMs + 100);
      await n2.acquire(k, 'owner-2', longTtlMs);
      await n1.release(k, 'owner-1'); // expired and taken: must not touch owner-2's lease
      expect(await n1.holder(k)).toBe('owner-2');
      await n2.release(k, 'owner-2');
      expect(await n1.holder(k)).toBeNull();
      expect(await n1.acquire(k, 'owner-1', longTtlMs)).toMatchObject({ owner: 'owner-1' });
    });

    it('gives a strictly higher fence to every new grant of a key', async () => {
      const [n1, n2] = [await node(), await node()];
      const k = key();
      const fences: number[] = [];
      for (let i = 0; i < 6; i++) {
        const [lease, owner] = i % 2 ? [n1, 'owner-1'] : [n2, 'owner-2'];
        const grant = (await lease.acquire(k, owner, longTtlMs))!;
        expect((await lease.acquire(k, owner, longTtlMs))!.fence).toBe(grant.fence); // same grant
        fences.push(grant.fence);
        await lease.release(k, owner);
      }
      for (let i = 1; i < fences.length; i++) expect(fences[i]).toBeGreaterThan(fences[i - 1]);
    });

    it('20 owners racing for one key from several nodes: exactly one wins', async () => {
      const nodes = [await node(), await node(), await node(), await node()];
      const k = key();
      const grants = await Promise.all(Array.from({ length: 20 }, (_, i) => nodes[i % nodes.length].acquire(k, `owner-${i}`, longTtlMs)));
      const winners = grants.filter((g) => g !== null);
      expect(winners).toHaveLength(1);
      expect(await nodes[0].holder(k)).toBe(winners[0]!.owner);
    });

    it('refuses a ttl that is not a positive whole number of ms', async () => {
      const lease = await node();
      for (const ttl of [0, -5, 1.5, Number.NaN]) await expect(lease.acquire(key(), 'owner-1', ttl)).rejects.toThrow(/ttl/);
      await expect(lease.renew(key(), 'owner-1', 0)).rejects.toThrow(/ttl/);
    });
  });
}
