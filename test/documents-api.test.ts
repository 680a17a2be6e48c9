// The treasurer's documents over real HTTP: the legal identity on the profile, a sale's receipt
// (then its DUPLICATA), sales exports in euros (French and English CSV, XLSX), and a month's
// closure with its signed archive.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyClosureArchive } from '../core/closures/index.js';
import { readZip } from '../core/documents/zip.js';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';
import { pdfText } from './support/pdf-text.js';

describe('documents a treasurer downloads', () => {
  let n: LaBoutikNode;
  afterEach(() => n?.close());

  it('identity, receipt and duplicata, CSV/XLSX exports in euros, a closure and its archive', async () => {
    n = await bootLaBoutik();
    const { a } = n;
    const get = (path: string) => fetch(`${n.url}${path}`, { headers: { cookie: a.cookie } });
    const profile = await n.api('PATCH', `/api/collectives/${a.collectiveId}`, { cookie: a.cookie, body: { address: '3 quai des Chartrons, 33000 Bordeaux', siret: '12345678900012', vatNumber: 'FR32123456789' } });
    expect(profile.status).toBe(200);
    expect(profile.body.collective).toMatchObject({ siret: '12345678900012', vatNumber: 'FR32123456789' });
    expect((await n.api('PATCH', `/api/collectives/${a.collectiveId}`, { cookie: a.cookie, body: { siret: '123' } })).body).toMatchObject({ error: { code: 'INVALID_INPUT' } });

    const posId: string = (await n.api('POST', `/api/collectives/${a.collectiveId}/pos`, { cookie: a.cookie, body: { name: 'Bar du Port' } })).body.pos.id;
    const beerId: string = (await n.api('POST', `/api/collectives/${a.collectiveId}/products`, { cookie: a.cookie, body: { name: 'Bière', category: 'B', price: 350, vatRate: 2000 } })).body.product.id;
    await n.api('PUT', `/api/collectives/${a.collectiveId}/pos/${posId}/products/${beerId}`, { cookie: a.cookie, body: { order: 1 } });
    expect((await n.api('POST', `/api/pos/${posId}/open`, { cookie: a.cookie, body: { float: 10_000 } })).status).toBe(200);
    const sale = await n.core.pos.sale(posId, { txId: randomUUID(), lines: [{ productId: beerId, qty: 4 }], payments: [{ method: 'card', amount: 1_400 }] });
    await n.core.pos.refund(posId, { txId: randomUUID(), saleId: sale.saleId, lines: [{ productId: beerId, qty: 1 }] });
    expect((await n.api('POST', `/api/pos/${posId}/cash-removals`, { cookie: a.cookie, body: { txId: randomUUID(), amount: 5_000 } })).status).toBe(201);

    const original = await get(`/api/pos/${posId}/sales/${sale.saleId}/receipt`);
    expect(original.headers.get('x-receipt-copy')).toBe('1');
    expect(await original.text()).toContain('SIRET 12345678900012');
    const copy = await get(`/api/pos/${posId}/sales/${sale.saleId}/receipt?format=pdf`);
    const copyText = pdfText(Buffer.from(await copy.arrayBuffer()));
    expect(copyText).toContain('DUPLICATA');
    expect(copyText).toContain('Bar du Port');
    expect((await n.api('GET', `/api/pos/${posId}/sales/${sale.saleId}/prints`, { cookie: a.cookie })).body.prints.map((p: { copy: number }) => p.copy)).toEqual([1, 2]);

    const fr = await (await get(`/api/collectives/${a.collectiveId}/sales-export?by=vat`)).text();
    expect(fr).toContain('Taux de TVA;Ventes TTC (€);Remboursements (€);Net TTC (€);HT (€);TVA (€)');
    expect(fr).toContain('20 %;14,00;3,50;10,50;8,75;1,75');
    const en = await (await get(`/api/collectives/${a.collectiveId}/sales-export?by=product&lang=en`)).text();
    expect(en).toContain('Bière,4,1,14.00,3.50,10.50');
    expect(await (await get(`/api/collectives/${a.collectiveId}/sales-export?by=pos`)).text()).toContain('Bar du Port;1;14,00;3,50;10,50');
    const xlsx = readZip(Buffer.from(await (await get(`/api/collectives/${a.collectiveId}/sales-export?format=xlsx`)).arrayBuffer()));
    expect(xlsx.map((e) => e.name)).toContain('xl/worksheets/sheet4.xml');
    expect(xlsx.find((e) => e.name === 'xl/workbook.xml')!.data.toString()).toContain('Par taux de TVA');
    expect(xlsx.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.data.toString()).toContain('<c r="F2" s="1"><v>10.50</v></c>');

    const closed = await n.api('POST', `/api/pos/${posId}/close`, { cookie: a.cookie, body: { countedCash: 5_000 } });
    expect(closed.body.z).toMatchObject({ number: 1, totals: { cash: { float: 10_000, removed: 5_000, expected: 5_000, difference: 0 } } });
    // A month is closed once it is over: this one is not.
    const month = new Date().toISOString().slice(0, 7);
    expect((await n.api('POST', `/api/collectives/${a.collectiveId}/closures`, { cookie: a.cookie, body: { kind: 'month', period: month } })).body).toMatchObject({ error: { code: 'CONFLICT' } });
    const previous = await n.api('POST', `/api/collectives/${a.collectiveId}/closures`, { cookie: a.cookie, body: { kind: 'month', period: '2020-01' } });
    expect(previous.status).toBe(201);
    const archive = Buffer.from(await (await get(`/api/collectives/${a.collectiveId}/closures/month/2020-01/archive`)).arrayBuffer());
    expect(verifyClosureArchive(archive)).toMatchObject({ ok: true, closure: { period: '2020-01', zCount: 0 } });

    // A collective that works in English gets its receipts and Z prints in English unless a print asks otherwise.
    expect((await get(`/api/pos/${posId}/z/1/print`).then((r) => r.text()))).toContain('Ticket Z n° 1');
    expect((await n.api('PATCH', `/api/collectives/${a.collectiveId}`, { cookie: a.cookie, body: { lang: 'en' } })).status).toBe(200);
    expect(await get(`/api/pos/${posId}/z/1/print`).then((r) => r.text())).toContain('Z report no. 1');
    expect(pdfText(Buffer.from(await (await get(`/api/pos/${posId}/z/1/pdf`)).arrayBuffer()))).toContain('Z report no. 1');
    expect(await get(`/api/pos/${posId}/z/1/print?lang=fr`).then((r) => r.text())).toContain('Ticket Z n° 1');
    expect(await get(`/api/pos/${posId}/sales/${sale.saleId}/receipt`).then((r) => r.text())).toContain('Receipt no.');
  }, 60_000);
});
