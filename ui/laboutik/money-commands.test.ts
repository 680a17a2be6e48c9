// MoneyCommands against a real Socket.IO server and client: the server keeps the first answer
// per txId (as the real one does), and can "lose" an ack the way a dropped network does.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MoneyCommands, newTxId, type CommandTransport } from './money-commands.js';
import { MemoryStorage, Outbox } from './outbox.js';
import type { SaleCommand } from './protocol.js';

interface Harness {
  http: HttpServer;
  server: Server;
  client: Socket;
  received: string[];
  firstAnswers: Map<string, Record<string, unknown>>;
  /** How the next new sale is answered. */
  mode: { dropAck: boolean; refuse?: string };
}

let h: Harness;

beforeEach(async () => {
  const http = createServer();
  const server = new Server(http);
  const received: string[] = [];
  const firstAnswers = new Map<string, Record<string, unknown>>();
  const mode: Harness['mode'] = { dropAck: false };
  server.of('/terminal').on('connection', (socket) => {
    socket.on('sale', (payload: { txId: string }, ack: (a: unknown) => void) => {
      received.push(payload.txId);
      if (mode.refuse) return ack({ ok: false, code: mode.refuse, message: mode.refuse, missing: 150 });
      let answer = firstAnswers.get(payload.txId);
      if (!answer) {
        answer = { ok: true, saleId: payload.txId, number: firstAnswers.size + 1, total: 350 };
        firstAnswers.set(payload.txId, answer);
        if (mode.dropAck) return; // recorded, but the answer never reaches the terminal
      }
      ack(answer);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}/terminal`, { transports: ['websocket'], autoConnect: false });
  h = { http, server, client, received, firstAnswers, mode };
});

afterEach(async () => {
  h.client.disconnect();
  await h.server.close();
});

const transportOf = (socket: Socket): CommandTransport => ({
  get connected() {
    return socket.connected;
  },
  request: (event, payload, timeoutMs) => socket.timeout(timeoutMs).emitWithAck(event, payload),
});

const connect = (socket: Socket) => new Promise<void>((resolve) => (socket.connect(), socket.once('connect', () => resolve())));
const saleOf = (txId: string): SaleCommand => ({ txId, lines: [{ productId: 'beer', qty: 1 }], payments: [{ method: 'cash', amount: 500 }] });

describe('MoneyCommands', () => {
  it('resends a command whose answer was lost with the same txId, and shows the first result', async () => {
    await connect(h.client);
    const commands = new MoneyCommands(transportOf(h.client), new Outbox(new MemoryStorage()), { timeoutMs: 150 });
    const txId = newTxId();
    h.mode.dropAck = true;

    expect(await commands.send('sale', saleOf(txId))).toEqual({ state: 'pending' });
    expect(commands.outbox.get(txId)?.attempts).toBe(1);

    h.client.disconnect();
    await connect(h.client);
    const settled: unknown[] = [];
    commands.onSettled((entry, ack) => settled.push({ txId: entry.txId, ack }));
    await commands.resendPending();

    expect(h.received).toEqual([txId, txId]);
    expect(h.firstAnswers.size).toBe(1); // recorded once
    expect(settled).toEqual([{ txId, ack: { ok: true, saleId: txId, number: 1, total: 350 } }]);
    expect(commands.outbox.size).toBe(0);
  });

  it('records a command taken while offline and sends it when the connection returns', async () => {
    const commands = new MoneyCommands(transportOf(h.client), new Outbox(new MemoryStorage()), { timeoutMs: 1000 });
    const txId = newTxId();
    expect(await commands.send('sale', saleOf(txId))).toEqual({ state: 'pending' });
    expect(h.received).toEqual([]);
    expect(commands.outbox.list().map((e) => e.txId)).toEqual([txId]);

    await connect(h.client);
    await commands.resendPending();
    expect(h.received).toEqual([txId]);
    expect(commands.outbox.size).toBe(0);
  });

  it('forgets a command the server refused for good, and shows the refusal', async () => {
    await connect(h.client);
    const commands = new MoneyCommands(transportOf(h.client), new Outbox(new MemoryStorage()));
    h.mode.refuse = 'INSUFFICIENT_FUNDS';
    const outcome = await commands.send('sale', saleOf(newTxId()));
    expect(outcome).toEqual({ state: 'done', ack: { ok: false, code: 'INSUFFICIENT_FUNDS', message: 'INSUFFICIENT_FUNDS', missing: 150 } });
    expect(commands.outbox.size).toBe(0);
  });

  it('keeps a command the server could not handle right now, for a later resend', async () => {
    await connect(h.client);
    const commands = new MoneyCommands(transportOf(h.client), new Outbox(new MemoryStorage()));
    h.mode.refuse = 'UNAVAILABLE';
    const txId = newTxId();
    expect(await commands.send('sale', saleOf(txId))).toEqual({ state: 'pending', code: 'UNAVAILABLE' });
    h.mode.refuse = undefined;
    await commands.resendPending();
    expect(h.received).toEqual([txId, txId]);
    expect(commands.outbox.size).toBe(0);
  });

  it('a command too large for the server is refused once, here, and never resent after a reconnect', async () => {
    await connect(h.client);
    const commands = new MoneyCommands(transportOf(h.client), new Outbox(new MemoryStorage()), { timeoutMs: 150 });
    const txId = newTxId();
    const huge: SaleCommand = { ...saleOf(txId), lines: Array.from({ length: 400 }, (_, i) => ({ productId: `product-${i}-${'x'.repeat(40)}`, qty: 1 })) };
    const outcome = await commands.send('sale', huge);
    expect(outcome).toMatchObject({ state: 'done', ack: { ok: false, code: 'PAYLOAD_TOO_LARGE' } });
    expect(commands.outbox.list()).toEqual([]);
    h.client.disconnect();
    await connect(h.client);
    await commands.resendPending();
    expect(h.received).toEqual([]);
  });

  it('generates txIds the server accepts', () => {
    const ids = new Set(Array.from({ length: 100 }, newTxId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_.:-]{8,80}$/);
  });
});
