// A sale paid with two Pass cards on /terminal ("il manque X" → tap another card for the rest):
// the first card pays what it can, the second the rest; refused as a whole when the second cannot;
// replays move nothing; refunds give back to both; the Z, the revenue and the live board agree.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { giftAsset, localAsset } from '../../core/money/assets.js';
import { verifyLedger } from '../../core/money/verify.js';
import { revenueOf } from '../../core/pos/revenue.js';
import { seedCards } from '../../test/support/money.js';
import { okAck, terminalHarness, type TerminalHarness } from '../../test/support/terminal.js';

const tx = () => randomUUID();

const ok = okAck;

describe('a sale paid with a second Pass card', () => {
  let h: TerminalHarness;
  let posId: string;
  let beer: string;
  let cards: string[];

  afterEach(async () => {
    const report = await verifyLedger(h.node.store);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    await h.close();
  });

  async function setup() {
    h = await terminalHarness();
    cards = await seedCards(h.node, 'c1', 3);
    posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    beer = (await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    await h.node.catalog.assign(posId, beer, 'c1');
    const t = (await h.terminal(posId, 'c1')).socket;
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 500, method: 'cash' }));
    await h.node.pass.giveGift({ txId: tx(), cardUid: cards[0], amount: 100, collectiveId: 'c1' });
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[1], asset: 'local', amount: 1_000, method: 'cash' }));
    return t;
  }

  const balanceOf = async (t: Awaited<ReturnType<typeof setup>>, cardUid: string) =>
    Object.fromEntries((await ok(t.emitWithAck('balance', { cardUid }))).balances.map((b) => [b.asset, b.amount]));

  it('"il manque 1,00 €": the second card pays the rest, in one sale, and a replay pays nothing more', async () => {
    const t = await setup();
    const alone = await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'pass', cardUid: cards[0] }] });
    expect(alone).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS', missing: 100 });

    const txId = tx();
    const sale = { txId, lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'pass' as const, cardUid: cards[0] }, { method: 'pass' as const, cardUid: cards[1] }] };
    const paid = await ok(t.emitWithAck('sale', sale));
    expect(paid).toMatchObject({ total: 700, cards: [{ cardUid: cards[0], amount: 600 }, { cardUid: cards[1], amount: 100 }] });
    expect(paid.balances).toEqual([expect.objectContaining({ asset: localAsset('c1'), amount: 900 })]);
    const again = await ok(t.emitWithAck('sale', sale));
    expect([again.saleId, again.number]).toEqual([paid.saleId, paid.number]);
    expect(await balanceOf(t, cards[0])).toEqual({});
    expect(await balanceOf(t, cards[1])).toEqual({ [localAsset('c1')]: 900 });

    const stored = await h.node.pos.getSale(paid.saleId, posId);
    expect(stored).toMatchObject({ payments: { pass: 700, cash: 0, card: 0 }, second: { amount: 100 } });
    const closed = await ok(t.emitWithAck('closeRegister', {}));
    expect(closed.z!.totals).toMatchObject({ salesCount: 1, sales: 700, byMethod: { pass: 700 }, byAsset: { [giftAsset('c1')]: 100, [localAsset('c1')]: 600 } });
    await expect.poll(async () => (await h.node.live.board('c1')).sales).toMatchObject({ count: 1, gross: 700, refunds: 0 });
    expect((await h.node.live.board('c1')).byAsset).toEqual({ [giftAsset('c1')]: 100, [localAsset('c1')]: 600 });
  });

  it('refuses the whole sale when the second card cannot pay the rest: the first card gets its part back, a replay answers the same', async () => {
    const t = await setup();
    const txId = tx();
    const sale = { txId, lines: [{ productId: beer, qty: 6 }], payments: [{ method: 'pass' as const, cardUid: cards[0] }, { method: 'pass' as const, cardUid: cards[1] }] };
    const refused = await t.emitWithAck('sale', sale);
    // 21.00: the first card had 6.00, the second 10.00: 5.00 missing on the second.
    expect(refused).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS', missing: 500 });
    expect(await t.emitWithAck('sale', sale)).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS', missing: 500 });
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[1], asset: 'local', amount: 5_000, method: 'cash' }));
    // Even once the second card could pay, the refused txId stays refused (the first part was given back).
    expect(await t.emitWithAck('sale', sale)).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS' });
    expect(await balanceOf(t, cards[0])).toEqual({ [localAsset('c1')]: 500, [giftAsset('c1')]: 100 });
    expect(await h.node.store.collection('sales').count({})).toBe(0);
    // The board has seen the top-ups after the refusal: it has seen the give-back too, and counted nothing.
    await expect.poll(async () => (await h.node.live.board('c1')).topups.total).toBe(6_500);
    expect((await h.node.live.board('c1')).sales).toMatchObject({ count: 0, gross: 0, refunds: 0, net: 0 });
    // An empty first card or the same card twice is refused before anything moves.
    expect(await t.emitWithAck('sale', { ...sale, txId: tx(), payments: [{ method: 'pass', cardUid: cards[2] }, { method: 'pass', cardUid: cards[1] }] })).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS' });
    expect(await t.emitWithAck('sale', { ...sale, txId: tx(), payments: [{ method: 'pass', cardUid: cards[1] }, { method: 'pass', cardUid: cards[1] }] })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('a refund of a two-card sale gives back to the second card first, then the first, and the revenue counts it once', async () => {
    const t = await setup();
    const paid = await ok(t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 4 }], payments: [{ method: 'pass', cardUid: cards[0] }, { method: 'pass', cardUid: cards[1] }] }));
    expect(paid.cards).toEqual([{ cardUid: cards[0], amount: 600 }, { cardUid: cards[1], amount: 800 }]);
    const one = await ok(t.emitWithAck('refund', { txId: tx(), saleId: paid.saleId, lines: [{ productId: beer, qty: 3 }] }));
    expect(one.refunded).toBe(1_050);
    expect(await balanceOf(t, cards[1])).toEqual({ [localAsset('c1')]: 1_000 });
    expect(await balanceOf(t, cards[0])).toEqual({ [localAsset('c1')]: 250 });
    await ok(t.emitWithAck('refund', { txId: tx(), saleId: paid.saleId }));
    expect(await balanceOf(t, cards[0])).toEqual({ [localAsset('c1')]: 500, [giftAsset('c1')]: 100 });
    const report = await revenueOf({ pos: h.node.pos, ledger: h.node.ledger }, { collectiveId: 'c1', from: 0, to: Date.now() + 1_000, timezone: 'Europe/Paris' });
    expect(report.totals).toMatchObject({ sales: 1_400, refunds: 1_400, net: 0, salesCount: 1 });
    await expect.poll(async () => (await h.node.live.board('c1')).sales).toMatchObject({ count: 1, gross: 1_400, refunds: 1_400, net: 0 });
  });
});
