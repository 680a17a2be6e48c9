// Smaller defects seen from outside: impossible dates answered 200 with an empty or rolled-over
// report, and a blocked card that still read "active" on the public screen and at a terminal.
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';

describe('small defects', () => {
  let node: LaBoutikNode;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    node = await bootLaBoutik();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await node?.close();
  });

  it('impossible dates answer 400 naming the field, real ones 200', async () => {
    const { cookie, collectiveId } = node.a;
    const get = (path: string) => node.api('GET', path, { cookie });
    for (const day of ['2026-13-45', '2026-02-31', '2026-04-31']) {
      const payments = await get(`/api/collectives/${collectiveId}/payments?from=${day}`);
      expect(payments.status, day).toBe(400);
      expect(payments.body.error.fields.from, day).toBeDefined();
      expect((await get(`/api/collectives/${collectiveId}/revenue?from=${day}`)).status, day).toBe(400);
      expect((await get(`/api/collectives/${collectiveId}/revenue?from=${day}T10:00:00Z`)).status, day).toBe(400);
      expect((await node.api('POST', `/api/collectives/${collectiveId}/settlements`, { cookie, body: { day } })).status, day).toBe(400);
    }
    expect((await get(`/api/collectives/${collectiveId}/payments?from=2028-02-29`)).status).toBe(200);
    expect((await get(`/api/collectives/${collectiveId}/revenue?from=2026-02-28&to=2026-03-01`)).status).toBe(200);
  });

  it('a blocked card reads blocked at a terminal and on /display, even right after being read active', async () => {
    const { cookie, collectiveId, cards } = node.a;
    const posId = (await node.api('POST', `/api/collectives/${collectiveId}/pos`, { cookie, body: { name: 'Bar blocked' } })).body.pos.id;
    const { body: code } = await node.api('POST', `/api/pos/${posId}/terminals`, { cookie, body: {} });
    const { body: paired } = await node.api('POST', '/api/terminals/pair', { body: { pairingCode: code.pairingCode, name: 'Caisse' } });
    const terminal = await node.terminal(paired.token);
    const screen = connectClient(`${node.url}/display`, { transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(screen);
    const balance = () => terminal.timeout(10_000).emitWithAck('balance', { cardUid: cards[1] } as never) as Promise<any>;
    const tap = () => screen.timeout(10_000).emitWithAck('tap', { cardUid: cards[1] }) as Promise<any>;
    expect((await balance()).card.state).toBe('active');
    expect((await tap()).card.state).toBe('active');
    await node.core.pass.block(cards[1]);
    expect((await balance()).card.state).toBe('blocked');
    expect((await tap()).card.state).toBe('blocked');
  });
});
