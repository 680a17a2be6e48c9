// Cup deposits (consigne) on /terminal: a deposit product sold with the drinks, cups returned to
// the card or in cash, once per txId; the Z shows deposits apart (no VAT, not a product sold) and
// the cups still out, carried from one Z to the next; the drawer's expected cash follows.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { localAsset } from '../../core/money/assets.js';
import { verifyLedger } from '../../core/money/verify.js';
import { revenueOf } from '../../core/pos/revenue.js';
import { zDocument } from '../../core/pos/z-document.js';
import { zTicketHtml } from '../../core/pos/z-print.js';
import { seedCards } from '../../test/support/money.js';
import { okAck, terminalHarness, type TerminalHarness } from '../../test/support/terminal.js';

const tx = () => randomUUID();

const ok = okAck;

describe('cup deposits at a point of sale', () => {
  let h: TerminalHarness;

  afterEach(async () => {
    expect((await verifyLedger(h.node.store)).errors).toEqual([]);
    await h.close();
  });

  async function setup() {
    h = await terminalHarness();
    const [card] = await seedCards(h.node, 'c1', 1);
    const posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    const beer = (await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 400, vatRate: 2000 }))._id;
    const cup = (await h.node.catalog.createProduct('c1', { name: 'Écocup', category: 'Consigne', price: 100, vatRate: 2000, kind: 'deposit' }))._id;
    await h.node.catalog.assign(posId, beer, 'c1');
    await h.node.catalog.assign(posId, cup, 'c1');
    const t = (await h.terminal(posId, 'c1')).socket;
    await ok(t.emitWithAck('topup', { txId: tx(), cardUid: card, asset: 'local', amount: 2_000, method: 'cash' }));
    return { t, card, posId, beer, cup };
  }

  it('sells cups with the drinks, takes them back to the card and in cash once per txId, and the Z shows them apart', async () => {
    const { t, card, posId, beer, cup } = await setup();
    await ok(t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 3 }, { productId: cup, qty: 3 }], payments: [{ method: 'pass', cardUid: card }] }));
    await ok(t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }, { productId: cup, qty: 1 }], payments: [{ method: 'cash', amount: 500 }] }));
    const toCardTx = tx();
    const toCard = await ok(t.emitWithAck('returnDeposit', { txId: toCardTx, productId: cup, qty: 2, cardUid: card }));
    expect(toCard).toMatchObject({ returned: 200, qty: 2, method: 'pass' });
    // 20.00 − 15.00 + 2.00 back for two cups.
    expect(toCard.balances).toEqual([expect.objectContaining({ asset: localAsset('c1'), amount: 700 })]);
    expect(await ok(t.emitWithAck('returnDeposit', { txId: toCardTx, productId: cup, qty: 2, cardUid: card }))).toMatchObject({ balances: [expect.objectContaining({ amount: 700 })] });
    const cashTx = tx();
    expect(await ok(t.emitWithAck('returnDeposit', { txId: cashTx, productId: cup, qty: 1 }))).toMatchObject({ returned: 100, method: 'cash' });
    await ok(t.emitWithAck('returnDeposit', { txId: cashTx, productId: cup, qty: 1 }));
    expect(await t.emitWithAck('returnDeposit', { txId: tx(), productId: beer, qty: 1 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await t.emitWithAck('returnDeposit', { txId: tx(), productId: cup, qty: 0 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

    const closed = await ok(t.emitWithAck('closeRegister', { countedCash: 2_400 }));
    // Drawer: 20.00 top-up + 5.00 sale − 1.00 cup paid back in cash.
    expect(closed.session).toMatchObject({ expectedCash: 2_400, difference: 0 });
    const totals = closed.z!.totals;
    expect(totals.deposits).toEqual({ held: 400, heldQty: 4, returned: 300, returnedQty: 3, returnedToCards: 200, returnedInCash: 100, cupsOut: 1 });
    expect(totals.byProduct).toEqual([expect.objectContaining({ name: 'Bière', qty: 4, total: 1_600 })]);
    expect(totals.byVat).toEqual([expect.objectContaining({ rate: 2000, total: 1_600, vat: 267 })]); // the deposits carry no VAT
    expect(totals.cash).toMatchObject({ depositReturns: 100, other: 0, expected: 2_400 });
    expect(totals.refunds.total).toBe(0); // a cup returned is not a refund of a sale
    // Deposit money taken is held, not sold: 20.00 taken, 16.00 of sales, and so of the grand total.
    expect(totals.byMethod).toEqual({ cash: 500, card: 0, pass: 1_500 });
    expect(totals).toMatchObject({ sales: 1_600, net: 1_600 });
    expect(closed.z!.grandTotal).toBe(1_600);
    // The revenue report counts the drinks alone too; the payment methods keep the money taken.
    const report = await revenueOf({ pos: h.node.pos, ledger: h.node.ledger }, { collectiveId: 'c1', from: 0, to: Date.now() + 1_000, timezone: 'Europe/Paris' });
    expect(report.totals).toMatchObject({ sales: 1_600, refunds: 0, net: 1_600, salesCount: 2 });
    expect(report.byProduct.map((p) => p.name)).toEqual(['Bière']);
    expect(report.byMethod.pass.sales + report.byMethod.cash.sales).toBe(2_000);
    const [z] = await h.node.pos.listZ(posId);
    expect(zTicketHtml(z)).toContain('Consignes (hors CA, sans TVA)');
    const section = zDocument(z).sections.find((x) => x.id === 'deposits');
    expect(section?.rows.map((r) => r.cells)).toEqual([['Encaissées (4)', '4,00 €'], ['Rendues (3)', '-3,00 €'], ['dont sur cartes', '-2,00 €'], ['dont en espèces', '-1,00 €'], ['Gobelets dehors', '1']]);
    expect(zDocument(z, 'en').sections.find((x) => x.id === 'deposits')?.title).toBe('Deposits (not revenue, no VAT)');

    // The cup still out is carried to the next Z; returned then, nothing is out any more.
    await ok(t.emitWithAck('returnDeposit', { txId: tx(), productId: cup, qty: 1, cardUid: card }));
    const next = await ok(t.emitWithAck('closeRegister', {}));
    expect(next.z!.totals.deposits).toMatchObject({ held: 0, returned: 100, cupsOut: 0 });
    expect(next.z!).toMatchObject({ totals: { sales: 0 }, grandTotal: 1_600 }); // a cup coming back is not a negative sale
    expect(await h.node.pos.verifyZ(posId)).toEqual({ ok: true, errors: [] });
  });
  it('a refunded sale with its cup gives the deposit back outside revenue: net and VAT stay on the drink alone', async () => {
    const { t, beer, cup } = await setup();
    const sold = await ok(t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 2 }, { productId: cup, qty: 2 }], payments: [{ method: 'cash', amount: 1_000 }] }));
    await ok(t.emitWithAck('refund', { txId: tx(), saleId: sold.saleId, lines: [{ productId: beer, qty: 1 }, { productId: cup, qty: 1 }] }));
    const closed = await ok(t.emitWithAck('closeRegister', {}));
    const totals = closed.z!.totals;
    // 10.00 taken, 2.00 of it cups; 5.00 given back, 1.00 of it a cup.
    expect(totals).toMatchObject({ sales: 800, net: 400, refunds: { total: 500 } });
    expect(totals.byVat).toEqual([expect.objectContaining({ rate: 2000, gross: 800, refunded: 400, total: 400 })]);
    expect(totals.byProduct).toEqual([expect.objectContaining({ name: 'Bière', qty: 2, total: 800 })]);
    expect(closed.z!.grandTotal).toBe(400);
    expect(totals.deposits).toMatchObject({ held: 200, heldQty: 2, returned: 0, refundedWithSales: 100, cupsOut: 1 });
  });
});
