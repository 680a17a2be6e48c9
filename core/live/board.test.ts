import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.js';
import { FakeClock } from '../clock/port.js';
import { accounts } from '../money/accounts.js';
import type { LedgerRow } from '../money/ledger-row.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';
import { applyRow, type BoardSnapshot } from './board.js';
import { boardChannel, type BoardDelta } from './collective-actor.js';
import { localHour } from './local-time.js';

const tx = () => randomUUID();

describe('live revenue board', () => {
  let node: MoneyNode;
  afterEach(() => node.stop());

  it('after a burst of sales the board equals a ledger aggregation, and deltas rebuild it', async () => {
    node = await moneyNode(createMemoryStore(), { groupCommitMs: 1 });
    const uids = await seedCards(node, 'c1', 20);
    const bars = [(await node.catalog.createPos('c1', { name: 'Bar 1' }))._id, (await node.catalog.createPos('c1', { name: 'Bar 2' }))._id];
    const beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    for (const pos of bars) await node.catalog.assign(pos, beer, 'c1');
    await Promise.all(uids.map((uid) => node.pass.topUp({ txId: tx(), cardUid: uid, asset: 'local', amount: 2000, method: 'cash', collectiveId: 'c1', posId: bars[0] })));

    const first: BoardSnapshot = structuredClone(await node.live.board('c1'));
    const deltas: BoardDelta[] = [];
    await node.bus.subscribe(boardChannel('c1'), (d) => deltas.push(d as BoardDelta));

    const sales = uids.flatMap((uid, i) => [
      node.pos.sale(bars[i % 2], { txId: tx(), lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'pass', cardUid: uid }] }),
      node.pos.sale(bars[i % 2], { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 400 }] }),
    ]);
    const acks = await Promise.all(sales);
    await node.pos.refund(bars[0], { txId: tx(), saleId: acks[0].saleId });
    await new Promise((r) => setTimeout(r, 100));

    const board = await node.live.board('c1');
    const rows = await node.store.collection<LedgerRow>('ledger').find({ collectiveId: 'c1' });
    const legs = rows.flatMap((r) => r.legs);
    const passIn = legs.filter((l) => l.to === accounts.collective('c1')).reduce((s, l) => s + l.amount, 0);
    const passBack = legs.filter((l) => l.from === accounts.collective('c1')).reduce((s, l) => s + l.amount, 0);
    const cashIn = rows.filter((r) => r.kind === 'sale').flatMap((r) => r.legs).reduce((s, l) => s + l.amount, 0);
    expect(board.sales.count).toBe(40);
    expect(board.byMethod.pass).toBe(passIn);
    expect(board.byMethod.cash).toBe(cashIn);
    expect(board.sales.net).toBe(passIn - passBack + cashIn);
    expect(board.sales.refunds).toBe(700);
    expect(board.byProduct[beer]).toEqual({ name: 'Bière', qty: 60, total: 21000 });
    expect(board.topups.total).toBe(40000);
    expect(Object.values(board.byPos).map((p) => p.count)).toEqual([20, 20]);

    // A dashboard that got `first` and then every delta in order ends where the actor is.
    const seen = new Set<string>();
    let version = first.version;
    for (const d of deltas) {
      expect(d.fromVersion).toBe(version);
      for (const row of d.rows) applyRow(first, seen, row, (at) => localHour(at, 'Europe/Paris'));
      version = d.toVersion;
    }
    expect(first).toEqual(board);
  });

  it('starts a new board at the business day cut-off (04:00 Europe/Paris), across the DST night, not at midnight', async () => {
    const clock = new FakeClock(Date.parse('2026-03-28T22:40:00Z')); // 23:40 in Paris, the night before DST
    node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    const [uid] = await seedCards(node, 'c1', 1);
    await node.pass.topUp({ txId: tx(), cardUid: uid, asset: 'local', amount: 1000, method: 'cash', collectiveId: 'c1', posId: 'p1' });
    expect((await node.live.board('c1')).topups.total).toBe(1000);
    expect((await node.live.board('c1')).day).toBe('2026-03-28');
    clock.set(Date.parse('2026-03-28T23:05:00Z')); // 00:05 on the 29th: still the night of the 28th
    expect(await node.live.board('c1')).toMatchObject({ day: '2026-03-28', topups: { total: 1000 } });
    clock.set(Date.parse('2026-03-29T01:55:00Z')); // 03:55 summer time (the clocks jumped at 02:00)
    expect(await node.live.board('c1')).toMatchObject({ day: '2026-03-28', topups: { total: 1000 } });
    clock.set(Date.parse('2026-03-29T02:05:00Z')); // 04:05 summer time
    expect(await node.live.board('c1')).toMatchObject({ day: '2026-03-29', topups: { total: 0 } });
  });
  it('does not count cup deposits as sales: held and returned apart, drinks alone in gross, net, products and hours', async () => {
    node = await moneyNode(createMemoryStore(), { groupCommitMs: 1 });
    const [uid] = await seedCards(node, 'c1', 1);
    const bar = (await node.catalog.createPos('c1', { name: 'Bar' }))._id;
    const beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 400, vatRate: 2000 }))._id;
    const cup = (await node.catalog.createProduct('c1', { name: 'Écocup', category: 'Consigne', price: 100, vatRate: 2000, kind: 'deposit' }))._id;
    for (const p of [beer, cup]) await node.catalog.assign(bar, p, 'c1');
    await node.pass.topUp({ txId: tx(), cardUid: uid, asset: 'local', amount: 2000, method: 'cash', collectiveId: 'c1', posId: bar });
    await node.pos.sale(bar, { txId: tx(), lines: [{ productId: beer, qty: 2 }, { productId: cup, qty: 2 }], payments: [{ method: 'pass', cardUid: uid }] });
    await node.pos.sale(bar, { txId: tx(), lines: [{ productId: beer, qty: 1 }, { productId: cup, qty: 1 }], payments: [{ method: 'cash', amount: 500 }] });
    await node.pos.returnDeposit(bar, { txId: tx(), productId: cup, qty: 1, cardUid: uid, by: 'staff' });
    await node.pos.returnDeposit(bar, { txId: tx(), productId: cup, qty: 1, by: 'staff' });
    await new Promise((r) => setTimeout(r, 100));

    const board = await node.live.board('c1');
    expect(board.sales).toEqual({ count: 2, gross: 1200, refunds: 0, net: 1200 });
    expect(board.byPos[bar]).toEqual({ count: 2, gross: 1200, refunds: 0 });
    expect(board.byProduct).toEqual({ [beer]: { name: 'Bière', qty: 3, total: 1200 } });
    expect(board.byHour.reduce((a, b) => a + b, 0)).toBe(1200);
    expect(board.deposits).toEqual({ held: 300, returned: 200 });
    // Money taken per method still holds the deposits (as the Z's methods do).
    expect(board.byMethod).toEqual({ cash: 500, card: 0, pass: 1000 });
  });
});
