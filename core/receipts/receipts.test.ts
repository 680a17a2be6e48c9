import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { documentHtml } from '../documents/html.js';
import { documentPdf } from '../documents/pdf.js';
import { createMemoryStore } from '../store/memory.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';
import { pdfText } from '../../test/support/pdf-text.js';
import { ReceiptService } from './service.js';

const identity = { name: 'La Guinguette du Port', address: '3 quai des Chartrons, 33000 Bordeaux', siret: '12345678900012', vatNumber: 'FR32123456789' };

describe('sale receipts', () => {
  let node: MoneyNode;
  afterEach(() => node.stop());

  async function soldReceipt() {
    const clock = new FakeClock(Date.parse('2026-07-14T18:05:00Z'));
    node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    const [card] = await seedCards(node, 'c1', 1);
    await node.currencies.defineCollectiveCurrencies('c1', 'Sou', 'Guinguette');
    const posId = (await node.catalog.createPos('c1', { name: 'Bar du Port' }))._id;
    const terminalId = (await node.terminals.createTerminal(posId, 'c1', 'Caisse comptoir')).terminalId;
    const beer = (await node.catalog.createProduct('c1', { name: 'Bière pression', category: 'Bar', price: 350, vatRate: 2000 }))._id;
    const crepe = (await node.catalog.createProduct('c1', { name: 'Crêpe sucre', category: 'Bar', price: 400, vatRate: 1000 }))._id;
    for (const p of [beer, crepe]) await node.catalog.assign(posId, p, 'c1');
    await node.pos.openRegister(posId, { float: 0, by: 'alice' });
    await node.pass.topUp({ txId: randomUUID(), cardUid: card, asset: 'local', amount: 600, method: 'cash', collectiveId: 'c1', posId });
    const sale = await node.pos.sale(posId, {
      txId: randomUUID(), lines: [{ productId: beer, qty: 2 }, { productId: crepe, qty: 1 }], terminalId,
      payments: [{ method: 'cash', amount: 500 }, { method: 'pass', cardUid: card }],
    });
    const receipts = new ReceiptService({
      store: node.store, clock, pos: node.pos, catalog: node.catalog, ledger: node.ledger, pass: node.pass, timezoneOf: async () => 'Europe/Paris',
      identityOf: async () => ({ ...identity, brand: { primary: '#7a1f5c' } }), terminalName: async () => 'Caisse comptoir',
    });
    await receipts.start();
    return { receipts, sale, posId, clock };
  }

  it('prints the legal mentions; a second print is a DUPLICATA with its copy number, and every print is logged', async () => {
    const { receipts, sale, posId, clock } = await soldReceipt();
    const first = await receipts.print({ saleId: sale.saleId, posId, channel: 'screen', by: 'alice' });
    expect(first.copy).toBe(1);
    expect(first.document.mark).toBeUndefined();
    clock.advance(60_000);
    const second = await receipts.print({ saleId: sale.saleId, posId, channel: 'pdf', by: 'bob' });
    expect(second).toMatchObject({ copy: 2, document: { mark: 'DUPLICATA' } });
    const reprint = await receipts.print({ saleId: sale.saleId, posId, channel: 'terminal', by: 'term', reprint: true });
    expect(reprint.copy).toBe(3);
    expect((await receipts.printsOf(sale.saleId)).map((p) => [p.copy, p.channel, p.by])).toEqual([[1, 'screen', 'alice'], [2, 'pdf', 'bob'], [3, 'terminal', 'term']]);

    const squash = (t: string) => t.replace(/&#39;/g, "'").replace(/\s+/g, '');
    const html = squash(documentHtml(second.document));
    const pdf = squash(pdfText(await documentPdf(second.document, 'receipt')));
    for (const text of [html, pdf]) {
      for (const expected of [
        'La Guinguette du Port', 'SIRET 12345678900012', 'FR32123456789', `Ticket n° ${sale.number}`, 'DUPLICATA', 'exemplaire n° 2', '14/07/2026 20:05:00',
        'Bar du Port', 'Caisse comptoir', 'Bière pression (20 %)', '7,00 €', 'Crêpe sucre (10 %)', 'Total HT', '9,47 €', '1,53 €', 'Total TTC', '11,00 €',
        'Espèces reçues', '5,00 €', 'Sou', '6,00 €', 'Logiciel Pass',
      ]) expect(text, expected).toContain(squash(expected));
      expect(text).not.toContain(posId);
    }
  });
});
