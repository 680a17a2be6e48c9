import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../core/store/memory.js';
import { moneyNode, seedCards, type MoneyNode } from '../../test/support/money.js';
import { attachDashboardNamespace } from './dashboard.js';
import { attachDisplayNamespace } from './display.js';

const tx = () => randomUUID();

describe('live views over Socket.IO', () => {
  let node: MoneyNode;
  let io: Server;
  const clients: Socket[] = [];
  afterEach(async () => {
    clients.forEach((c) => c.close());
    io.close();
    await node.stop();
  });

  async function start() {
    node = await moneyNode(createMemoryStore(), { groupCommitMs: 1 });
    const httpServer = createServer();
    io = new Server(httpServer);
    await attachDisplayNamespace(io, { pass: node.pass, bus: node.bus, showForMs: 500 });
    attachDashboardNamespace(io, {
      live: node.live,
      bus: node.bus,
      authenticate: async (socket) => (socket.handshake.auth.token === 'admin-c1' ? { collectiveId: 'c1' } : null),
    });
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  }

  function client(url: string, auth: Record<string, string> = {}) {
    const c = connect(url, { transports: ['websocket'], auth, forceNew: true });
    clients.push(c);
    return c;
  }

  it('a display shows only the tapped card and follows its balance live, with rate limiting', async () => {
    const url = await start();
    const [uid, other] = await seedCards(node, 'c1', 2);
    await node.pass.topUp({ txId: tx(), cardUid: uid, asset: 'local', amount: 1000, method: 'cash', collectiveId: 'c1', posId: 'p1' });
    await node.pass.topUp({ txId: tx(), cardUid: other, asset: 'local', amount: 9999, method: 'cash', collectiveId: 'c1', posId: 'p1' });
    const screen = client(`${url}/display`);
    const shown = await screen.emitWithAck('tap', { cardUid: uid });
    expect(shown).toMatchObject({ ok: true, card: { state: 'active' }, balances: [{ name: 'Local c1', amount: 1000 }] });
    const live = new Promise<any>((resolve) => screen.on('balance', resolve));
    await node.pass.pay({ txId: tx(), cardUid: other, amount: 1, collectiveId: 'c1' }); // another card: not shown
    await node.pass.pay({ txId: tx(), cardUid: uid, amount: 250, collectiveId: 'c1' });
    expect((await live).balances).toEqual([{ asset: 'local:c1', name: 'Local c1', kind: 'local', amount: 750 }]);
    expect(await screen.emitWithAck('tap', { cardUid: 'nothex' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const burst = await Promise.all(Array.from({ length: 5 }, () => screen.emitWithAck('tap', { cardUid: uid })));
    expect(burst.some((r) => r.code === 'RATE_LIMITED')).toBe(true);
  });

  it('a dashboard gets a snapshot then live deltas; strangers are refused', async () => {
    const url = await start();
    const [uid] = await seedCards(node, 'c1', 1);
    await node.pass.topUp({ txId: tx(), cardUid: uid, asset: 'local', amount: 1000, method: 'cash', collectiveId: 'c1', posId: 'p1' });
    const refused = client(`${url}/dashboard`, { token: 'nope' });
    await expect(new Promise((_, reject) => refused.on('connect_error', reject))).rejects.toThrow('UNAUTHORIZED');
    const dash = client(`${url}/dashboard`, { token: 'admin-c1' });
    expect(await dash.emitWithAck('subscribe', { collectiveId: 'c2' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const first = await dash.emitWithAck('subscribe', { collectiveId: 'c1' });
    expect(first).toMatchObject({ ok: true, board: { topups: { total: 1000 } } });
    const delta = new Promise<any>((resolve) => dash.on('board:delta', resolve));
    await node.pass.pay({ txId: tx(), cardUid: uid, amount: 300, collectiveId: 'c1', posId: 'p1', meta: { sale: { lines: [{ productId: 'x', name: 'X', qty: 1, total: 300 }], payments: { cash: 0, card: 0, pass: 300 }, total: 300 } } });
    const d = await delta;
    expect(d).toMatchObject({ fromVersion: first.board.version, toVersion: first.board.version + 1 });
    expect(d.rows[0].sale.total).toBe(300);
  });
});
