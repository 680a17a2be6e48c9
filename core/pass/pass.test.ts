import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.js';
import type { Store } from '../store/port.js';
import { verifyLedger } from '../money/verify.js';
import { giftAsset, globalAsset, localAsset } from '../money/assets.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';
import { embeddedMongoStore } from '../../test/support/mongo.js';

const here = { collectiveId: 'c1', posId: 'pos1', terminalId: 't1' };
const tx = () => randomUUID();

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toMatchObject({ code });
}

async function ledgerCount(store: Store) {
  return store.collection('ledger').count({});
}

// Correctness on both adapters: the in-process store and the MongoDB wire protocol (jongodb).
const stores: Array<[string, () => Promise<{ store: Store; stop(): Promise<void> }>]> = [
  ['memory store', async () => ({ store: createMemoryStore(), stop: async () => undefined })],
  ['embedded MongoDB-wire store', embeddedMongoStore],
];

describe.each(stores)('Pass money on the %s', (_name, openStore) => {
  let node: MoneyNode;
  let uids: string[];
  let opened: { store: Store; stop(): Promise<void> };
  let round = 0;
  beforeAll(async () => {
    opened = await openStore();
  }, 30_000);
  afterAll(() => opened.stop());
  afterEach(async () => {
    const report = await verifyLedger(node.store);
    expect(report.errors).toEqual([]);
    await node.stop();
    await node.store.dropAll();
  });

  async function setup() {
    round++;
    node = await moneyNode(opened.store, { groupCommitMs: 1, nodeId: `n${round}` });
    uids = await seedCards(node, 'c1', 3);
    await node.currencies.defineCollectiveCurrencies('c2', 'Piaf', 'Le Chapiteau');
  }

  it('tops up and pays, in integer cents, with balances after each step', async () => {
    await setup();
    const top = await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 2000, method: 'cash', ...here });
    expect(top.balances).toEqual({ [localAsset('c1')]: 2000 });
    const paid = await node.pass.pay({ txId: tx(), cardUid: uids[0], amount: 750, ...here });
    expect(paid.balances).toEqual({ [localAsset('c1')]: 1250 });
    const { balances } = await node.pass.balance(uids[0]);
    expect(balances).toEqual([{ asset: localAsset('c1'), name: 'Local c1', kind: 'local', amount: 1250 }]);
  });

  it('replaying a txId 100 times moves money once and returns the same result each time', async () => {
    await setup();
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1000, method: 'cash', ...here });
    const txId = tx();
    const results = await Promise.all(Array.from({ length: 100 }, () => node.pass.pay({ txId, cardUid: uids[0], amount: 300, ...here })));
    for (const r of results) expect(r.balances).toEqual(results[0].balances);
    expect(results[0].balances).toEqual({ [localAsset('c1')]: 700 });
    // and after the actor is gone: the replay is answered from the ledger
    await node.actors.stop();
    const again = await moneyNode(node.store, { nodeId: `again${round}` });
    const replay = await again.pass.pay({ txId, cardUid: uids[0], amount: 300, ...here });
    expect(replay.balances).toEqual({ [localAsset('c1')]: 700 });
    expect((await again.pass.balance(uids[0])).balances[0].amount).toBe(700);
    node = again;
  });

  it('refuses a txId reused for a different request', async () => {
    await setup();
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1000, method: 'cash', ...here });
    const txId = tx();
    await node.pass.pay({ txId, cardUid: uids[0], amount: 100, ...here });
    await expectCode(node.pass.pay({ txId, cardUid: uids[0], amount: 200, ...here }), 'DUPLICATE_TX_CONFLICT');
    expect((await node.pass.balance(uids[0])).balances[0].amount).toBe(900);
  });

  it('refuses a payment above the balance, saying what is missing, and writes nothing', async () => {
    await setup();
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 500, method: 'card', ...here });
    const before = await ledgerCount(node.store);
    await expect(node.pass.pay({ txId: tx(), cardUid: uids[0], amount: 800, ...here })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { missing: 300 } });
    expect(await ledgerCount(node.store)).toBe(before);
  });

  it('spends gift, then own local, then accepted locals, then global; follows consent withdrawn midway', async () => {
    await setup();
    await node.pass.giveGift({ txId: tx(), cardUid: uids[0], amount: 100, ...here });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 200, method: 'cash', ...here });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'global', amount: 1000, method: 'stripe', collectiveId: 'c1' });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 400, method: 'cash', collectiveId: 'c2', posId: 'pos9' });
    await node.currencies.setAcceptance('c1', localAsset('c2'), true, Date.now());
    const first = await node.pass.pay({ txId: tx(), cardUid: uids[0], amount: 800, ...here });
    expect(first.spent).toEqual([
      { asset: giftAsset('c1'), amount: 100 },
      { asset: localAsset('c1'), amount: 200 },
      { asset: localAsset('c2'), amount: 400 },
      { asset: globalAsset, amount: 100 },
    ]);
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 400, method: 'cash', collectiveId: 'c2', posId: 'pos9' });
    await node.currencies.setAcceptance('c1', localAsset('c2'), false, Date.now());
    const second = await node.pass.pay({ txId: tx(), cardUid: uids[0], amount: 500, ...here });
    expect(second.spent).toEqual([{ asset: globalAsset, amount: 500 }]);
    await expect(node.pass.pay({ txId: tx(), cardUid: uids[0], amount: 500, ...here })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { missing: 100 } });
    // gift vouchers of c1 are never spent at c2
    await node.pass.giveGift({ txId: tx(), cardUid: uids[1], amount: 300, ...here });
    await expectCode(node.pass.pay({ txId: tx(), cardUid: uids[1], amount: 100, collectiveId: 'c2' }), 'INSUFFICIENT_FUNDS');
  });

  it('refuses bad inputs with a clear code and writes nothing', async () => {
    await setup();
    const before = await ledgerCount(node.store);
    const bad: Array<[() => Promise<unknown>, string]> = [
      [() => node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: -5, method: 'cash', ...here }), 'INVALID_AMOUNT'],
      [() => node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 0, method: 'cash', ...here }), 'INVALID_AMOUNT'],
      [() => node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 10.5, method: 'cash', ...here }), 'INVALID_AMOUNT'],
      [() => node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1e12, method: 'cash', ...here }), 'INVALID_AMOUNT'],
      [() => node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: '100' as unknown as number, method: 'cash', ...here }), 'INVALID_AMOUNT'],
      [() => node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'doge', amount: 100, method: 'cash', ...here }), 'ASSET_UNKNOWN'],
      [() => node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local:zz', amount: 100, method: 'cash', ...here }), 'ASSET_NOT_ACCEPTED'],
      [() => node.pass.topUp({ txId: tx(), cardUid: 'DEADBEEF', asset: 'local', amount: 100, method: 'cash', ...here }), 'CARD_UNKNOWN'],
      [() => node.pass.topUp({ txId: tx(), cardUid: 'not-hex', asset: 'local', amount: 100, method: 'cash', ...here }), 'INVALID_INPUT'],
      [() => node.pass.topUp({ txId: 'x', cardUid: uids[0], asset: 'local', amount: 100, method: 'cash', ...here }), 'INVALID_INPUT'],
      [() => node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 100, method: 'cash', collectiveId: 'c1' }), 'INVALID_INPUT'],
      [() => node.pass.pay({ txId: tx(), cardUid: uids[0], amount: Number.NaN, ...here }), 'INVALID_AMOUNT'],
    ];
    for (const [run, code] of bad) await expectCode(run(), code);
    expect(await ledgerCount(node.store)).toBe(before);
  });

  it('blocks a lost card and moves its balance to a new card in one transfer', async () => {
    await setup();
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1500, method: 'cash', ...here });
    await node.pass.giveGift({ txId: tx(), cardUid: uids[0], amount: 200, ...here });
    const replaceTx = tx();
    const fresh = await node.pass.replaceCard({ txId: replaceTx, oldCardUid: uids[0], newUid: 'B1B2B3B4', newNumber: 'NEW-1' });
    await node.pass.replaceCard({ txId: replaceTx, oldCardUid: uids[0], newUid: 'B1B2B3B4', newNumber: 'NEW-1' }); // retried: nothing more moves
    expect(fresh.uid).toBe('B1B2B3B4');
    await expectCode(node.pass.pay({ txId: tx(), cardUid: uids[0], amount: 100, ...here }), 'CARD_BLOCKED');
    const moved = await node.pass.balance('B1B2B3B4');
    expect(Object.fromEntries(moved.balances.map((b) => [b.asset, b.amount]))).toEqual({ [localAsset('c1')]: 1500, [giftAsset('c1')]: 200 });
    const report = await verifyLedger(node.store);
    expect(report.warnings).toEqual([]); // no transfer left in flight
  });

  it('refunds a payment fully or partly back to the same assets, never more than paid', async () => {
    await setup();
    await node.pass.giveGift({ txId: tx(), cardUid: uids[0], amount: 100, ...here });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 900, method: 'cash', ...here });
    const payTx = tx();
    const paid = await node.pass.pay({ txId: payTx, cardUid: uids[0], amount: 600, ...here });
    const walletId = paid.card.walletId;
    const part = await node.pass.refund({ txId: tx(), walletId, originalTxId: payTx, amount: 400, ...here });
    expect(part.balances).toEqual({ [localAsset('c1')]: 800 });
    await expectCode(node.pass.refund({ txId: tx(), walletId, originalTxId: payTx, amount: 300, ...here }), 'INVALID_AMOUNT');
    const rest = await node.pass.refund({ txId: tx(), walletId, originalTxId: payTx, ...here });
    expect(rest.balances).toEqual({ [localAsset('c1')]: 900, [giftAsset('c1')]: 100 });
    await expectCode(node.pass.refund({ txId: tx(), walletId, originalTxId: 'no-such-payment', ...here }), 'NOT_FOUND');
  });

  it('pays back the remaining global and local balance at the end of an event', async () => {
    await setup();
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 700, method: 'cash', ...here });
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'global', amount: 300, method: 'stripe', collectiveId: 'c1' });
    await node.pass.giveGift({ txId: tx(), cardUid: uids[0], amount: 50, ...here });
    const out = await node.pass.cashOut({ txId: tx(), cardUid: uids[0], method: 'cash', ...here });
    expect(out.refunded).toBe(1000);
    expect(out.balances).toEqual({ [giftAsset('c1')]: 50 });
    await expectCode(node.pass.cashOut({ txId: tx(), cardUid: uids[1], method: 'cash', ...here }), 'INVALID_AMOUNT');
  });

  it('merges an anonymous card into its holder’s wallet once, when they register', async () => {
    await setup();
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 500, method: 'cash', ...here });
    await node.pass.topUp({ txId: tx(), cardUid: uids[1], asset: 'local', amount: 300, method: 'cash', ...here });
    const link = tx();
    await node.pass.linkCardToUser({ txId: link, cardUid: uids[0], userId: 'u1' });
    await node.pass.linkCardToUser({ txId: tx(), cardUid: uids[1], userId: 'u1' });
    await node.pass.linkCardToUser({ txId: link, cardUid: uids[0], userId: 'u1' }); // replay
    expect(await node.pass.walletBalances('user:u1')).toMatchObject([{ asset: localAsset('c1'), amount: 800 }]);
    const paid = await node.pass.pay({ txId: tx(), cardUid: uids[1], amount: 650, ...here });
    expect(paid.balances).toEqual({ [localAsset('c1')]: 150 });
    await expectCode(node.pass.linkCardToUser({ txId: tx(), cardUid: uids[0], userId: 'u2' }), 'CONFLICT');
  });

  it('a stale actor (its lease taken over) cannot apply a write', async () => {
    await setup();
    await node.pass.topUp({ txId: tx(), cardUid: uids[0], asset: 'local', amount: 1000, method: 'cash', ...here });
    // A second node with its own lease map: both believe they own the wallet (split brain).
    const other = await moneyNode(node.store, { nodeId: 'other' });
    expect((await other.pass.balance(uids[0])).balances[0].amount).toBe(1000);
    expect((await node.pass.balance(uids[0])).balances[0].amount).toBe(1000);
    await node.pass.pay({ txId: tx(), cardUid: uids[0], amount: 700, ...here });
    // `other` still believes 1000 is there: its append is refused by (wallet, seq), it reloads.
    await expect(other.pass.pay({ txId: tx(), cardUid: uids[0], amount: 700, ...here })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { missing: 400 } });
    const ok = await other.pass.pay({ txId: tx(), cardUid: uids[0], amount: 300, ...here });
    expect(ok.balances).toEqual({});
    await other.stop();
  });

  it('group commit: 200 concurrent payments cost far fewer store writes than payments', async () => {
    node = await moneyNode(opened.store, { groupCommitMs: 5 });
    uids = await seedCards(node, 'c1', 200);
    await Promise.all(uids.map((uid) => node.pass.topUp({ txId: tx(), cardUid: uid, asset: 'local', amount: 1000, method: 'cash', ...here })));
    const flushesBefore = node.ledger.flushCount();
    const callsBefore = node.store.callCount();
    const results = await Promise.all(uids.map((uid) => node.pass.pay({ txId: tx(), cardUid: uid, amount: 100, ...here })));
    expect(results).toHaveLength(200);
    const flushes = node.ledger.flushCount() - flushesBefore;
    const calls = node.store.callCount() - callsBefore;
    expect(flushes).toBeLessThanOrEqual(10);
    expect(calls).toBeLessThan(20); // ≤ 0.1 store call per payment
  });
});
