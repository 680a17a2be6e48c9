import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { fiatAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';

const tx = () => randomUUID();
const run = promisify(execFile);

describe('LaBoutik admin API, pairing and Z tickets', () => {
  let n: LaBoutikNode;

  afterEach(async () => {
    if (!n) return;
    expect((await verifyLedger(n.core.store)).errors).toEqual([]);
    await n.close();
  });

  /** Collective A's bar with two products, created through the API. */
  async function barOfA() {
    const { a } = n;
    const pos = await n.api('POST', `/api/collectives/${a.collectiveId}/pos`, { cookie: a.cookie, body: { name: 'Bar' } });
    expect(pos.status).toBe(201);
    const posId: string = pos.body.pos.id;
    const beer = await n.api('POST', `/api/collectives/${a.collectiveId}/products`, { cookie: a.cookie, body: { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000, colour: '#ffcc00' } });
    const crepe = await n.api('POST', `/api/collectives/${a.collectiveId}/products`, { cookie: a.cookie, body: { name: 'Crêpe', category: 'Food', price: 400, vatRate: 1000 } });
    expect([beer.status, crepe.status]).toEqual([201, 201]);
    const beerId: string = beer.body.product.id;
    const crepeId: string = crepe.body.product.id;
    expect((await n.api('PUT', `/api/collectives/${a.collectiveId}/pos/${posId}/products/${beerId}`, { cookie: a.cookie, body: { order: 2 } })).status).toBe(200);
    expect((await n.api('PUT', `/api/collectives/${a.collectiveId}/pos/${posId}/products/${crepeId}`, { cookie: a.cookie, body: { price: 450, order: 1 } })).status).toBe(200);
    return { posId, beerId, crepeId };
  }

  async function pairedTerminal(posId: string, cookie = n.a.cookie) {
    const created = await n.api('POST', `/api/pos/${posId}/terminals`, { cookie, body: { name: 'Caisse' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ terminalId: expect.any(String), pairingCode: expect.stringMatching(/^\d{6}$/) });
    const paired = await n.api('POST', '/api/terminals/pair', { body: { pairingCode: created.body.pairingCode, name: 'Caisse 1' } });
    expect(paired.status).toBe(200);
    expect(paired.body).toEqual({ token: expect.stringMatching(/^[0-9a-f]{64}$/), terminalId: created.body.terminalId, posId, offlineKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
    return { ...paired.body, pairingCode: created.body.pairingCode as string };
  }

  it('manages POS and products: catalog order and per-POS price, archive instead of delete, integer amounts only', async () => {
    n = await bootLaBoutik();
    const { a } = n;
    const { posId, beerId } = await barOfA();
    const got = await n.api('GET', `/api/collectives/${a.collectiveId}/pos/${posId}`, { cookie: a.cookie });
    expect(got.body.catalog.products.map((p: any) => [p.name, p.price])).toEqual([['Crêpe', 450], ['Bière', 350]]);
    const archived = await n.api('DELETE', `/api/collectives/${a.collectiveId}/products/${beerId}`, { cookie: a.cookie });
    expect(archived.body.product).toMatchObject({ id: beerId, archived: true });
    expect((await n.api('GET', `/api/collectives/${a.collectiveId}/products`, { cookie: a.cookie })).body.products.map((p: any) => p.name)).toEqual(['Crêpe']);
    expect((await n.api('GET', `/api/collectives/${a.collectiveId}/products?archived=true`, { cookie: a.cookie })).body.products).toHaveLength(2);
    expect((await n.api('GET', `/api/collectives/${a.collectiveId}/pos/${posId}`, { cookie: a.cookie })).body.catalog.products.map((p: any) => p.name)).toEqual(['Crêpe']);
    for (const body of [{ name: 'X', category: 'Y', price: 1.5, vatRate: 2000 }, { name: 'X', category: 'Y', price: '150', vatRate: 2000 }, { name: 'X', category: 'Y', price: 150, vatRate: 5.5 }, { name: 'X', category: 'Y', price: -1, vatRate: 0 }]) {
      const res = await n.api('POST', `/api/collectives/${a.collectiveId}/products`, { cookie: a.cookie, body });
      expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    }
    expect((await n.api('POST', `/api/pos/${posId}/open`, { cookie: a.cookie, body: { float: 10.5 } })).status).toBe(400);
    const renamed = await n.api('PATCH', `/api/collectives/${a.collectiveId}/pos/${posId}`, { cookie: a.cookie, body: { name: 'Grand bar' } });
    expect(renamed.body.pos).toMatchObject({ id: posId, name: 'Grand bar', active: true });
    expect((await n.api('GET', `/api/collectives/${a.collectiveId}/pos`, { cookie: a.cookie })).body.pointsOfSale.map((p: any) => p.name)).toEqual(['Grand bar']);
  });

  it('pairs a terminal over HTTP with a single-use code, lists and revokes it, and rate-limits guessing', async () => {
    n = await bootLaBoutik();
    const { posId } = await barOfA();
    const { token, terminalId, pairingCode } = await pairedTerminal(posId);
    const reused = await n.api('POST', '/api/terminals/pair', { body: { pairingCode, name: 'Again' } });
    expect([reused.status, reused.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    const socket = await n.terminal(token);
    expect(await socket.emitWithAck('catalog', {})).toMatchObject({ ok: true, pos: { id: posId } });
    const listed = await n.api('GET', `/api/pos/${posId}/terminals`, { cookie: n.a.cookie });
    expect(listed.body.terminals).toEqual([expect.objectContaining({ _id: terminalId, name: 'Caisse 1', state: 'paired' })]);
    expect(JSON.stringify(listed.body)).not.toContain('tokenHash');
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    const revoked = await n.api('DELETE', `/api/pos/${posId}/terminals/${terminalId}`, { cookie: n.a.cookie });
    expect(revoked.body.terminal).toMatchObject({ _id: terminalId, state: 'revoked' });
    await gone;
    await expect(n.terminal(token)).rejects.toThrow('UNAUTHORIZED');
    const guesses = [];
    for (let i = 0; i < 12; i++) guesses.push((await n.api('POST', '/api/terminals/pair', { body: { pairingCode: String(100000 + i), name: 'Guess' } })).status);
    expect(guesses).toContain(429);
  });

  it('closes the register: the Z ticket equals the ledger for the session, a second close is refused, the export verifies and a tampered one fails', async () => {
    n = await bootLaBoutik();
    const { a } = n;
    const { posId, beerId, crepeId } = await barOfA();
    const { token } = await pairedTerminal(posId);
    const t = await n.terminal(token);
    expect((await n.api('POST', `/api/pos/${posId}/open`, { cookie: a.cookie, body: { float: 5000 } })).body.session).toMatchObject({ state: 'open', float: 5000 });
    expect(await t.emitWithAck('topup', { txId: tx(), cardUid: a.cards[0], asset: 'local', amount: 3000, method: 'cash' })).toMatchObject({ ok: true });
    expect(await t.emitWithAck('topup', { txId: tx(), cardUid: a.cards[1], asset: 'local', amount: 1000, method: 'card' })).toMatchObject({ ok: true });
    const s1 = await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beerId, qty: 2 }, { productId: crepeId, qty: 1 }], payments: [{ method: 'cash', amount: 500 }, { method: 'pass', cardUid: a.cards[0] }] });
    const s2 = await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: crepeId, qty: 2 }], payments: [{ method: 'card', amount: 900 }] });
    const s3 = await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beerId, qty: 1 }], payments: [{ method: 'pass', cardUid: a.cards[1] }] });
    expect([s1.ok, s2.ok, s3.ok]).toEqual([true, true, true]);
    if (!s3.ok) return;
    expect(await t.emitWithAck('refund', { txId: tx(), saleId: s3.saleId })).toMatchObject({ ok: true, refunded: 350 });

    const closed = await n.api('POST', `/api/pos/${posId}/close`, { cookie: a.cookie, body: { countedCash: 8500 } });
    expect(closed.status).toBe(200);
    const z = closed.body.z;
    // The ledger for this POS, summed independently of the Z code.
    const rows = await n.core.ledger.rows.find({ posId });
    const sum = (pred: (l: { asset: string; from: string; to: string }, kind: string) => boolean) =>
      rows.reduce((s, r) => s + r.legs.filter((l) => pred(l, r.kind)).reduce((x, l) => x + l.amount, 0), 0);
    const saleKinds = new Set(['sale', 'payment']);
    expect(z.totals.byMethod).toEqual({
      cash: sum((l, k) => saleKinds.has(k) && l.asset === fiatAsset && l.to === `cash:${posId}`),
      card: sum((l, k) => saleKinds.has(k) && l.asset === fiatAsset && l.to === `cardterm:${posId}`),
      pass: sum((l, k) => saleKinds.has(k) && l.asset !== fiatAsset && l.to === `collective:${a.collectiveId}`),
    });
    expect(z.totals.byMethod).toEqual({ cash: 500, card: 900, pass: 650 + 350 });
    expect(z.totals.topups.total).toBe(sum((l, k) => k === 'topup' && l.asset !== fiatAsset));
    expect(z.totals.refunds.total).toBe(sum((l, k) => k === 'refund' && l.asset !== fiatAsset));
    expect(z.totals).toMatchObject({ salesCount: 3, firstSale: 1, lastSale: 3, sales: 2400 });
    expect(z.grandTotal).toBe(2400 - 350);
    expect(closed.body.session).toMatchObject({ state: 'closed', expectedCash: 5000 + 3000 + 500, countedCash: 8500, difference: 0 });

    const again = await n.api('POST', `/api/pos/${posId}/close`, { cookie: a.cookie, body: {} });
    expect([again.status, again.body.error.code]).toEqual([409, 'REGISTER_CLOSED']);

    expect((await n.api('GET', `/api/pos/${posId}/z`, { cookie: a.cookie })).body.tickets).toHaveLength(1);
    expect((await n.api('GET', `/api/pos/${posId}/z/1`, { cookie: a.cookie })).body.z).toEqual(z);
    const html = await n.api('GET', `/api/pos/${posId}/z/1/print`, { cookie: a.cookie });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('Ticket Z n° 1');
    expect(html.text).toContain(z.hash);
    const pdf = await n.api('GET', `/api/pos/${posId}/z/1/pdf`, { cookie: a.cookie });
    expect([pdf.headers.get('content-type'), pdf.text.slice(0, 5)]).toEqual(['application/pdf', '%PDF-']);
    const csv = await n.api('GET', `/api/pos/${posId}/z/export?format=csv`, { cookie: a.cookie });
    expect(csv.text.trim().split('\r\n')).toHaveLength(2);
    expect((await n.api('GET', `/api/pos/${posId}/z/verify`, { cookie: a.cookie })).body).toEqual({ ok: true, errors: [], count: 1 });

    const exported = await n.api('GET', `/api/pos/${posId}/z/export`, { cookie: a.cookie });
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const dir = mkdtempSync(join(tmpdir(), 'z-export-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, exported.text);
    const tampered = join(dir, 'tampered.json');
    const forged = JSON.parse(exported.text);
    forged.tickets[0].totals.byMethod.cash -= 100;
    writeFileSync(tampered, JSON.stringify(forged));
    const cli = (file: string) => run(process.execPath, ['--import', 'tsx', 'core/pos/verify-z-cli.ts', file]).then(() => 0, (err) => err.code as number);
    expect(await cli(good)).toBe(0);
    expect(await cli(tampered)).toBe(1);
  });

  it('reports revenue per POS, day, method, product and asset, refunds deducted', async () => {
    n = await bootLaBoutik();
    const { a } = n;
    const { posId, beerId, crepeId } = await barOfA();
    const { token } = await pairedTerminal(posId);
    const t = await n.terminal(token);
    await t.emitWithAck('topup', { txId: tx(), cardUid: a.cards[0], asset: 'local', amount: 3000, method: 'cash' });
    await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beerId, qty: 2 }], payments: [{ method: 'pass', cardUid: a.cards[0] }] });
    const s2 = await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: crepeId, qty: 2 }], payments: [{ method: 'cash', amount: 1000 }] });
    if (!s2.ok) throw new Error('sale refused');
    await t.emitWithAck('refund', { txId: tx(), saleId: s2.saleId, lines: [{ productId: crepeId, qty: 1 }] });
    const res = await n.api('GET', `/api/collectives/${a.collectiveId}/revenue?posId=${posId}`, { cookie: a.cookie });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.totals).toMatchObject({ sales: 700 + 900, refunds: 450, net: 1150, salesCount: 2, refundsCount: 1 });
    expect(r.byPos).toEqual([{ posId, sales: 1600, refunds: 450, net: 1150, salesCount: 2 }]);
    expect(r.byMethod).toEqual({ cash: { sales: 900, refunds: 450, net: 450 }, card: { sales: 0, refunds: 0, net: 0 }, pass: { sales: 700, refunds: 0, net: 700 } });
    expect(r.byProduct).toEqual([
      { productId: beerId, name: 'Bière', qty: 2, refundedQty: 0, sales: 700, refunds: 0, net: 700 },
      { productId: crepeId, name: 'Crêpe', qty: 2, refundedQty: 1, sales: 900, refunds: 450, net: 450 },
    ]);
    expect(r.byAsset).toEqual([{ asset: `local:${a.collectiveId}`, sales: 700, refunds: 0, net: 700 }]);
    expect(r.byDay).toHaveLength(1);
    expect(r.byDay[0]).toMatchObject({ sales: 1600, refunds: 450, net: 1150 });
    const empty = await n.api('GET', `/api/collectives/${a.collectiveId}/revenue?from=2020-01-01&to=2020-01-02`, { cookie: a.cookie });
    expect(empty.body.totals).toMatchObject({ sales: 0, net: 0 });
    expect((await n.api('GET', `/api/collectives/${a.collectiveId}/revenue?from=yesterday`, { cookie: a.cookie })).status).toBe(400);
  });

  it("keeps tenants apart: A's admin cannot read or touch B's POS, products or terminals", async () => {
    n = await bootLaBoutik();
    const { a, b } = n;
    const bPos = (await n.api('POST', `/api/collectives/${b.collectiveId}/pos`, { cookie: b.cookie, body: { name: 'B bar' } })).body.pos.id;
    const bProduct = (await n.api('POST', `/api/collectives/${b.collectiveId}/products`, { cookie: b.cookie, body: { name: 'B beer', category: 'D', price: 300, vatRate: 2000 } })).body.product.id;
    const bTerminal = (await n.api('POST', `/api/pos/${bPos}/terminals`, { cookie: b.cookie, body: {} })).body.terminalId;
    const aPos = (await n.api('POST', `/api/collectives/${a.collectiveId}/pos`, { cookie: a.cookie, body: { name: 'A bar' } })).body.pos.id;
    const aProduct = (await n.api('POST', `/api/collectives/${a.collectiveId}/products`, { cookie: a.cookie, body: { name: 'A beer', category: 'D', price: 300, vatRate: 2000 } })).body.product.id;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/collectives/${b.collectiveId}/pos`],
      ['POST', `/api/collectives/${b.collectiveId}/pos`, { name: 'mine now' }],
      ['GET', `/api/collectives/${b.collectiveId}/pos/${bPos}`],
      ['PATCH', `/api/collectives/${a.collectiveId}/pos/${bPos}`, { active: false }],
      ['GET', `/api/collectives/${b.collectiveId}/products`],
      ['PATCH', `/api/collectives/${a.collectiveId}/products/${bProduct}`, { price: 1 }],
      ['DELETE', `/api/collectives/${a.collectiveId}/products/${bProduct}`],
      ['PUT', `/api/collectives/${a.collectiveId}/pos/${bPos}/products/${aProduct}`, {}],
      ['PUT', `/api/collectives/${a.collectiveId}/pos/${aPos}/products/${bProduct}`, {}],
      ['POST', `/api/pos/${bPos}/terminals`, {}],
      ['GET', `/api/pos/${bPos}/terminals`],
      ['DELETE', `/api/pos/${bPos}/terminals/${bTerminal}`],
      ['DELETE', `/api/pos/${aPos}/terminals/${bTerminal}`],
      ['POST', `/api/pos/${bPos}/open`, { float: 0 }],
      ['POST', `/api/pos/${bPos}/close`, {}],
      ['GET', `/api/pos/${bPos}/z`],
      ['GET', `/api/pos/${bPos}/z/export`],
      ['GET', `/api/pos/${bPos}/z/verify`],
      ['GET', `/api/collectives/${b.collectiveId}/revenue`],
      ['GET', `/api/collectives/${a.collectiveId}/revenue?posId=${bPos}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await n.api(method, path, { cookie: a.cookie, body });
      expect([method, path, [403, 404].includes(res.status)]).toEqual([method, path, true]);
    }
    for (const [method, path, body] of attempts.slice(0, 3)) expect((await n.api(method, path, { body })).status).toBe(401);
    // Nothing of B changed.
    expect((await n.api('GET', `/api/collectives/${b.collectiveId}/pos/${bPos}`, { cookie: b.cookie })).body.pos).toMatchObject({ name: 'B bar', active: true });
    expect((await n.api('GET', `/api/collectives/${b.collectiveId}/products`, { cookie: b.cookie })).body.products).toEqual([expect.objectContaining({ id: bProduct, price: 300, archived: false })]);
    expect((await n.api('GET', `/api/pos/${bPos}/terminals`, { cookie: b.cookie })).body.terminals).toEqual([expect.objectContaining({ _id: bTerminal, state: 'pending' })]);
    expect(await n.core.catalog.offers.count({ posId: bPos })).toBe(0);
    expect(await n.core.pos.listZ(bPos)).toEqual([]);
  });

  it("shows a holder's running memberships on a balance check, and reads nothing for an anonymous card", async () => {
    n = await bootLaBoutik();
    const { a } = n;
    const { posId } = await barOfA();
    const terminal = await n.terminal((await pairedTerminal(posId)).token);
    const product = await n.core.lespass.memberships.products.create(a.collectiveId, { name: 'Adhésion 2026', price: 1000, durationDays: 365 });
    const member = await n.core.lespass.memberships.members.addByHand(a.collectiveId, { productId: product._id, email: 'holder@test.fr' });
    await n.core.pass.linkCardToUser({ txId: tx(), cardUid: a.cards[0], userId: member.userId });

    const holder = await terminal.emitWithAck('balance', { cardUid: a.cards[0] });
    expect(holder).toMatchObject({ ok: true, memberships: [expect.objectContaining({ name: 'Adhésion 2026', collectiveId: a.collectiveId })], tickets: [] });

    const anonymous = await terminal.emitWithAck('balance', { cardUid: a.cards[1] });
    expect(anonymous).toMatchObject({ ok: true, memberships: [], tickets: [] });
    const callsBefore = n.core.store.callCount();
    expect(await terminal.emitWithAck('balance', { cardUid: a.cards[1] })).toMatchObject({ ok: true, memberships: [], tickets: [] });
    expect(n.core.store.callCount()).toBe(callsBefore); // the card is cached and holds no rights: a tap at a bar costs no read
  });
});
