// A scripted day at one bar, then its Z ticket checked figure by figure against the ledger rows
// (not against the Z code's own helpers), and its PDFs' text read back.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { accounts } from '../money/accounts.js';
import { fiatAsset, localAsset } from '../money/assets.js';
import type { LedgerRow } from '../money/ledger-row.js';
import { verifyLedger } from '../money/verify.js';
import { createMemoryStore } from '../store/memory.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';
import { pdfText } from '../../test/support/pdf-text.js';
import { zTicketPdf } from './z-pdf.js';
import { zTicketHtml } from './z-print.js';

const tx = () => randomUUID();
const identity = { name: 'La Guinguette du Port', address: '3 quai des Chartrons, 33000 Bordeaux', siret: '12345678900012', vatNumber: 'FR32123456789' };

describe('the Z ticket of a scripted day', () => {
  let node: MoneyNode;
  afterEach(async () => {
    expect((await verifyLedger(node.store)).errors).toEqual([]);
    await node.stop();
  });

  async function scriptedDay() {
    const clock = new FakeClock(Date.parse('2026-07-14T08:00:00Z')); // 10:00 in Paris
    node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1, identityOf: async () => identity });
    const cards = await seedCards(node, 'c1', 2);
    await node.currencies.defineCollectiveCurrencies('c1', 'Sou', 'Guinguette');
    const posId = (await node.catalog.createPos('c1', { name: 'Bar du Port' }))._id;
    const terminalId = (await node.terminals.createTerminal(posId, 'c1', 'Caisse comptoir')).terminalId;
    const product = async (name: string, price: number, vatRate: number) => {
      const id = (await node.catalog.createProduct('c1', { name, category: 'Bar', price, vatRate }))._id;
      await node.catalog.assign(posId, id, 'c1');
      return id;
    };
    const beer = await product('Bière pression', 350, 2000);
    const crepe = await product('Crêpe sucre', 400, 1000);
    const juice = await product('Jus de pomme', 250, 550);
    const step = () => clock.advance(60_000);
    const sale = (lines: Array<{ productId: string; qty: number }>, payments: Parameters<MoneyNode['pos']['sale']>[1]['payments']) => {
      step();
      return node.pos.sale(posId, { txId: tx(), lines, payments, terminalId });
    };

    await node.pos.openRegister(posId, { float: 5_000, by: 'alice', byName: 'Alice Martin' });
    step();
    await node.pass.topUp({ txId: tx(), cardUid: cards[0], asset: 'local', amount: 3_000, method: 'cash', collectiveId: 'c1', posId, terminalId });
    step();
    await node.pass.topUp({ txId: tx(), cardUid: cards[1], asset: 'local', amount: 2_000, method: 'card', collectiveId: 'c1', posId, terminalId });
    const s1 = await sale([{ productId: beer, qty: 2 }], [{ method: 'cash', amount: 1_000 }]); // 7.00, 3.00 change
    await sale([{ productId: crepe, qty: 1 }, { productId: juice, qty: 1 }], [{ method: 'cash', amount: 300 }, { method: 'card', amount: 350 }]); // split 6.50
    await sale([{ productId: beer, qty: 1 }, { productId: crepe, qty: 1 }], [{ method: 'pass', cardUid: cards[0] }]); // 7.50 in Sou
    const s4 = await sale([{ productId: juice, qty: 3 }], [{ method: 'card', amount: 750 }]);
    step();
    await node.pos.refund(posId, { txId: tx(), saleId: s4.saleId, lines: [{ productId: juice, qty: 1 }], terminalId }); // 2.50 back on card
    step();
    await node.pos.refund(posId, { txId: tx(), saleId: s1.saleId, terminalId }); // 7.00 back in cash
    step();
    await node.pos.removeCash(posId, { txId: tx(), amount: 3_000, reason: 'bank-deposit', by: 'alice', byName: 'Alice Martin' });
    clock.set(Date.parse('2026-07-14T21:30:00Z')); // 23:30 in Paris
    const { z, session } = await node.pos.closeRegister(posId, { countedCash: 5_150, by: 'alice', byName: 'Alice Martin' });
    const rows = await node.store.collection<LedgerRow>('ledger').find({ posId });
    return { z: z!, session: session!, rows, posId, terminalId };
  }

  it('adds up like the ledger: methods, VAT on net sales in 3 rates, Pass currencies, top-ups, refunds, the drawer', async () => {
    const { z, session, rows, posId } = await scriptedDay();
    const legs = rows.flatMap((r) => r.legs);
    const into = (account: string) => legs.filter((l) => l.asset === fiatAsset && l.to === account).reduce((s, l) => s + l.amount, 0);
    const outOf = (account: string) => legs.filter((l) => l.asset === fiatAsset && l.from === account).reduce((s, l) => s + l.amount, 0);
    const ofKind = (kind: string) => rows.filter((r) => r.kind === kind).flatMap((r) => r.legs);
    const t = z.totals;

    // Payment methods against the ledger's own accounts.
    const cashSales = ofKind('sale').concat(ofKind('payment')).filter((l) => l.asset === fiatAsset && l.to === accounts.cashDrawer(posId)).reduce((s, l) => s + l.amount, 0);
    expect(t.byMethod).toEqual({ cash: 1_000, card: 1_100, pass: 750 });
    expect(t.byMethod.cash).toBe(cashSales);
    expect(t.byMethod.card + 2_000).toBe(into(accounts.cardTerminal(posId))); // card sales + the card top-up
    expect(t.byMethod.pass).toBe(legs.filter((l) => l.to === accounts.collective('c1')).reduce((s, l) => s + l.amount, 0));
    expect(t.refunds).toEqual({ total: 950, byMethod: { cash: 700, card: 250, pass: 0 } });
    expect(t.refunds.byMethod.card).toBe(outOf(accounts.cardTerminal(posId)));
    expect(t.sales).toBe(2_850);
    expect(t.net).toBe(1_900);

    // VAT on net (sold − refunded): 20 % 10.50 − 7.00; 10 % 8.00; 5,5 % 10.00 − 2.50. Σ TTC = net.
    expect(t.byVat).toEqual([
      { rate: 550, gross: 1_000, refunded: 250, total: 750, vat: 39, ht: 711 },
      { rate: 1000, gross: 800, refunded: 0, total: 800, vat: 73, ht: 727 },
      { rate: 2000, gross: 1_050, refunded: 700, total: 350, vat: 58, ht: 292 },
    ]);
    expect(t.byVat.reduce((s, v) => s + v.total, 0)).toBe(t.net);
    expect(t.byProduct.find((p) => p.name === 'Bière pression')).toMatchObject({ qty: 3, total: 1_050, refundedQty: 2, refunded: 700 });
    expect(t.byProduct.find((p) => p.name === 'Jus de pomme')).toMatchObject({ qty: 4, total: 1_000, refundedQty: 1, refunded: 250 });

    // Pass currencies and top-ups by name, as the ledger moved them.
    expect(t.assets).toEqual([{ asset: localAsset('c1'), name: 'Sou', amount: 750 }]);
    expect(t.topups).toMatchObject({ total: 5_000, byMethod: { cash: 3_000, card: 2_000 }, assets: [{ asset: localAsset('c1'), name: 'Sou', amount: 5_000 }] });

    // The drawer: 50.00 + 10.00 sales + 30.00 top-ups − 7.00 refund − 30.00 deposit = 53.00; 51.50 counted.
    expect(t.cash).toMatchObject({ float: 5_000, sales: 1_000, topups: 3_000, refunds: 700, cashouts: 0, removed: 3_000, other: 0, expected: 5_300, counted: 5_150, difference: -150 });
    expect(t.cash!.expected).toBe(5_000 + into(accounts.cashDrawer(posId)) - outOf(accounts.cashDrawer(posId)));
    expect(t.cash!.removals).toEqual([expect.objectContaining({ amount: 3_000, reason: 'bank-deposit', by: 'alice', byName: 'Alice Martin' })]);
    expect(legs).toContainEqual({ asset: fiatAsset, from: accounts.cashDrawer(posId), to: accounts.collectiveBank('c1'), amount: 3_000 });
    expect(session).toMatchObject({ state: 'closed', expectedCash: 5_300, countedCash: 5_150, difference: -150, zId: z._id });

    // Identity, names, period from the session's opening, totals, chain, software.
    expect(z).toMatchObject({
      number: 1, format: 2, collective: identity, posName: 'Bar du Port', terminals: [expect.objectContaining({ name: 'Caisse comptoir' })],
      from: session.openedAt, businessDay: '2026-07-14', grandTotal: 1_900, closedByName: 'Alice Martin', software: { name: 'Pass' },
    });
    expect(z.software?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints the same content in HTML and in both PDFs, in local time, with names and no ids', async () => {
    const { z, posId, terminalId } = await scriptedDay();
    const html = zTicketHtml(z);
    const receipt = pdfText(await zTicketPdf(z, { layout: 'receipt' }));
    const a4 = pdfText(await zTicketPdf(z, { layout: 'a4' }));
    // Compared without white space: a receipt's narrow column wraps long labels and the hashes.
    const squash = (text: string) => text.replace(/&#39;/g, "'").replace(/\s+/g, '');
    for (const text of [html, receipt, a4].map(squash)) {
      for (const expected of [
        'La Guinguette du Port', '3 quai des Chartrons, 33000 Bordeaux', 'SIRET 12345678900012', 'FR32123456789', 'Ticket Z n° 1', 'Bar du Port',
        'Caisse comptoir', '14/07/2026 10:00:00', '14/07/2026 23:30:00', 'Europe/Paris', 'Alice Martin', 'Sou', 'Bière pression',
        '5,5 %', '7,11 €', '0,39 €', '7,50 €', 'espèces attendues', '53,00 €', '51,50 €', '-1,50 €', '-30,00 €', 'dépôt en banque, Alice Martin',
        '19,00 €', z.hash, z.prevHash, `Logiciel Pass ${z.software!.version}`,
      ]) expect(text, expected).toContain(squash(expected));
      for (const id of [posId, terminalId, 'local:c1', 'UTC']) expect(text).not.toContain(id);
    }
  });

  it('writes English documents when asked', async () => {
    const { z } = await scriptedDay();
    const text = pdfText(await zTicketPdf(z, { layout: 'a4', lang: 'en' }));
    for (const expected of ['Z report no. 1', 'Expected cash'.toLowerCase(), 'Perpetual grand total', '€53.00']) expect(text.toLowerCase()).toContain(expected.toLowerCase());
  });
});

