import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.js';
import { verifyLedger } from '../money/verify.js';
import { globalAsset } from '../money/assets.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';

const c1 = { collectiveId: 'c1' };

describe('reversing a refunded online top-up', () => {
  let node: MoneyNode;
  let uids: string[];
  afterEach(async () => {
    const report = await verifyLedger(node.store);
    expect(report.errors).toEqual([]);
    await node.stop();
  });

  async function setup() {
    node = await moneyNode(createMemoryStore(), { groupCommitMs: 1 });
    uids = await seedCards(node, 'c1', 2);
  }

  async function onlineTopUp(amount: number, cardUid = uids[0]) {
    const txId = `stripe:cs_${randomUUID()}`;
    await node.pass.topUp({ txId, cardUid, asset: globalAsset, amount, method: 'stripe', ...c1 });
    return txId;
  }

  const globalOf = async (uid: string) => (await node.pass.balance(uid)).balances.find((b) => b.asset === globalAsset)?.amount ?? 0;

  it('takes back each cumulative refund total once, never more than was credited', async () => {
    await setup();
    const originalTxId = await onlineTopUp(2000);
    const first = await node.pass.reverseTopUp({ originalTxId, refundedTotal: 800, cardUid: uids[0], ...c1 });
    expect(first).toMatchObject({ reversed: 800, reversedTotal: 800, shortfall: 0 });
    expect(await node.pass.reverseTopUp({ originalTxId, refundedTotal: 800, cardUid: uids[0], ...c1 })).toMatchObject({ reversed: 800, reversedTotal: 800 }); // replay
    expect(await globalOf(uids[0])).toBe(1200);
    // 5000 refunded of a 2000 top-up (other purchases in the same payment): only the 2000 credited come back.
    expect(await node.pass.reverseTopUp({ originalTxId, refundedTotal: 5000, cardUid: uids[0], ...c1 })).toMatchObject({ reversed: 1200, reversedTotal: 2000, shortfall: 0 });
    expect(await node.pass.reverseTopUp({ originalTxId, refundedTotal: 6000, cardUid: uids[0], ...c1 })).toMatchObject({ reversed: 0, reversedTotal: 2000, shortfall: 0 });
    expect(await globalOf(uids[0])).toBe(0);
    const report = await verifyLedger(node.store);
    expect(report.balances.get('stripe')?.get('eur') ?? 0).toBe(0);
    expect(report.balances.get('world')?.get('eur') ?? 0).toBe(0);
  });

  it('never goes below zero: what was spent is a shortfall, nothing is written when nothing is left', async () => {
    await setup();
    const originalTxId = await onlineTopUp(1000);
    await node.pass.pay({ txId: randomUUID(), cardUid: uids[0], amount: 700, ...c1 });
    expect(await node.pass.reverseTopUp({ originalTxId, refundedTotal: 1000, cardUid: uids[0], ...c1 })).toMatchObject({ reversed: 300, reversedTotal: 300, shortfall: 700 });
    const rows = await node.store.collection('ledger').count({});
    expect(await node.pass.reverseTopUp({ originalTxId, refundedTotal: 1000, cardUid: uids[0], ...c1 })).toMatchObject({ reversed: 300, shortfall: 700 }); // replay
    expect(await globalOf(uids[0])).toBe(0);

    const other = await onlineTopUp(500, uids[1]);
    await node.pass.pay({ txId: randomUUID(), cardUid: uids[1], amount: 500, ...c1 });
    expect(await node.pass.reverseTopUp({ originalTxId: other, refundedTotal: 500, cardUid: uids[1], ...c1 })).toEqual({ walletId: expect.any(String), reversed: 0, reversedTotal: 0, shortfall: 500 });
    expect(await node.store.collection('ledger').count({})).toBe(rows + 2); // the second top-up and its payment only
  });

  it('follows the money of a lost card to its replacement', async () => {
    await setup();
    const originalTxId = await onlineTopUp(1500);
    const fresh = await node.pass.replaceCard({ txId: randomUUID(), oldCardUid: uids[0], newUid: 'C1C2C3C4', newNumber: 'NEW-9' });
    expect(await node.pass.reverseTopUp({ originalTxId, refundedTotal: 1500, cardUid: uids[0], ...c1 })).toMatchObject({ walletId: fresh.walletId, reversed: 1500 });
    expect(await globalOf('C1C2C3C4')).toBe(0);
  });

  it('reverses only online top-ups', async () => {
    await setup();
    const cash = randomUUID();
    await node.pass.topUp({ txId: cash, cardUid: uids[0], asset: 'local', amount: 1000, method: 'cash', collectiveId: 'c1', posId: 'p1' });
    await expect(node.pass.reverseTopUp({ originalTxId: cash, refundedTotal: 1000, cardUid: uids[0], ...c1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tops up a registered holder’s wallet directly, once per txId', async () => {
    await setup();
    const txId = `stripe:cs_${randomUUID()}`;
    const input = { txId, walletId: 'user:u1', asset: globalAsset, amount: 900, method: 'stripe' as const, ...c1 };
    await node.pass.topUpWallet(input);
    expect((await node.pass.topUpWallet(input)).balances).toEqual({ [globalAsset]: 900 });
    expect(await node.pass.walletBalances('user:u1')).toMatchObject([{ asset: globalAsset, amount: 900 }]);
    await expect(node.pass.topUpWallet({ ...input, walletId: 'collective:c1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
