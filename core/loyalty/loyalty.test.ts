import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { verifyLedger } from '../money/verify.js';
import { accounts } from '../money/accounts.js';
import { localAsset, loyaltyAsset } from '../money/assets.js';
import { FlowCounter } from '../settlement/statement.js';
import type { MoneyNode } from '../../test/support/money.js';
import { loyaltyBar } from '../../test/support/loyalty-bar.js';
import { loyaltyTxId } from './tx-ids.js';

const tx = () => randomUUID();
const day = 86_400_000;

describe('loyalty at the points of sale', () => {
  let node: MoneyNode;
  let uids: string[];
  let posId: string;
  let coffee: string;
  let crepe: string;
  const clock = new FakeClock();

  afterEach(async () => {
    expect((await verifyLedger(node.store)).errors).toEqual([]);
    await node.stop();
  });

  async function setup(program: Record<string, unknown> = {}) {
    ({ node, uids, posId, coffee, crepe } = await loyaltyBar({ cards: 3, clock, program }));
  }

  const held = async (uid: string) => (await node.pass.balance(uid)).balances.find((b) => b.kind === 'loyalty')?.amount ?? 0;
  const payPass = (uid: string, lines: Array<{ productId: string; qty: number }>, txId = tx()) =>
    node.pos.sale(posId, { txId, lines, payments: [{ method: 'pass', cardUid: uid }], terminalId: 't1' });

  it('earns a stamp per coffee paid with the Pass, shown as a loyalty balance that is never money', async () => {
    await setup();
    const ack = await payPass(uids[0], [
      { productId: coffee, qty: 3 },
      { productId: crepe, qty: 1 },
    ]);
    expect(ack.balances).toContainEqual({ asset: loyaltyAsset('c1'), name: 'Carte café', kind: 'loyalty', amount: 3 });
    expect(await held(uids[0])).toBe(3);
    // The loyalty row is chained in the wallet's own chain, issued by the asset's issuance account.
    const row = await node.ledger.byTxId(loyaltyTxId('earn', ack.saleId));
    expect(row).toMatchObject({ kind: 'loyalty', legs: [{ asset: loyaltyAsset('c1'), from: accounts.issuance(loyaltyAsset('c1')), amount: 3 }] });
    // A card holding only loyalty units cannot pay with them.
    await node.loyalty.configure('c1', { name: 'Carte café', stamps: { categories: ['Cafés'] } });
    await payPass(uids[1], [{ productId: coffee, qty: 1 }]).catch(() => undefined);
    await node.pass.topUp({ txId: tx(), cardUid: uids[1], asset: 'local', amount: 200, method: 'cash', collectiveId: 'c1', posId });
    await payPass(uids[1], [{ productId: coffee, qty: 1 }]);
    expect(await held(uids[1])).toBe(1);
    await expect(payPass(uids[1], [{ productId: coffee, qty: 1 }])).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(await held(uids[1])).toBe(1);
  });

  it('earns points per euro on a cash sale when the terminal sends the tapped card, and nothing without a card', async () => {
    await setup({ stamps: undefined, pointsPerEuro: 2 });
    const ack = await node.pos.sale(posId, { txId: tx(), lines: [{ productId: crepe, qty: 3 }], payments: [{ method: 'cash', amount: 2000 }], loyaltyCardUid: uids[2] });
    expect(ack.balances).toEqual([{ asset: loyaltyAsset('c1'), name: 'Carte café', kind: 'loyalty', amount: 26 }]); // 13.50 € -> 13 whole euros -> 26 points
    await node.pos.sale(posId, { txId: tx(), lines: [{ productId: crepe, qty: 1 }], payments: [{ method: 'card', amount: 450 }] });
    expect(await held(uids[2])).toBe(26);
    // An unknown tapped card earns nothing and does not block the sale.
    await expect(
      node.pos.sale(posId, { txId: tx(), lines: [{ productId: crepe, qty: 1 }], payments: [{ method: 'cash', amount: 450 }], loyaltyCardUid: 'FFFFFFFF' }),
    ).resolves.toMatchObject({ total: 450 });
  });

  it('earns once for a replayed sale txId', async () => {
    await setup();
    const txId = tx();
    const first = await payPass(uids[0], [{ productId: coffee, qty: 2 }], txId);
    const again = await payPass(uids[0], [{ productId: coffee, qty: 2 }], txId);
    expect(again.number).toBe(first.number);
    expect(again.balances).toEqual(first.balances);
    expect(await held(uids[0])).toBe(2);
    expect(await node.ledger.rows.count({ kind: 'loyalty' })).toBe(1);
    const cashTx = tx();
    const cash = { txId: cashTx, lines: [{ productId: coffee, qty: 1 }], payments: [{ method: 'cash' as const, amount: 200 }], loyaltyCardUid: uids[0] };
    await node.pos.sale(posId, cash);
    expect((await node.pos.sale(posId, cash)).balances?.find((b) => b.kind === 'loyalty')?.amount).toBe(3);
    expect(await held(uids[0])).toBe(3);
    // The admin setting an expiry meanwhile does not make a resent earning another command.
    const earn = { saleTxId: tx(), cardUid: uids[1], units: 2, collectiveId: 'c1', posId };
    await node.pass.earnLoyalty(earn);
    await expect(node.pass.earnLoyalty({ ...earn, expiryDays: 30 })).resolves.toMatchObject({ earned: 2 });
    expect(await held(uids[1])).toBe(2);
  });

  it('takes back the points of a refunded sale, in shares that add up, once per refund, never below zero', async () => {
    await setup();
    const sale = await payPass(uids[0], [{ productId: coffee, qty: 4 }]);
    const refundTx = tx();
    await node.pos.refund(posId, { txId: refundTx, saleId: sale.saleId, lines: [{ productId: coffee, qty: 1 }] });
    expect(await held(uids[0])).toBe(3);
    await node.pos.refund(posId, { txId: refundTx, saleId: sale.saleId, lines: [{ productId: coffee, qty: 1 }] });
    expect(await held(uids[0])).toBe(3);
    // Units already spent on a reward stay spent: the rest of the refund takes what is left.
    await node.pass.redeemLoyalty({ saleTxId: tx(), cardUid: uids[0], units: 2, collectiveId: 'c1', posId });
    expect(await held(uids[0])).toBe(1);
    await node.pos.refund(posId, { txId: tx(), saleId: sale.saleId });
    expect(await held(uids[0])).toBe(0);
    // A second sale's refund never takes the first sale's units.
    const other = await payPass(uids[0], [{ productId: coffee, qty: 1 }]);
    await payPass(uids[0], [{ productId: coffee, qty: 2 }]);
    await node.pos.refund(posId, { txId: tx(), saleId: other.saleId });
    expect(await held(uids[0])).toBe(2);
  });

  it('expires the balance after the program’s days without loyalty activity', async () => {
    await setup({ expiryDays: 30 });
    await payPass(uids[0], [{ productId: coffee, qty: 5 }]);
    clock.advance(20 * day);
    await payPass(uids[0], [{ productId: coffee, qty: 1 }]);
    expect(await held(uids[0])).toBe(6);
    clock.advance(31 * day);
    await expect(node.pass.redeemLoyalty({ saleTxId: tx(), cardUid: uids[0], units: 3, collectiveId: 'c1', posId, expiryDays: 30 })).rejects.toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
    });
    const ack = await payPass(uids[0], [{ productId: coffee, qty: 1 }]);
    const row = await node.ledger.byTxId(loyaltyTxId('earn', ack.saleId));
    expect(row?.meta).toMatchObject({ loyaltyExpired: 6, loyaltyEarned: 1 });
    expect(await held(uids[0])).toBe(1);
  });

  it('is never counted in village settlement', async () => {
    await setup();
    await node.currencies.defineCollectiveCurrencies('c2', 'Local c2', 'c2');
    await node.currencies.setAcceptance('c2', localAsset('c1'), true, clock.now());
    await node.loyalty.configure('c2', { name: 'Fidélité c2', pointsPerEuro: 1 });
    const pos2 = (await node.catalog.createPos('c2', { name: 'Bar 2' }))._id;
    const tea = (await node.catalog.createProduct('c2', { name: 'Thé', category: 'Boissons', price: 300, vatRate: 1000 }))._id;
    await node.catalog.assign(pos2, tea, 'c2');
    await node.pos.sale(pos2, { txId: tx(), lines: [{ productId: tea, qty: 2 }], payments: [{ method: 'pass', cardUid: uids[0] }] });
    expect((await node.pass.balance(uids[0])).balances.find((b) => b.asset === loyaltyAsset('c2'))?.amount).toBe(6);
    const counter = new FlowCounter(['c1', 'c2']);
    for (const row of await node.ledger.rows.find({})) counter.add(row);
    const [pair] = counter.pairs();
    expect(pair).toMatchObject({ a: 'c1', b: 'c2', net: 600, debtor: 'c1' });
    const loyaltyOnly = new FlowCounter(['c1', 'c2']);
    for (const row of await node.ledger.rows.find({ kind: 'loyalty' })) loyaltyOnly.add(row);
    expect(loyaltyOnly.pairs()).toEqual([]);
  });
});
