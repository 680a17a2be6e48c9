// A refused command keeps its answer: found by `npm run chaos`, where a payment refused for lack
// of funds was charged when a delayed duplicate of it arrived after a top-up (the terminal had
// shown "refused"), and a replayed refusal said a different amount was missing.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.js';
import type { Store } from '../store/port.js';
import { verifyLedger } from '../money/verify.js';
import { localAsset } from '../money/assets.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';

const here = { collectiveId: 'c1', posId: 'pos1', terminalId: 't1' };
const tx = () => randomUUID();

describe('a refused txId keeps its first answer', () => {
  let store: Store;
  let node: MoneyNode;
  let uids: string[];

  afterEach(async () => {
    expect((await verifyLedger(store)).errors).toEqual([]);
    await node.stop();
  });

  async function setup(balance: number) {
    store = createMemoryStore();
    node = await moneyNode(store, { groupCommitMs: 1, nodeId: 'first' });
    uids = await seedCards(node, 'c1', 1);
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: balance, method: 'cash', ...here });
  }

  const balanceOf = async () => (await node.pass.balance(uids[0])).balances.find((b) => b.asset === localAsset('c1'))?.amount ?? 0;

  it('a payment refused for lack of funds stays refused, with the same answer, after a top-up', async () => {
    await setup(500);
    const payment = { txId: tx(), cardUid: uids[0], amount: 800, ...here };
    const first = await node.pass.pay(payment).catch((err) => err);
    expect(first).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { missing: 300 } });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1000, method: 'cash', ...here });
    const replayed = await node.pass.pay(payment).catch((err) => err);
    expect(replayed).toMatchObject({ code: 'INSUFFICIENT_FUNDS', message: first.message, details: { missing: 300 } });
    expect(await balanceOf()).toBe(1500);
    expect(await node.ledger.rows.count({ txId: payment.txId })).toBe(0);
  });

  it('stays refused once the wallet actor moved to another node (read back from the store)', async () => {
    await setup(100);
    const payment = { txId: tx(), cardUid: uids[0], amount: 250, ...here };
    await expect(node.pass.pay(payment)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { missing: 150 } });
    await node.stop();
    node = await moneyNode(store, { groupCommitMs: 1, nodeId: 'second' });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1000, method: 'cash', ...here });
    await expect(node.pass.pay(payment)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { missing: 150 } });
    expect(await balanceOf()).toBe(1100);
  });

  it('duplicates of a refused payment in flight while the card is topped up: all refused, none charged', async () => {
    await setup(100);
    const payment = { txId: tx(), cardUid: uids[0], amount: 300, ...here };
    const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (err) => err.code as string);
    const early = Array.from({ length: 10 }, () => codeOf(node.pass.pay(payment)));
    await early[0];
    const late = [node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1000, method: 'cash', ...here }), ...Array.from({ length: 10 }, () => node.pass.pay(payment))];
    const lateCodes = await Promise.all(late.slice(1).map(codeOf));
    await late[0];
    expect([...(await Promise.all(early)), ...lateCodes]).toEqual(Array(20).fill('INSUFFICIENT_FUNDS'));
    expect(await balanceOf()).toBe(1100);
  });

  it('the txId of a refused payment reused for another amount is a conflict', async () => {
    await setup(100);
    const txId = tx();
    await expect(node.pass.pay({ txId, cardUid: uids[0], amount: 300, ...here })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    await expect(node.pass.pay({ txId, cardUid: uids[0], amount: 50, ...here })).rejects.toMatchObject({ code: 'DUPLICATE_TX_CONFLICT' });
    expect(await balanceOf()).toBe(100);
  });

  it('a refused sale replayed after a top-up gets the same refusal and records no sale', async () => {
    await setup(200);
    const posId = (await node.catalog.createPos('c1', { name: 'Bar' }))._id;
    const beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    await node.catalog.assign(posId, beer, 'c1');
    const sale = { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass' as const, cardUid: uids[0] }], terminalId: 't1' };
    const first = await node.pos.sale(posId, sale).catch((err) => err);
    expect(first).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { missing: 150 } });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1000, method: 'cash', ...here });
    await expect(node.pos.sale(posId, sale)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', message: first.message, details: { missing: 150 } });
    expect(await store.collection('sales').count({ _id: sale.txId })).toBe(0);
    expect(await balanceOf()).toBe(1200);
  });
});
