import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { createMemoryStore } from '../core/store/memory.js';
import { createMemoryJobs } from '../core/jobs/memory.js';
import { moneyNode, type MoneyNode } from '../test/support/money.js';
import { closeForgottenRegisters, lastCutoff, zClosingQueue } from './z-closing.js';

describe('nightly Z closing', () => {
  let node: MoneyNode;
  afterEach(() => node.stop());

  it('closes registers left open past the local closing hour, once, through the job runner', async () => {
    const clock = new FakeClock(Date.parse('2026-07-14T20:00:00Z')); // 22:00 in Paris
    node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    await node.currencies.defineCollectiveCurrencies('c1', 'Sou', 'c1');
    const bar = (await node.catalog.createPos('c1', { name: 'Bar' }))._id;
    const idle = (await node.catalog.createPos('c1', { name: 'Idle' }))._id;
    const beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'B', price: 300, vatRate: 2000 }))._id;
    await node.catalog.assign(bar, beer, 'c1');
    await node.pos.sale(bar, { txId: randomUUID(), lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'cash', amount: 600 }] });
    const deps = { pos: node.pos, clock, collectives: async () => [{ id: 'c1', timezone: 'Europe/Paris', cutoffMinutes: 240 }] };

    expect(await closeForgottenRegisters(deps)).toEqual([]); // 22:00: the day is not over
    clock.set(Date.parse('2026-07-15T02:30:00Z')); // 04:30 in Paris
    const jobs = createMemoryJobs();
    const results: unknown[] = [];
    await jobs.work(zClosingQueue, async () => results.push(await closeForgottenRegisters(deps)));
    await jobs.enqueue(zClosingQueue, 'nightly', {}, { jobId: 'n1' });
    await jobs.enqueue(zClosingQueue, 'nightly', {}, { jobId: 'n2' });
    await new Promise((r) => setTimeout(r, 50));
    expect(results).toEqual([[{ posId: bar, zNumber: 1 }], []]);
    const [z] = await node.pos.listZ(bar);
    expect(z).toMatchObject({ closedBy: 'nightly-z', businessDay: '2026-07-14', totals: { sales: 600, salesCount: 1 } });
    expect(await node.pos.listZ(idle)).toEqual([]);
    await jobs.close();
  });

  it('two runs at once close each forgotten session once: one Z, and a session opened after the cutoff stays open', async () => {
    const clock = new FakeClock(Date.parse('2026-07-14T20:00:00Z'));
    node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    await node.currencies.defineCollectiveCurrencies('c1', 'Sou', 'c1');
    const bar = (await node.catalog.createPos('c1', { name: 'Bar' }))._id;
    const beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'B', price: 300, vatRate: 2000 }))._id;
    await node.catalog.assign(bar, beer, 'c1');
    await node.pos.sale(bar, { txId: randomUUID(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 300 }] });
    clock.set(Date.parse('2026-07-15T02:30:00Z'));
    const deps = { pos: node.pos, clock, collectives: async () => [{ id: 'c1', timezone: 'Europe/Paris', closingHour: 4 }] };
    const runs = await Promise.all([closeForgottenRegisters(deps), closeForgottenRegisters(deps)]);
    expect(runs.flat()).toEqual([{ posId: bar, zNumber: 1 }]);
    // The morning shift opens after the cutoff: the next run leaves it alone.
    await node.pos.sale(bar, { txId: randomUUID(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 300 }] });
    expect(await closeForgottenRegisters(deps)).toEqual([]);
    expect(await node.pos.listZ(bar)).toHaveLength(1);
    expect((await node.pos.status(bar)).state).toBe('open');
  });

  it('computes the cutoff in the collective’s time zone', () => {
    expect(new Date(lastCutoff(Date.parse('2026-07-15T02:30:00Z'), 'Europe/Paris', 240)).toISOString()).toBe('2026-07-15T02:00:00.000Z');
    expect(new Date(lastCutoff(Date.parse('2026-07-15T01:30:00Z'), 'Europe/Paris', 240)).toISOString()).toBe('2026-07-14T02:00:00.000Z');
  });
});
