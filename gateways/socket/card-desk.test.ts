// The card desk on /terminal: block and replace a lost card (anonymous or a holder's), cash-out
// at the end of the event (in the Z), gift vouchers by a manager. Real Socket.IO clients.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { giftAsset, localAsset } from '../../core/money/assets.js';
import { verifyLedger } from '../../core/money/verify.js';
import { zDocument } from '../../core/pos/z-document.js';
import { zTicketHtml } from '../../core/pos/z-print.js';
import { seedCards } from '../../test/support/money.js';
import { okAck, terminalHarness, type TerminalHarness } from '../../test/support/terminal.js';

const tx = () => randomUUID();

const ok = okAck;

const amounts = (balances: Array<{ asset: string; amount: number }>) => Object.fromEntries(balances.map((b) => [b.asset, b.amount]));

describe('the card desk at a point of sale', () => {
  let h: TerminalHarness;
  let posId: string;
  let beer: string;
  let cards: string[];

  afterEach(async () => {
    const report = await verifyLedger(h.node.store);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]); // no replacement left half-way (transit account empty)
    await h.close();
  });

  async function setup() {
    h = await terminalHarness();
    cards = await seedCards(h.node, 'c1', 4);
    await seedCards(h.node, 'c2', 1, 'C2');
    posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    beer = (await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    await h.node.catalog.assign(posId, beer, 'c1');
    await h.node.staff.create('c1', { name: 'Bob', role: 'manager', pin: '4321' });
    await h.node.staff.create('c1', { name: 'Alice', role: 'cashier', pin: '1111' });
    return (await h.terminal(posId, 'c1')).socket;
  }

  it('replaces a lost anonymous card found by its printed number: balances move once, the old card is refused', async () => {
    const t = await setup();
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 2_000, method: 'cash' }));
    await ok(t.emitWithAck('unlock', { pin: '4321' }));
    await ok(t.emitWithAck('giveGift', { txId: tx(), cardUid: cards[0], amount: 300 }));
    const replaceTx = tx();
    const replaced = await ok(t.emitWithAck('replaceCard', { txId: replaceTx, old: { number: 'c1-A0-0' }, newCardUid: cards[1] }));
    expect(replaced.old).toEqual({ number: 'c1-A0-0', state: 'blocked' });
    expect(replaced.card).toEqual({ number: 'c1-A0-1', state: 'active' });
    expect(amounts(replaced.balances)).toEqual({ [localAsset('c1')]: 2_000, [giftAsset('c1')]: 300 });
    // The terminal resends after a lost ack: the same answer, nothing moves twice.
    const again = await ok(t.emitWithAck('replaceCard', { txId: replaceTx, old: { number: 'c1-A0-0' }, newCardUid: cards[1] }));
    expect(amounts(again.balances)).toEqual(amounts(replaced.balances));

    const refused = await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] });
    expect(refused).toMatchObject({ ok: false, code: 'CARD_BLOCKED' });
    await ok(t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[1] }] }));
    expect(await t.emitWithAck('balance', { cardUid: cards[0] })).toMatchObject({ ok: true, card: { state: 'blocked' }, balances: [] });
  });

  it('refuses a fresh card that is in use, of another collective, or a second replacement, and changes nothing', async () => {
    const t = await setup();
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1_000, method: 'cash' }));
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[2], asset: 'local', amount: 500, method: 'cash' }));
    const rows = await h.node.store.collection('ledger').count({});
    expect(await t.emitWithAck('replaceCard', { txId: tx(), old: { cardUid: cards[0] }, newCardUid: cards[2] })).toMatchObject({ ok: false, code: 'CONFLICT', reason: 'CARD_IN_USE' });
    expect(await t.emitWithAck('replaceCard', { txId: tx(), old: { cardUid: cards[0] }, newCardUid: 'C2000000' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await t.emitWithAck('replaceCard', { txId: tx(), old: { number: 'c2-C2-0' }, newCardUid: cards[1] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await t.emitWithAck('replaceCard', { txId: tx(), old: { number: 'nope' }, newCardUid: cards[1] })).toMatchObject({ ok: false, code: 'CARD_UNKNOWN' });
    expect(await t.emitWithAck('replaceCard', { txId: tx(), old: { number: '' }, newCardUid: cards[1] } as never)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await h.node.store.collection('ledger').count({})).toBe(rows);
    expect(await t.emitWithAck('balance', { cardUid: cards[0] })).toMatchObject({ card: { state: 'active' } });

    await ok(t.emitWithAck('replaceCard', { txId: tx(), old: { cardUid: cards[0] }, newCardUid: cards[1] }));
    expect(await t.emitWithAck('replaceCard', { txId: tx(), old: { cardUid: cards[0] }, newCardUid: cards[3] })).toMatchObject({ ok: false, code: 'CONFLICT', reason: 'ALREADY_REPLACED' });
  });

  it('blocks a card by its number: any later payment is refused, its balance stays for a replacement', async () => {
    const t = await setup();
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 800, method: 'cash' }));
    expect(await ok(t.emitWithAck('blockCard', { number: 'c1-A0-0' }))).toMatchObject({ card: { number: 'c1-A0-0', state: 'blocked' } });
    expect(await ok(t.emitWithAck('blockCard', { cardUid: cards[0] }))).toMatchObject({ card: { state: 'blocked' } }); // twice: no-op
    expect(await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] })).toMatchObject({ code: 'CARD_BLOCKED' });
    expect(await t.emitWithAck('cashOut', { txId: tx(), cardUid: cards[0] })).toMatchObject({ code: 'CARD_BLOCKED' });
    const moved = await ok(t.emitWithAck('replaceCard', { txId: tx(), old: { number: 'c1-A0-0' }, newCardUid: cards[1] }));
    expect(amounts(moved.balances)).toEqual({ [localAsset('c1')]: 800 });
  });

  it('a holder’s lost card: the fresh card joins the holder’s wallet and account', async () => {
    const t = await setup();
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1_200, method: 'cash' }));
    const assigned = await ok(t.emitWithAck('assignCard', { txId: tx(), cardUid: cards[0], email: 'holder@example.org' }));
    await ok(t.emitWithAck('replaceCard', { txId: tx(), old: { number: 'c1-A0-0' }, newCardUid: cards[1] }));
    const fresh = await h.node.pass.cards.byUidOrThrow(cards[1]);
    expect(fresh.userId).toBe(assigned.userId);
    expect(amounts((await ok(t.emitWithAck('balance', { cardUid: cards[1] }))).balances)).toEqual({ [localAsset('c1')]: 1_200 });
  });

  it('cash-out pays back the local and global balance from the drawer, once, and the Z shows it apart from sales', async () => {
    const t = await setup();
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 2_000, method: 'cash' }));
    await h.node.pass.topUp({ txId: tx(), cardUid: cards[0], asset: 'global', amount: 500, method: 'stripe', collectiveId: 'c1' });
    await ok(t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'pass', cardUid: cards[0] }] }));
    const cashTx = tx();
    const out = await ok(t.emitWithAck('cashOut', { txId: cashTx, cardUid: cards[0] }));
    // 2 × 3.50 spent from the local currency first: 13.00 local + 5.00 global back in cash.
    expect(out).toMatchObject({ refunded: 1_800, method: 'cash', balances: [] });
    expect(await ok(t.emitWithAck('cashOut', { txId: cashTx, cardUid: cards[0] }))).toMatchObject({ refunded: 1_800 });
    expect(await t.emitWithAck('cashOut', { txId: tx(), cardUid: cards[0] })).toMatchObject({ ok: false, code: 'INVALID_AMOUNT' });

    const closed = await ok(t.emitWithAck('closeRegister', { countedCash: 200 }));
    expect(closed.session).toMatchObject({ expectedCash: 2_000 - 1_800 });
    expect(closed.z!.totals).toMatchObject({ sales: 700, cashouts: 1_800, topups: { total: 2_000 } });
    const [z] = await h.node.pos.listZ(posId);
    // The one Z document (HTML, PDF, terminal) has a cash-out section, and the drawer counts it out.
    const doc = zDocument(z);
    expect(doc.sections.find((x) => x.id === 'cashouts')).toMatchObject({ title: 'Remboursements de solde (cash-out)', rows: [{ cells: ['Payé en fin d’événement', '18,00 €'] }] });
    expect(z.totals.cash).toMatchObject({ cashouts: 1_800, other: 0 });
    expect(zTicketHtml(z)).toContain('Remboursements de solde (cash-out)');
  });

  it('a gift voucher needs a manager, is gift currency of this collective only, and a replay gives once', async () => {
    const t = await setup();
    expect(await t.emitWithAck('giveGift', { txId: tx(), cardUid: cards[0], amount: 500 })).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' });
    await ok(t.emitWithAck('unlock', { pin: '1111' }));
    expect(await t.emitWithAck('giveGift', { txId: tx(), cardUid: cards[0], amount: 500 })).toMatchObject({ ok: false, code: 'MANAGER_REQUIRED' });
    await ok(t.emitWithAck('unlock', { pin: '4321' }));
    expect(await t.emitWithAck('giveGift', { txId: tx(), cardUid: cards[0], amount: 0 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const giftTx = tx();
    await ok(t.emitWithAck('giveGift', { txId: giftTx, cardUid: cards[0], amount: 500 }));
    const again = await ok(t.emitWithAck('giveGift', { txId: giftTx, cardUid: cards[0], amount: 500 }));
    expect(amounts(again.balances)).toEqual({ [giftAsset('c1')]: 500 });
    await ok(t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] }));
    expect(amounts((await ok(t.emitWithAck('balance', { cardUid: cards[0] }))).balances)).toEqual({ [giftAsset('c1')]: 150 });
  });
});
