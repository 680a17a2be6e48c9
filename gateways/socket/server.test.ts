import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createSocketServer, type SocketServer } from './server.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('Socket.IO server of an app node', () => {
  const started: Array<{ http: HttpServer; sockets: SocketServer }> = [];
  const clients: Socket[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    for (const { http, sockets } of started.splice(0)) {
      await sockets.close();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  async function node(prefix: string) {
    const http = createServer();
    const sockets = await createSocketServer(http, { config: { REDIS_URL: redisUrl, REDIS_PREFIX: prefix } }, { namespaces: [(io) => io.of('/echo')] });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    started.push({ http, sockets });
    return { sockets, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  }

  it('with REDIS_URL, an emit on one node reaches a client connected to another (Redis adapter)', async () => {
    const prefix = `test-${randomUUID()}`;
    const a = await node(prefix);
    const b = await node(prefix);
    const client = connect(`${b.url}/echo`, { transports: ['websocket'], forceNew: true });
    clients.push(client);
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const heard = new Promise((resolve) => client.once('hello', resolve));
    a.sockets.io.of('/echo').emit('hello', { from: 'a' });
    expect(await heard).toEqual({ from: 'a' });
  });

  it("closing one node disconnects its own sockets only, and leaves the HTTP server it shares open", async () => {
    const prefix = `test-${randomUUID()}`;
    const a = await node(prefix);
    const b = await node(prefix);
    const onA = connect(`${a.url}/echo`, { transports: ['websocket'], forceNew: true, reconnection: false });
    const onB = connect(`${b.url}/echo`, { transports: ['websocket'], forceNew: true, reconnection: false });
    clients.push(onA, onB);
    await Promise.all([onA, onB].map((c) => new Promise<void>((resolve) => c.once('connect', () => resolve()))));
    const gone = new Promise((resolve) => onA.once('disconnect', resolve));
    await a.sockets.close();
    expect(await gone).toBe('io server disconnect');
    await new Promise((resolve) => setTimeout(resolve, 100)); // what would reach B through Redis has arrived
    expect(onB.connected).toBe(true);
    expect(started[0].http.listening).toBe(true);
  });

  it('an HTTP server gets one Socket.IO server, however many times it is asked', async () => {
    const a = await node(`test-${randomUUID()}`);
    const again = await createSocketServer(started[0].http, {});
    expect(again).toBe(a.sockets);
    expect(() => createSocketServer(started[0].http, {}, { namespaces: [] })).toThrow('already has its Socket.IO server');
  });
});
