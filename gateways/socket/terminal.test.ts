import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { limits } from '../../core/shared/limits.js';
import { verifyLedger } from '../../core/money/verify.js';
import { seedCards } from '../../test/support/money.js';
import { terminalHarness, type TerminalClient, type TerminalHarness } from '../../test/support/terminal.js';

const tx = () => randomUUID();

describe('/terminal namespace (protocol v1)', () => {
  let h: TerminalHarness;
  let posId: string;
  let otherPosId: string;
  let beer: string;
  let crepe: string;
  let cards: string[];

  afterEach(async () => {
    expect((await verifyLedger(h.node.store)).errors).toEqual([]);
    await h.close();
  });

  async function setup(namespace = {}) {
    h = await terminalHarness({ namespace });
    cards = await seedCards(h.node, 'c1', 3);
    posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    otherPosId = (await h.node.catalog.createPos('c1', { name: 'Food' }))._id;
    beer = (await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 }))._id;
    crepe = (await h.node.catalog.createProduct('c1', { name: 'Crêpe', category: 'Food', price: 400, vatRate: 1000 }))._id;
    await h.node.catalog.assign(posId, beer, 'c1', { order: 1 });
    await h.node.catalog.assign(posId, crepe, 'c1', { price: 450, order: 2 });
  }

  const terminal = (pos = posId) => h.terminal(pos, 'c1');

  const ledgerRows = () => h.node.ledger.rows.count({});

  it('refuses a handshake without a token, with a bad token, and with a revoked token', async () => {
    await setup();
    await expect(h.connected(h.client({}))).rejects.toThrow('UNAUTHORIZED');
    await expect(h.connected(h.client({ token: 'f'.repeat(64) }))).rejects.toThrow('UNAUTHORIZED');
    const { token, terminalId } = await h.pair(posId, 'c1');
    await h.node.terminals.revoke(terminalId, 'c1');
    await expect(h.connected(h.client({ token }))).rejects.toThrow('UNAUTHORIZED');
  });

  it('revoking a terminal tells it and disconnects it at once; its token no longer works', async () => {
    await setup();
    const { socket, terminalId, token } = await terminal();
    const other = await terminal();
    const told = new Promise((resolve) => socket.once('terminal:revoked', resolve));
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    await h.node.terminals.revoke(terminalId, 'c1');
    expect(await told).toEqual({ terminalId });
    expect(await gone).toBe('io server disconnect');
    expect(other.socket.connected).toBe(true);
    expect(await other.socket.emitWithAck('catalog', {})).toMatchObject({ ok: true });
    await expect(h.connected(h.client({ token }))).rejects.toThrow('UNAUTHORIZED');
  });

  it('serves the catalog of its own POS with per-POS prices', async () => {
    await setup();
    const { socket } = await terminal();
    const res = await socket.emitWithAck('catalog', {});
    expect(res).toMatchObject({ ok: true, pos: { id: posId, name: 'Bar' }, categories: ['Boissons', 'Food'] });
    if (!res.ok) throw new Error('refused');
    expect(res.products.map((p) => [p.name, p.price, p.vatRate, p.kind])).toEqual([['Bière', 350, 2000, 'item'], ['Crêpe', 450, 1000, 'item']]);
  });

  it('tops up with cash, shows the balance, then sells paid by Pass + cash, and reprints the sale', async () => {
    await setup();
    const { socket } = await terminal();
    const topup = await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 2000, method: 'cash' });
    expect(topup).toEqual({ ok: true, balances: [{ asset: 'local:c1', name: 'Local c1', kind: 'local', amount: 2000 }] });
    expect(await socket.emitWithAck('balance', { cardUid: cards[0].toLowerCase() })).toMatchObject({
      ok: true,
      card: { number: 'c1-A0-0', state: 'active' },
      balances: [{ asset: 'local:c1', amount: 2000 }],
      memberships: [],
      tickets: [],
    });
    const sale = await socket.emitWithAck('sale', {
      txId: tx(),
      lines: [{ productId: beer, qty: 2 }, { productId: crepe, qty: 1 }],
      payments: [{ method: 'cash', amount: 500 }, { method: 'pass', cardUid: cards[0] }],
    });
    expect(sale).toMatchObject({ ok: true, number: 1, total: 1150, balances: [{ asset: 'local:c1', amount: 1350 }] });
    if (!sale.ok) throw new Error('refused');
    expect(sale.legs).toEqual(
      expect.arrayContaining([
        { asset: 'local:c1', from: expect.stringMatching(/^card:/), to: 'collective:c1', amount: 650 },
        { asset: 'eur', from: 'world', to: `cash:${posId}`, amount: 500 },
      ]),
    );
    const reprint = await socket.emitWithAck('reprint', { saleId: sale.saleId });
    expect(reprint).toMatchObject({ ok: true, sale: { saleId: sale.saleId, number: 1, total: 1150, payments: { cash: 500, card: 0, pass: 650 } } });
    const refund = await socket.emitWithAck('refund', { txId: tx(), saleId: sale.saleId, lines: [{ productId: crepe, qty: 1 }] });
    expect(refund).toEqual({ ok: true, refunded: 450, saleId: sale.saleId });
    expect((await h.node.pass.balance(cards[0])).balances[0].amount).toBe(1800);
    // Another POS's terminal cannot reprint it.
    const other = await terminal(otherPosId);
    expect(await other.socket.emitWithAck('reprint', { saleId: sale.saleId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('refuses a Pass payment short of funds with the missing amount, moving nothing', async () => {
    await setup();
    const { socket } = await terminal();
    await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[1], asset: 'local', amount: 300, method: 'card' });
    const before = await ledgerRows();
    const res = await socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[1] }] });
    expect(res).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS', missing: 50 });
    expect(await ledgerRows()).toBe(before);
    expect(await socket.emitWithAck('balance', { cardUid: 'AABBCCDD' })).toMatchObject({ ok: false, code: 'CARD_UNKNOWN' });
  });

  it('a command resent after a reconnect with the same txId gets the first ack and moves money once', async () => {
    await setup();
    const { token } = await h.pair(posId, 'c1');
    const first = await h.connected(h.client({ token }));
    await first.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 1000, method: 'cash' });
    const sale = { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass' as const, cardUid: cards[0] }] };
    const topup = { txId: tx(), cardUid: cards[0], asset: 'local' as const, amount: 500, method: 'cash' as const };
    // The terminal sends, then loses its connection before any ack arrives.
    first.emit('sale', sale, () => undefined);
    first.emit('topup', topup, () => undefined);
    first.disconnect();
    const again = await h.connected(h.client({ token }));
    const saleAck = await again.emitWithAck('sale', sale);
    const topupAck = await again.emitWithAck('topup', topup);
    expect(saleAck).toMatchObject({ ok: true, number: 1, total: 350 });
    expect(await again.emitWithAck('sale', sale)).toEqual(saleAck);
    expect(await again.emitWithAck('topup', topup)).toEqual(topupAck);
    expect((await h.node.pass.balance(cards[0])).balances[0].amount).toBe(1000 - 350 + 500);
    expect(await h.node.ledger.rows.count({ txId: sale.txId })).toBe(1);
    expect(await h.node.pos.listSales({ collectiveId: 'c1' })).toHaveLength(1);
  });

  it('two terminals selling on one card at once: exactly the affordable sales pass, the balance never goes negative', async () => {
    await setup();
    const a = await terminal();
    const b = await terminal();
    await a.socket.emitWithAck('topup', { txId: tx(), cardUid: cards[2], asset: 'local', amount: 1000, method: 'cash' });
    const sell = (t: TerminalClient) => t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: cards[2] }] });
    const acks = await Promise.all(Array.from({ length: 6 }, (_, i) => sell(i % 2 ? a.socket : b.socket)));
    expect(acks.filter((r) => r.ok)).toHaveLength(2); // 1000 / 350
    expect(acks.filter((r) => !r.ok).map((r) => r.code)).toEqual(Array(4).fill('INSUFFICIENT_FUNDS'));
    expect((await h.node.pass.balance(cards[2])).balances[0].amount).toBe(300);
    expect(new Set(acks.filter((r) => r.ok).map((r) => (r.ok ? r.number : 0)))).toEqual(new Set([1, 2]));
  });

  it('catalog:changed reaches the terminals of that POS only', async () => {
    await setup();
    const { socket } = await terminal();
    const other = await terminal(otherPosId);
    let otherHeard = 0;
    other.socket.on('catalog:changed', () => otherHeard++);
    const heard = new Promise((resolve) => socket.once('catalog:changed', resolve));
    await h.node.catalog.updateProduct(beer, 'c1', { price: 380 });
    expect(await heard).toEqual({ posId });
    const res = await socket.emitWithAck('catalog', {});
    expect(res.ok && res.products.find((p) => p.id === beer)?.price).toBe(380);
    expect(otherHeard).toBe(0);
  });

  it('bad payloads get INVALID_INPUT and change nothing; oversized and flooding commands are refused', async () => {
    await setup({ commandsPerSecond: 1, commandBurst: 12, payloadBytes: 2_000 });
    const { socket } = await terminal();
    const raw = socket as unknown as { emitWithAck(event: string, payload: unknown): Promise<any> };
    const before = await ledgerRows();
    const bad: Array<[string, unknown]> = [
      ['topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 10.5, method: 'cash' }],
      ['topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: '1000', method: 'cash' }],
      ['topup', { txId: tx(), cardUid: cards[0], asset: 'gift', amount: 1000, method: 'cash' }],
      ['topup', { txId: 'short', cardUid: cards[0], asset: 'local', amount: 1000, method: 'cash' }],
      ['sale', { txId: tx(), lines: [{ productId: beer, qty: 0 }], payments: [{ method: 'cash', amount: 500 }] }],
      ['sale', { txId: tx(), lines: [], payments: [{ method: 'cash', amount: 500 }] }],
      ['sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'bitcoin', amount: 500 }] }],
      ['sale', null],
      ['assignCard', { txId: tx(), cardUid: cards[0], email: 'not-an-email' }],
    ];
    for (const [event, payload] of bad) expect(await raw.emitWithAck(event, payload)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const big = { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'cash', amount: 500 }], note: 'x'.repeat(5_000) };
    expect(await raw.emitWithAck('sale', big)).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    // A frame a bit over the default command limit still reaches the app's check (the frame cap is larger).
    expect(await raw.emitWithAck('sale', { ...big, note: 'x'.repeat(limits.socketPayloadBytes + 4_000) })).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(socket.connected).toBe(true);
    expect(await ledgerRows()).toBe(before);
    expect(await h.node.pos.listSales({ collectiveId: 'c1' })).toHaveLength(0);
    const flood = await Promise.all(Array.from({ length: 5 }, () => socket.emitWithAck('catalog', {})));
    expect(flood.some((r) => !r.ok && r.code === 'RATE_LIMITED')).toBe(true);
    // Only above the transport cap (maxHttpBufferSize) does the server drop the connection itself.
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.emit('sale', { ...big, note: 'x'.repeat(limits.socketFrameBytes + 1_000) } as never, () => undefined);
    expect(await dropped).toBe('transport close');
  });

  it('an unexpected failure in the core is acked INTERNAL without leaking its message', async () => {
    await setup();
    const { socket } = await terminal();
    h.node.pos.getSale = async () => {
      throw new Error('disk on fire at /var/lib/secret');
    };
    expect(await socket.emitWithAck('reprint', { saleId: 'sale_1' })).toEqual({ ok: false, code: 'INTERNAL', message: 'internal error' });
    expect(socket.connected).toBe(true);
  });

  it('assigns a card to a person by email: the card balance moves to that person, once', async () => {
    await setup();
    const { socket } = await terminal();
    await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 700, method: 'cash' });
    const assign = { txId: tx(), cardUid: cards[0], email: 'Alice@Example.org' };
    const res = await socket.emitWithAck('assignCard', assign);
    expect(res).toMatchObject({ ok: true, userId: expect.stringMatching(/^usr_/), balances: [{ asset: 'local:c1', amount: 700 }] });
    expect(await socket.emitWithAck('assignCard', assign)).toMatchObject({ ok: true, userId: res.ok ? res.userId : '' });
    expect(await h.node.store.collection('users').find({})).toEqual([expect.objectContaining({ email: 'alice@example.org' })]);
    const card = await h.node.cards.byUidOrThrow(cards[0]);
    expect(card.walletId).toBe(`user:${res.ok ? res.userId : ''}`);
  });
});
