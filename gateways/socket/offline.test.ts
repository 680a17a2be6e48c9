import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../core/store/memory.js';
import type { Store } from '../../core/store/port.js';
import { createSqliteStore } from '../../core/store/sqlite.js';
import { accounts } from '../../core/money/accounts.js';
import { verifyLedger } from '../../core/money/verify.js';
import { defaultOfflinePolicy } from '../../core/pos/offline-policy.js';
import { seedCards } from '../../test/support/money.js';
import { offlineEntry } from '../../test/support/offline.js';
import { terminalHarness, type TerminalClient, type TerminalHarness } from '../../test/support/terminal.js';

const tx = () => randomUUID();

// Over the memory store and the embedded default (SQLite): debts, blocklist and reports use only the Store port.
const stores: Record<string, () => Promise<{ store: Store; close(): Promise<void> }>> = {
  memory: async () => ({ store: createMemoryStore(), close: async () => undefined }),
  sqlite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pass-offline-'));
    const store = await createSqliteStore({ path: join(dir, 'pass.db') });
    return { store, close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  },
};

describe.each(Object.keys(stores))('/terminal offline journal (offlineState, offlineSync, blocklist) on the %s store', (kind) => {
  let h: TerminalHarness;
  let closeStore: () => Promise<void>;
  let posId: string;
  let beer: string;
  let cards: string[];

  afterEach(async () => {
    expect((await verifyLedger(h.node.store)).errors).toEqual([]);
    await h.close();
    await closeStore();
  });

  async function setup() {
    const made = await stores[kind]();
    closeStore = made.close;
    h = await terminalHarness({ store: made.store });
    cards = await seedCards(h.node, 'c1', 3);
    posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    beer = (await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    await h.node.catalog.assign(posId, beer, 'c1', { order: 1 });
  }

  const rows = () => h.node.ledger.rows.count({});
  const walletOf = async (uid: string) => (await h.node.cards.byUidOrThrow(uid)).walletId;
  const nextEvent = <T>(socket: TerminalClient, name: 'blocklist:changed') => new Promise<T>((resolve) => socket.once(name, resolve as never));

  it('gives the POS offline policy (safe defaults) and the blocklist to a terminal', async () => {
    await setup();
    await h.node.pass.block(cards[2]);
    const { socket } = await h.terminal(posId, 'c1');
    const state = await socket.emitWithAck('offlineState', {});
    expect(state).toMatchObject({ ok: true, policy: defaultOfflinePolicy, blocklist: [{ cardUid: cards[2], reason: 'blocked' }] });
  });

  it('applies a signed offline Pass sale once, marked offline in the sale and the ledger row; a replay moves nothing', async () => {
    await setup();
    const { socket, terminalId, offlineKey } = await h.terminal(posId, 'c1');
    await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1000, method: 'cash' });
    const entry = offlineEntry(offlineKey, {
      terminalId,
      seq: 1,
      at: Date.now() - 60_000,
      lines: [{ productId: beer, qty: 2 }],
      payments: [{ method: 'pass', cardUid: cards[0] }],
    });
    const cash = offlineEntry(offlineKey, { terminalId, seq: 2, lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 500 }] });
    const ack = await socket.emitWithAck('offlineSync', { entries: [cash, entry] }); // sorted by journal seq
    expect(ack).toMatchObject({
      ok: true,
      pending: 0,
      results: [
        { ok: true, txId: entry.txId, total: 700, offline: true },
        { ok: true, txId: cash.txId, total: 350, change: 150, offline: true },
      ],
    });
    const sale = await h.node.pos.getSale(entry.txId, posId);
    expect(sale.offline).toEqual({ at: expect.any(Number), seq: 1 });
    expect((await h.node.ledger.byTxId(entry.txId))?.meta).toMatchObject({ offline: true, sale: { offline: { seq: 1 } } });
    expect((await h.node.ledger.byTxId(cash.txId))?.meta).toMatchObject({ sale: { offline: { seq: 2 } } });
    const before = await rows();
    const replay = await socket.emitWithAck('offlineSync', { entries: [entry] });
    expect(replay).toMatchObject({ ok: true, results: [{ ok: true, saleId: entry.txId, number: sale.number }] });
    expect(await rows()).toBe(before);
    expect((await h.node.pass.balance(cards[0])).balances).toEqual([expect.objectContaining({ amount: 300 })]);
    expect((await h.node.terminals.list(posId)).find((t) => t._id === terminalId)?.lastSyncAt).toEqual(expect.any(Number));
    // The live board counts them when they arrive, marked offline.
    await expect.poll(async () => (await h.node.live.board('c1')).offline).toEqual({ count: 2, total: 1050, shortfall: 0 });
    expect((await h.node.live.board('c1')).sales.count).toBe(2);
  });

  it('a sale sent online to a slow server, then journaled and synced offline with the same txId, is one sale', async () => {
    await setup();
    const { socket, terminalId, offlineKey } = await h.terminal(posId, 'c1');
    await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1000, method: 'cash' });
    const txId = tx();
    const payments = [{ method: 'pass' as const, cardUid: cards[0] }];
    const online = await socket.emitWithAck('sale', { txId, lines: [{ productId: beer, qty: 1 }], payments });
    expect(online).toMatchObject({ ok: true, saleId: txId });
    const before = await rows();
    const entry = offlineEntry(offlineKey, { terminalId, txId, seq: 1, lines: [{ productId: beer, qty: 1 }], payments });
    expect(await socket.emitWithAck('offlineSync', { entries: [entry] })).toMatchObject({ results: [{ ok: true, saleId: txId, number: (online as { number: number }).number }] });
    expect(await rows()).toBe(before);
    expect((await h.node.pass.balance(cards[0])).balances).toEqual([expect.objectContaining({ amount: 650 })]);
  });

  it('books the shortfall as the card debt when it spent its balance online elsewhere, lists it, and a top-up repays it first', async () => {
    await setup();
    const a = await h.terminal(posId, 'c1');
    const b = await h.terminal(posId, 'c1');
    await a.socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 800, method: 'cash' });
    // B sold two beers offline while A sold two online: the card holds 100 when B syncs.
    expect(await a.socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'pass', cardUid: cards[0] }] })).toMatchObject({ ok: true });
    const listed = nextEvent(b.socket, 'blocklist:changed');
    const entry = offlineEntry(b.offlineKey, { terminalId: b.terminalId, seq: 1, lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'pass', cardUid: cards[0] }] });
    const ack = await b.socket.emitWithAck('offlineSync', { entries: [entry] });
    expect(ack).toMatchObject({ ok: true, results: [{ ok: true, total: 700, offline: true, shortfall: 600 }] });
    expect(await listed).toEqual({ cardUid: cards[0], reason: 'debt', listed: true });
    const wallet = await walletOf(cards[0]);
    const report = await verifyLedger(h.node.store);
    expect(report.ok).toBe(true);
    expect(report.balances.get(wallet)?.get('local:c1') ?? 0).toBe(0); // paid all it held, never below zero
    expect(report.balances.get(accounts.cardDebt(wallet))?.get('local:c1')).toBe(-600);
    expect((await h.node.pos.getSale(entry.txId, posId)).shortfall).toBe(600);
    expect((await a.socket.emitWithAck('offlineState', {})) as { blocklist: unknown[] }).toMatchObject({ blocklist: [{ cardUid: cards[0], reason: 'debt' }] });
    expect((await h.node.blocklist.inDebtTo('c1')).map((d) => [d._id, d.total])).toEqual([[wallet, 600]]);

    const unlisted = nextEvent(b.socket, 'blocklist:changed');
    const topup = await a.socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1000, method: 'cash' });
    expect(topup).toMatchObject({ ok: true, balances: [{ asset: 'local:c1', amount: 400 }] });
    expect(await unlisted).toEqual({ cardUid: cards[0], reason: 'debt', listed: false });
    const after = await verifyLedger(h.node.store);
    expect(after.balances.get(accounts.cardDebt(wallet))?.get('local:c1') ?? 0).toBe(0);
    expect((await a.socket.emitWithAck('offlineState', {})) as { blocklist: unknown[] }).toMatchObject({ blocklist: [] });
  });

  it('repays a debt from a global top-up too, swapping the collective claim for global credit', async () => {
    await setup();
    const { socket, terminalId, offlineKey } = await h.terminal(posId, 'c1');
    const entry = offlineEntry(offlineKey, { terminalId, seq: 1, lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[1] }] });
    expect(await socket.emitWithAck('offlineSync', { entries: [entry] })).toMatchObject({ results: [{ ok: true, shortfall: 350 }] });
    const wallet = await walletOf(cards[1]);
    await h.node.pass.topUp({ txId: tx(), cardUid: cards[1], asset: 'global', amount: 500, method: 'stripe', collectiveId: 'c1' });
    const report = await verifyLedger(h.node.store);
    expect(report.ok).toBe(true);
    expect(report.balances.get(wallet)?.get('global')).toBe(150);
    expect(report.balances.get(accounts.cardDebt(wallet))?.get('local:c1') ?? 0).toBe(0);
    expect(report.balances.get(accounts.collective('c1'))?.get('global')).toBe(350);
  });

  it('refuses forged, altered and another terminal entries with OFFLINE_FORGED and moves nothing', async () => {
    await setup();
    const a = await h.terminal(posId, 'c1');
    const b = await h.terminal(posId, 'c1');
    await a.socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1000, method: 'cash' });
    const before = await rows();
    const pass = [{ method: 'pass' as const, cardUid: cards[0] }];
    const wrongKey = offlineEntry('ab'.repeat(32), { terminalId: a.terminalId, seq: 1, lines: [{ productId: beer, qty: 1 }], payments: pass });
    const genuine = offlineEntry(a.offlineKey, { terminalId: a.terminalId, seq: 2, lines: [{ productId: beer, qty: 1 }], payments: pass });
    const altered = { ...genuine, body: genuine.body.replace('"qty":1', '"qty":9') };
    const ofA = offlineEntry(a.offlineKey, { terminalId: a.terminalId, seq: 3, lines: [{ productId: beer, qty: 1 }], payments: pass });
    const res = (await a.socket.emitWithAck('offlineSync', { entries: [wrongKey, altered] })) as { results: Array<{ code: string }> };
    expect(res.results.map((r) => r.code)).toEqual(['OFFLINE_FORGED', 'OFFLINE_FORGED']);
    const relayed = (await b.socket.emitWithAck('offlineSync', { entries: [ofA] })) as { results: Array<{ code: string; txId: string }> };
    expect(relayed.results).toMatchObject([{ ok: false, code: 'OFFLINE_FORGED', txId: ofA.txId }]);
    // A v1-shaped payload without a MAC is refused at the edge.
    expect(await a.socket.emitWithAck('offlineSync', { entries: [{ body: genuine.body }] } as never)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await rows()).toBe(before);
  });

  it('refuses a Pass entry older than the max offline time (OFFLINE_EXPIRED) and one above the ceiling (OFFLINE_LIMIT); records an old cash entry', async () => {
    await setup();
    await h.node.catalog.updatePos(posId, 'c1', { offlinePolicy: { maxSaleCents: 500, maxOfflineMs: 60 * 60_000 } });
    const { socket, terminalId, offlineKey } = await h.terminal(posId, 'c1');
    await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 5000, method: 'cash' });
    expect(await socket.emitWithAck('offlineState', {})).toMatchObject({
      policy: { maxSaleCents: 500, maxOfflineMs: 3_600_000, maxPerCardCents: defaultOfflinePolicy.maxPerCardCents },
    });
    const before = await rows();
    const old = Date.now() - 61 * 60_000;
    const expired = offlineEntry(offlineKey, { terminalId, seq: 1, at: old, lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] });
    const big = offlineEntry(offlineKey, { terminalId, seq: 2, lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'pass', cardUid: cards[0] }] });
    const res = (await socket.emitWithAck('offlineSync', { entries: [expired, big] })) as { results: Array<{ code: string }> };
    expect(res.results.map((r) => r.code)).toEqual(['OFFLINE_EXPIRED', 'OFFLINE_LIMIT']);
    expect(await rows()).toBe(before);
    const oldCash = offlineEntry(offlineKey, { terminalId, seq: 3, at: old, lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 350 }] });
    expect(await socket.emitWithAck('offlineSync', { entries: [oldCash] })).toMatchObject({ results: [{ ok: true, offline: true }] });
  });

  it('refuses the journal of a revoked terminal (TERMINAL_REVOKED) and its socket (UNAUTHORIZED); nothing moves', async () => {
    await setup();
    const { socket, terminalId, offlineKey, token } = await h.terminal(posId, 'c1');
    await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1000, method: 'cash' });
    const entry = offlineEntry(offlineKey, { terminalId, seq: 1, lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] });
    await h.node.terminals.revoke(terminalId, 'c1');
    const before = await rows();
    await expect(h.connected(h.client({ token }))).rejects.toThrow('UNAUTHORIZED');
    await expect(h.node.offlineSync.apply(terminalId, [entry])).rejects.toMatchObject({ code: 'TERMINAL_REVOKED' });
    expect(await rows()).toBe(before);
  });

  it('books an offline sale of a card blocked since as its debt (the sale happened), never refusing it online after', async () => {
    await setup();
    const { socket, terminalId, offlineKey } = await h.terminal(posId, 'c1');
    await h.node.pass.block(cards[0]);
    const entry = offlineEntry(offlineKey, { terminalId, seq: 1, lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] });
    expect(await socket.emitWithAck('offlineSync', { entries: [entry] })).toMatchObject({ results: [{ ok: true, shortfall: 350 }] });
    expect(await socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] })).toMatchObject({
      ok: false,
      code: 'CARD_BLOCKED',
    });
  });

  it('counts a late offline sale in a marked section of the next Z, never changing the Z already written', async () => {
    await setup();
    const { socket, terminalId, offlineKey } = await h.terminal(posId, 'c1');
    const madeAt = Date.now() - 5 * 60_000; // sold offline before the register was closed
    await socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 350 }] });
    const first = await socket.emitWithAck('closeRegister', { countedCash: 350 });
    expect(first).toMatchObject({ ok: true, z: { number: 1 } });
    const firstZ = (await h.node.pos.listZ(posId))[0];
    expect(firstZ.totals.offline).toBeUndefined();
    const late = offlineEntry(offlineKey, { terminalId, seq: 1, at: madeAt, lines: [{ productId: beer, qty: 2 }], payments: [{ method: 'cash', amount: 700 }] });
    const fresh = offlineEntry(offlineKey, { terminalId, seq: 2, lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[0] }] });
    expect(await socket.emitWithAck('offlineSync', { entries: [late, fresh] })).toMatchObject({ results: [{ ok: true }, { ok: true, shortfall: 350 }] });
    await socket.emitWithAck('closeRegister', { countedCash: 700 });
    const [z1, z2] = await h.node.pos.listZ(posId);
    expect(z1).toEqual(firstZ);
    expect(z2.totals).toMatchObject({ salesCount: 2, offline: { count: 2, total: 1050, shortfall: 350, late: { count: 1, total: 700 } } });
    expect((await h.node.pos.verifyZ(posId)).ok).toBe(true);
    const { zChainCsv, zTicketHtml } = await import('../../core/pos/z-print.js');
    const csv = zChainCsv([z1, z2]).split('\r\n');
    expect(csv[0]).toContain('offlineSales,offlineTotal,offlineShortfall,lateOfflineSales,lateOfflineTotal');
    expect(csv[2].endsWith(',2,1050,350,1,700')).toBe(true);
    expect(zTicketHtml(z2)).toContain('Ventes hors ligne');
  });
});
