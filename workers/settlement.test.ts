import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { createMemoryJobs } from '../core/jobs/memory.js';
import { localAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import { statementCsv } from '../core/settlement/csv.js';
import { dailyPeriod, previousDayKey } from '../core/settlement/periods.js';
import { SettlementService } from '../core/settlement/service.js';
import { createMemoryStore } from '../core/store/memory.js';
import { moneyNode, type MoneyNode } from '../test/support/money.js';
import { drainQueue } from '../test/support/fake-stripe.js';
import { settlementProcessor, settlementQueue, settleVillages } from './settlement.js';

const village = { id: 'vil_1', collectiveIds: ['A', 'B', 'C'] };

describe('village settlement', () => {
  let node: MoneyNode;
  afterEach(async () => {
    const report = await verifyLedger(node.store);
    expect(report.errors).toEqual([]);
    await node.stop();
  });

  async function setup() {
    const clock = new FakeClock(Date.parse('2026-07-14T10:00:00Z'));
    node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    for (const c of ['A', 'B', 'C', 'D']) await node.currencies.defineCollectiveCurrencies(c, `Sou ${c}`, c);
    await node.currencies.setAcceptance('B', localAsset('A'), true, clock.now());
    await node.currencies.setAcceptance('C', localAsset('A'), true, clock.now());
    await node.currencies.setAcceptance('C', localAsset('B'), true, clock.now());
    await node.currencies.setAcceptance('A', localAsset('B'), true, clock.now());
    await node.currencies.setAcceptance('D', localAsset('A'), true, clock.now()); // D is not in the village
    const card = async (uid: string, issuer: string, amount: number) => {
      await node.pass.registerCard({ uid, number: `n-${uid}`, issuerId: issuer });
      await node.pass.topUp({ txId: randomUUID(), cardUid: uid, asset: 'local', amount, method: 'cash', collectiveId: issuer, posId: `pos-${issuer}` });
    };
    await card('A1000001', 'A', 3000);
    await card('B1000001', 'B', 2000);
    await card('C1000001', 'C', 1000);
    const settlement = new SettlementService(node.store, node.ledger, clock);
    await settlement.start();
    return { clock, settlement };
  }

  const pay = (cardUid: string, collectiveId: string, amount: number, txId = randomUUID()) => node.pass.pay({ txId, cardUid, amount, collectiveId }).then(() => txId);

  it('nets what each pair owes for the day, once per period, and markPaid settles it in the ledger', async () => {
    const { clock, settlement } = await setup();
    const aAtB = await pay('A1000001', 'B', 1200);
    await pay('A1000001', 'C', 500);
    await pay('A1000001', 'D', 100); // outside the village: not settled here
    await pay('B1000001', 'A', 700);
    await pay('B1000001', 'C', 300);
    await pay('C1000001', 'C', 400); // own currency at home: nothing owed
    const walletA = (await node.cards.byUidOrThrow('A1000001')).walletId;
    await node.pass.refund({ txId: randomUUID(), walletId: walletA, originalTxId: aAtB, amount: 200, collectiveId: 'B' });

    await expect(settlement.settle({ villageId: village.id, collectiveIds: village.collectiveIds, period: dailyPeriod('2026-07-14') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    clock.set(Date.parse('2026-07-15T00:30:00Z'));
    await pay('A1000001', 'B', 50); // the next day: another period

    const jobs = createMemoryJobs();
    const results: unknown[] = [];
    await jobs.work(settlementQueue, async (job) => results.push(await settlementProcessor({ settlement, clock, villages: async () => [village] })(job as any)));
    await jobs.enqueue(settlementQueue, 'daily', {}, { jobId: 'run-1' });
    await drainQueue(jobs, settlementQueue);
    await jobs.close();
    expect(previousDayKey(clock.now())).toBe('2026-07-14');
    const statement = await settlement.get('vil_1:2026-07-14');
    expect(results).toEqual([[{ _id: statement._id, hash: statement.hash }]]);

    expect(statement.pairs).toEqual([
      { a: 'A', b: 'B', aToB: { spent: 1200, refunded: 200, due: 1000 }, bToA: { spent: 700, refunded: 0, due: 700 }, net: 300, debtor: 'A', creditor: 'B' },
      { a: 'A', b: 'C', aToB: { spent: 500, refunded: 0, due: 500 }, bToA: { spent: 0, refunded: 0, due: 0 }, net: 500, debtor: 'A', creditor: 'C' },
      { a: 'B', b: 'C', aToB: { spent: 300, refunded: 0, due: 300 }, bToA: { spent: 0, refunded: 0, due: 0 }, net: 300, debtor: 'B', creditor: 'C' },
    ]);
    expect(statement.totals).toEqual({
      A: { owesGross: 1500, owedGross: 700, balance: -800 },
      B: { owesGross: 1000, owedGross: 1000, balance: 0 },
      C: { owesGross: 0, owedGross: 800, balance: 800 },
    });

    // Idempotent per period: a second run (even with another member list) returns the first statement.
    const again = await settleVillages({ settlement, clock, villages: async () => [{ id: 'vil_1', collectiveIds: ['A', 'B'] }] });
    expect(again).toEqual([{ _id: statement._id, hash: statement.hash }]);
    expect(await node.store.collection('settlements').count({})).toBe(1);
    expect((await settlement.forCollective('C')).map((s) => s._id)).toEqual(['vil_1:2026-07-14']);
    expect(await settlement.forCollective('D')).toEqual([]);

    const before = await verifyLedger(node.store);
    expect(before.balances.get('collective:B')?.get(localAsset('A'))).toBe(1000 + 50);
    const payment = await settlement.markPaid(statement._id, 0, 'settle-vil_1-0001');
    expect(await settlement.markPaid(statement._id, 0, 'settle-vil_1-0001')).toEqual(payment); // replay
    await expect(settlement.markPaid(statement._id, 0, 'settle-vil_1-0002')).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = await verifyLedger(node.store);
    expect(after.ok).toBe(true);
    expect(after.balances.get('collective:B')?.get(localAsset('A'))).toBe(50); // the day's 1000 redeemed, the next day's 50 not
    expect(after.balances.get('collective:A')?.get(localAsset('B'))).toBe(0);
    expect(after.balances.get('collective-bank:A')?.get('eur')).toBe(-300);
    expect(after.balances.get('collective-bank:B')?.get('eur')).toBe(300);
    const row = await node.ledger.byTxId('settle-vil_1-0001');
    expect(row).toMatchObject({ wallet: 'settlement:vil_1', seq: 1, kind: 'settlement', meta: { statementId: statement._id, pairIndex: 0 } });

    const paid = await settlement.get(statement._id);
    expect(paid.payments).toEqual({ '0': payment });
    expect(paid.pairs).toEqual(statement.pairs); // the statement itself never changes
    await settlement.markPaid(statement._id, 2, 'settle-vil_1-0003');
    expect((await node.ledger.byTxId('settle-vil_1-0003'))?.seq).toBe(2);

    const csv = statementCsv(await settlement.get(statement._id)).split('\r\n');
    expect(csv[0]).toMatch(/^statement_id,period,/);
    expect(csv[1]).toBe(`vil_1:2026-07-14,2026-07-14,2026-07-14T00:00:00.000Z,2026-07-15T00:00:00.000Z,0,A,B,12.00,2.00,7.00,0.00,3.00,A,B,settle-vil_1-0001,${new Date(payment.at).toISOString()}`);
    expect(csv[2]).toBe('vil_1:2026-07-14,2026-07-14,2026-07-14T00:00:00.000Z,2026-07-15T00:00:00.000Z,1,A,C,5.00,0.00,0.00,0.00,5.00,A,C,,');
    expect(csv).toHaveLength(5); // header, 3 pairs, trailing empty
  });

  it('refuses an unknown pair and a malformed txId', async () => {
    const { clock, settlement } = await setup();
    await pay('A1000001', 'B', 100);
    clock.set(Date.parse('2026-07-15T00:30:00Z'));
    const statement = await settlement.settle({ villageId: 'vil_1', collectiveIds: ['A', 'B'], period: dailyPeriod('2026-07-14') });
    await expect(settlement.markPaid(statement._id, 5, 'settle-x-00001')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(settlement.markPaid(statement._id, 0, 'bad id')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(() => dailyPeriod('2026-02-30')).toThrow(/not a day/);
  });
});
