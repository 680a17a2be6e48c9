import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../core/money/verify.js';
import { defaultOfflinePolicy } from '../core/pos/offline-policy.js';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';
import { offlineEntry } from './support/offline.js';

describe('offline selling in the admin API: policy per POS, offline sales and shortfalls, cards in debt, silent terminals', () => {
  let n: LaBoutikNode;

  afterEach(async () => {
    expect((await verifyLedger(n.core.store)).errors).toEqual([]);
    await n.close();
  });

  it('edits a POS offline policy within bounds, refusing a bad one with a code and changing nothing', async () => {
    n = await bootLaBoutik();
    const { a } = n;
    const posId = (await n.core.catalog.createPos(a.collectiveId, { name: 'Bar' }))._id;
    const path = `/api/collectives/${a.collectiveId}/pos/${posId}/offline-policy`;
    expect((await n.api('GET', path, { cookie: a.cookie })).body).toEqual({ policy: defaultOfflinePolicy });
    const changed = await n.api('PATCH', path, { cookie: a.cookie, body: { maxSaleCents: 1500, maxOfflineMs: 30 * 60_000 } });
    expect(changed.body).toEqual({ policy: { ...defaultOfflinePolicy, maxSaleCents: 1500, maxOfflineMs: 1_800_000 } });
    for (const bad of [{ maxSaleCents: 12.5 }, { maxOfflineMs: 1000 }, { maxSaleCents: -1 }, { other: 1 }]) {
      const res = await n.api('PATCH', path, { cookie: a.cookie, body: bad });
      expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    }
    expect((await n.api('GET', path, { cookie: a.cookie })).body.policy.maxSaleCents).toBe(1500);
    expect((await n.api('GET', `/api/collectives/${n.b.collectiveId}/pos/${posId}/offline-policy`, { cookie: n.b.cookie })).status).toBe(403); // the tenant guard refuses another's POS
  });

  it('reports offline sales and shortfalls per POS and day, the cards in debt by number, and terminals silent for long', async () => {
    n = await bootLaBoutik();
    const { a } = n;
    const posId = (await n.core.catalog.createPos(a.collectiveId, { name: 'Bar du fond' }))._id;
    const beer = (await n.core.catalog.createProduct(a.collectiveId, { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    await n.core.catalog.assign(posId, beer, a.collectiveId);
    await n.core.pos.sale(posId, { txId: randomUUID(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 350 }] });
    const { pairingCode } = await n.core.terminals.createTerminal(posId, a.collectiveId, 'Tablette');
    const t = await n.core.terminals.pair(pairingCode, 'Tablette', 'test');
    await n.core.pass.topUp({ txId: randomUUID(), cardUid: a.cards[0], asset: 'local', amount: 200, method: 'cash', collectiveId: a.collectiveId, posId });
    const entries = [
      offlineEntry(t.offlineKey, { terminalId: t.terminalId, seq: 1, lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: a.cards[0] }] }),
      offlineEntry(t.offlineKey, { terminalId: t.terminalId, seq: 2, lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'cash', amount: 700 }] }),
    ];
    expect((await n.core.offlineSync.apply(t.terminalId, entries)).results.map((r) => r.ok)).toEqual([true, true]);
    // A second terminal never heard from since pairing, long ago.
    const { pairingCode: code2 } = await n.core.terminals.createTerminal(posId, a.collectiveId, 'Vieille tablette');
    const old = await n.core.terminals.pair(code2, 'Vieille tablette', 'test');
    await n.core.terminals.touch(old.terminalId, { lastSeenAt: Date.now() - 3 * 3_600_000 });

    const report = await n.api('GET', `/api/collectives/${a.collectiveId}/offline`, { cookie: a.cookie });
    expect(report.status).toBe(200);
    expect(report.body.days).toEqual([{ posId, posName: 'Bar du fond', day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: 2, total: 1050, pass: 350, shortfall: 150 }]);
    expect(report.body.cardsInDebt).toEqual([{ cardNumbers: ['A1-0'], owed: 150, total: 150, since: expect.any(Number) }]);
    expect(report.body.terminals.map((x: any) => [x.name, x.posName, x.stale])).toEqual([
      ['Vieille tablette', 'Bar du fond', true],
      ['Tablette', 'Bar du fond', false],
    ]);
    expect(report.body.terminals[1].lastSyncAt).toEqual(expect.any(Number));
    // Another collective sees none of it.
    const other = await n.api('GET', `/api/collectives/${n.b.collectiveId}/offline`, { cookie: n.b.cookie });
    expect(other.body).toEqual({ days: [], cardsInDebt: [], terminals: [] });
  });
});
