import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { attachDisplayNamespace } from './display.js';
import { verifyLedger } from '../../core/money/verify.js';
import { loyaltyAsset } from '../../core/money/assets.js';
import { seedCards } from '../../test/support/money.js';
import { terminalHarness, type TerminalHarness } from '../../test/support/terminal.js';

const tx = () => randomUUID();

describe('/terminal: loyalty through the terminal protocol', () => {
  let h: TerminalHarness;
  let posId: string;
  let coffee: string;
  let cards: string[];

  afterEach(async () => {
    expect((await verifyLedger(h.node.store)).errors).toEqual([]);
    await h.close();
  });

  async function setup() {
    h = await terminalHarness();
    cards = await seedCards(h.node, 'c1', 2);
    posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    coffee = (await h.node.catalog.createProduct('c1', { name: 'Café', category: 'Cafés', price: 200, vatRate: 1000 }))._id;
    await h.node.catalog.assign(posId, coffee, 'c1');
    await h.node.loyalty.configure('c1', {
      name: 'Carte café',
      stamps: { productIds: [coffee] },
      rewards: [{ id: 'free-coffee', name: 'Café offert', cost: 3, productId: coffee }],
    });
  }

  it('a Pass sale earns stamps, once per txId, and the balance ack lists them with kind loyalty', async () => {
    await setup();
    const { socket } = await h.terminal(posId, 'c1');
    expect(await socket.emitWithAck('topup', { txId: tx(), cardUid: cards[0], asset: 'local', amount: 2000, method: 'cash' })).toMatchObject({ ok: true });
    const sale = { txId: tx(), lines: [{ productId: coffee, qty: 2 }], payments: [{ method: 'pass' as const, cardUid: cards[0] }] };
    const ack = await socket.emitWithAck('sale', sale);
    expect(ack).toMatchObject({ ok: true, total: 400 });
    expect(ack.ok && ack.balances).toContainEqual({ asset: loyaltyAsset('c1'), name: 'Carte café', kind: 'loyalty', amount: 2 });
    expect(await socket.emitWithAck('sale', sale)).toMatchObject({ ok: true, number: ack.ok ? ack.number : -1 });
    const balance = await socket.emitWithAck('balance', { cardUid: cards[0] });
    expect(balance.ok && balance.balances).toEqual([
      { asset: 'local:c1', name: 'Local c1', kind: 'local', amount: 1600 },
      { asset: loyaltyAsset('c1'), name: 'Carte café', kind: 'loyalty', amount: 2 },
    ]);
  });

  it('a cash sale earns on the tapped card; a reward is redeemed with the units; a refund takes back what is left', async () => {
    await setup();
    const { socket } = await h.terminal(posId, 'c1');
    const cash = await socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: coffee, qty: 3 }], payments: [{ method: 'cash', amount: 600 }], loyaltyCardUid: cards[1] });
    expect(cash.ok && cash.balances).toEqual([{ asset: loyaltyAsset('c1'), name: 'Carte café', kind: 'loyalty', amount: 3 }]);
    const free = await socket.emitWithAck('sale', {
      txId: tx(),
      lines: [{ productId: coffee, qty: 1 }],
      payments: [{ method: 'cash', amount: 0 }],
      loyaltyCardUid: cards[1],
      reward: 'free-coffee',
    });
    expect(free).toMatchObject({ ok: true, total: 0 });
    const again = await socket.emitWithAck('sale', {
      txId: tx(),
      lines: [{ productId: coffee, qty: 1 }],
      payments: [{ method: 'cash', amount: 0 }],
      loyaltyCardUid: cards[1],
      reward: 'free-coffee',
    });
    expect(again).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS' });
    const bad = await socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: coffee, qty: 1 }], payments: [{ method: 'cash', amount: 200 }], reward: 'Free Coffee!' });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const more = await socket.emitWithAck('sale', { txId: tx(), lines: [{ productId: coffee, qty: 2 }], payments: [{ method: 'card', amount: 400 }], loyaltyCardUid: cards[1] });
    expect(await socket.emitWithAck('refund', { txId: tx(), saleId: more.ok ? more.saleId : '' })).toMatchObject({ ok: true, refunded: 400 });
    const balance = await socket.emitWithAck('balance', { cardUid: cards[1] });
    expect(balance.ok && balance.balances).toEqual([]);
    // The first cash sale's refund finds its units already spent on the reward: never below zero.
    expect(await socket.emitWithAck('refund', { txId: tx(), saleId: cash.ok ? cash.saleId : '' })).toMatchObject({ ok: true, refunded: 600 });
  });
});

describe('/display: the public screen shows loyalty units', () => {
  it('a tapped card shows its loyalty line and follows it live when a sale earns', async () => {
    const h = await terminalHarness();
    const http = createServer();
    const io = new Server(http);
    await attachDisplayNamespace(io, { pass: h.node.pass, bus: h.node.bus, showForMs: 5_000 });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const screen = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}/display`, { transports: ['websocket'], forceNew: true });
    try {
      const [uid] = await seedCards(h.node, 'c1', 1);
      const posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
      const coffee = (await h.node.catalog.createProduct('c1', { name: 'Café', category: 'Cafés', price: 200, vatRate: 1000 }))._id;
      await h.node.catalog.assign(posId, coffee, 'c1');
      await h.node.loyalty.configure('c1', { name: 'Carte café', stamps: { productIds: [coffee] } });
      await h.node.pos.sale(posId, { txId: tx(), lines: [{ productId: coffee, qty: 1 }], payments: [{ method: 'cash', amount: 200 }], loyaltyCardUid: uid });
      const shown = await screen.emitWithAck('tap', { cardUid: uid });
      expect(shown).toMatchObject({ ok: true, balances: [{ asset: loyaltyAsset('c1'), name: 'Carte café', kind: 'loyalty', amount: 1 }] });
      const live = new Promise<{ balances: unknown[] }>((resolve) => screen.on('balance', resolve));
      await h.node.pos.sale(posId, { txId: tx(), lines: [{ productId: coffee, qty: 2 }], payments: [{ method: 'cash', amount: 400 }], loyaltyCardUid: uid });
      expect((await live).balances).toEqual([{ asset: loyaltyAsset('c1'), name: 'Carte café', kind: 'loyalty', amount: 3 }]);
    } finally {
      screen.close();
      io.close();
      await h.close();
    }
  });
});
