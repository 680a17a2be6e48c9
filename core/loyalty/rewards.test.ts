import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../money/verify.js';
import { accounts } from '../money/accounts.js';
import { localAsset, loyaltyAsset } from '../money/assets.js';
import { includedVat } from '../pos/pricing.js';
import type { MoneyNode } from '../../test/support/money.js';
import { loyaltyBar } from '../../test/support/loyalty-bar.js';
import { applyReward } from './reward.js';
import type { LoyaltyProgram } from './program.js';

const tx = () => randomUUID();

describe('loyalty rewards at the points of sale', () => {
  let node: MoneyNode;
  let uids: string[];
  let posId: string;
  let coffee: string;
  let crepe: string;

  afterEach(async () => {
    expect((await verifyLedger(node.store)).errors).toEqual([]);
    await node.stop();
  });

  async function setup() {
    ({ node, uids, posId, coffee, crepe } = await loyaltyBar({ cards: 2 }));
  }

  const balances = async (uid: string) => Object.fromEntries((await node.pass.balance(uid)).balances.map((b) => [b.asset, b.amount]));
  const coffees = (uid: string, qty: number) => node.pos.sale(posId, { txId: tx(), lines: [{ productId: coffee, qty }], payments: [{ method: 'pass', cardUid: uid }] });

  it('gives the 10th coffee free: the reward is paid with 9 stamps in the payment row, once per txId, and is a discount in the Z', async () => {
    await setup();
    await coffees(uids[0], 9);
    expect((await balances(uids[0]))[loyaltyAsset('c1')]).toBe(9);
    const sale = {
      txId: tx(),
      lines: [
        { productId: coffee, qty: 1 },
        { productId: crepe, qty: 1 },
      ],
      payments: [{ method: 'pass' as const, cardUid: uids[0] }],
      reward: 'free-coffee',
    };
    const ack = await node.pos.sale(posId, sale);
    expect(ack.total).toBe(450);
    expect((await node.pos.sale(posId, sale)).number).toBe(ack.number);
    expect(await balances(uids[0])).toEqual({ [localAsset('c1')]: 5000 - 1800 - 450 }); // the free coffee earns no stamp
    const row = await node.ledger.byTxId(sale.txId);
    expect(row?.legs).toContainEqual({
      asset: loyaltyAsset('c1'),
      from: accounts.cardWallet((await node.cards.byUidOrThrow(uids[0]))._id),
      to: accounts.issuance(loyaltyAsset('c1')),
      amount: 9,
    });
    const { z } = await node.pos.closeRegister(posId, { by: 'alice' });
    expect(z!.totals.sales).toBe(1800 + 450);
    expect(z!.totals.rewards).toEqual({ count: 1, total: 200 });
    expect(z!.totals.byProduct.find((p) => p.productId === coffee)).toMatchObject({ qty: 10, total: 2000 });
    // VAT on what was paid: the coffees' rate holds 9 paid coffees, not 10.
    expect(z!.totals.byVat).toMatchObject([
      { rate: 550, total: 450, vat: includedVat(450, 550) },
      { rate: 1000, total: 1800, vat: includedVat(1800, 1000) },
    ]);
    expect(z!.totals.byProduct.some((p) => p.productId.startsWith('reward:'))).toBe(false);
  });

  it('refuses a reward the card cannot pay for, or without a card, and writes nothing', async () => {
    await setup();
    await coffees(uids[0], 3);
    const before = await balances(uids[0]);
    await expect(
      node.pos.sale(posId, { txId: tx(), lines: [{ productId: coffee, qty: 1 }], payments: [{ method: 'pass', cardUid: uids[0] }], reward: 'free-coffee' }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    await expect(
      node.pos.sale(posId, { txId: tx(), lines: [{ productId: coffee, qty: 1 }], payments: [{ method: 'cash', amount: 0 }], loyaltyCardUid: uids[0], reward: 'free-coffee' }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    await expect(
      node.pos.sale(posId, { txId: tx(), lines: [{ productId: coffee, qty: 1 }], payments: [{ method: 'cash', amount: 200 }], reward: 'two-euros' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'REWARD_NEEDS_CARD' } });
    await expect(
      node.pos.sale(posId, { txId: tx(), lines: [{ productId: crepe, qty: 1 }], payments: [{ method: 'pass', cardUid: uids[0] }], reward: 'free-coffee' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'REWARD_PRODUCT_MISSING' } });
    await expect(
      node.pos.sale(posId, { txId: tx(), lines: [{ productId: crepe, qty: 1 }], payments: [{ method: 'pass', cardUid: uids[0] }], reward: 'nope' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'REWARD_UNKNOWN' } });
    expect(await balances(uids[0])).toEqual(before);
    expect((await node.pos.status(posId)).lastNumber).toBe(1);
  });

  it('takes a discount reward off a cash sale with the tapped card, and a refund gives back money, never loyalty units as money', async () => {
    await setup();
    await coffees(uids[0], 5);
    const ack = await node.pos.sale(posId, {
      txId: tx(),
      lines: [{ productId: crepe, qty: 1 }],
      payments: [{ method: 'cash', amount: 500 }],
      loyaltyCardUid: uids[0],
      reward: 'two-euros',
    });
    expect(ack).toMatchObject({ total: 250, change: 250 });
    expect((await balances(uids[0]))[loyaltyAsset('c1')]).toBeUndefined();
    const paid = await node.pos.sale(posId, { txId: tx(), lines: [{ productId: coffee, qty: 9 }], payments: [{ method: 'pass', cardUid: uids[0] }] });
    await node.pos.sale(posId, { txId: tx(), lines: [{ productId: coffee, qty: 1 }], payments: [{ method: 'pass', cardUid: uids[0] }], reward: 'free-coffee' });
    await node.pos.refund(posId, { txId: tx(), saleId: paid.saleId });
    const after = await balances(uids[0]);
    expect(after[localAsset('c1')]).toBe(5000 - 1000); // the 9 coffees came back; the free one cost nothing
    expect(after[loyaltyAsset('c1')]).toBeUndefined(); // the stamps were spent on the reward: nothing left to take back
  });

  it('spreads a discount over the VAT rates in proportion, to the cent', () => {
    const program: LoyaltyProgram = {
      _id: 'c1',
      collectiveId: 'c1',
      name: 'p',
      active: true,
      pointsPerEuro: 1,
      rewards: [{ id: 'd', name: 'Remise', cost: 1, discount: 100 }],
      updatedAt: 0,
    };
    const line = (productId: string, total: number, vatRate: number) => ({ productId, name: productId, category: 'x', qty: 1, unitPrice: total, vatRate, total });
    const applied = applyReward(program, 'd', [line('a', 333, 550), line('b', 333, 1000), line('c', 334, 2000)]);
    expect(applied.discount).toBe(100);
    expect(applied.lines.map((l) => [l.vatRate, l.total])).toEqual([
      [550, -33],
      [1000, -33],
      [2000, -34],
    ]);
    expect(applyReward({ ...program, rewards: [{ id: 'd', name: 'Remise', cost: 1, discount: 5000 }] }, 'd', [line('a', 300, 550)]).discount).toBe(300);
  });
});
