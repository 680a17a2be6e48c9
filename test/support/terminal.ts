// A one-node POS system behind a real Socket.IO server on port 0, and real terminal clients
// (protocol v1). Reusable by any test that needs paired terminals.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { systemClock, type Clock } from '../../core/clock/port.js';
import type { Bus } from '../../core/bus/port.js';
import { createMemoryStore } from '../../core/store/memory.js';
import type { Store } from '../../core/store/port.js';
import { createSocketServer, type SocketServer } from '../../gateways/socket/server.js';
import { ReceiptService } from '../../core/receipts/index.js';
import { attachTerminalNamespace, type TerminalCore, type TerminalNamespaceOptions } from '../../gateways/socket/terminal.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../gateways/socket/terminal-protocol.js';
import { moneyNode, type MoneyNode } from './money.js';

export type TerminalClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TerminalHarness {
  url: string;
  node: MoneyNode;
  core: TerminalCore;
  http: HttpServer;
  sockets: SocketServer;
  /** A new paired terminal of the POS: its token and id. */
  pair(posId: string, collectiveId: string, name?: string): Promise<{ token: string; terminalId: string; offlineKey: string }>;
  /** A terminal client (websocket transport, no automatic reconnection unless asked). */
  client(auth: Record<string, unknown>, options?: { reconnection?: boolean }): TerminalClient;
  /** Resolves once connected; rejects with the connect_error (its message is the refusal code). */
  connected(client: TerminalClient): Promise<TerminalClient>;
  /** A new terminal of the POS, paired and connected. */
  terminal(posId: string, collectiveId: string): Promise<{ socket: TerminalClient; terminalId: string; token: string; offlineKey: string }>;
  close(): Promise<void>;
}

export async function terminalHarness(
  options: { store?: Store; bus?: Bus; clock?: Clock; namespace?: TerminalNamespaceOptions; dayCutoffOf?: (collectiveId: string) => Promise<number> } = {},
): Promise<TerminalHarness> {
  const clock = options.clock ?? systemClock;
  const node = await moneyNode(options.store ?? createMemoryStore(), { bus: options.bus, clock, groupCommitMs: 1, dayCutoffOf: options.dayCutoffOf });
  const receipts = new ReceiptService({
    store: node.store, clock, pos: node.pos, catalog: node.catalog, ledger: node.ledger, pass: node.pass, timezoneOf: async () => 'Europe/Paris',
    identityOf: async (id) => ({ name: id }), terminalName: async (id) => (await node.store.collection<{ _id: string; name: string }>('terminals').findOne({ _id: id }))?.name,
  });
  await receipts.start();
  const core: TerminalCore = { ...node, clock, receipts, collectives: { langOf: async () => 'fr' } };
  const http = createServer();
  const sockets = await createSocketServer(http, core, { namespaces: [(io, c) => attachTerminalNamespace(io, c, options.namespace)] });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: TerminalClient[] = [];

  const harness: TerminalHarness = {
    url,
    node,
    core,
    http,
    sockets,
    async pair(posId, collectiveId, name = 'Caisse 1') {
      const { pairingCode } = await node.terminals.createTerminal(posId, collectiveId);
      const { token, terminalId, offlineKey } = await node.terminals.pair(pairingCode, name, `test-${Math.random()}`);
      return { token, terminalId, offlineKey };
    },
    client(auth, clientOptions = {}) {
      const c: TerminalClient = connectClient(`${url}/terminal`, { transports: ['websocket'], auth, forceNew: true, reconnection: clientOptions.reconnection ?? false });
      clients.push(c);
      return c;
    },
    connected(client) {
      return new Promise((resolve, reject) => {
        if (client.connected) return resolve(client);
        client.once('connect', () => resolve(client));
        client.once('connect_error', reject);
      });
    },
    async terminal(posId, collectiveId) {
      const { token, terminalId, offlineKey } = await harness.pair(posId, collectiveId);
      return { socket: await harness.connected(harness.client({ token })), terminalId, token, offlineKey };
    },
    async close() {
      clients.forEach((c) => c.close());
      await sockets.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await node.stop();
    },
  };
  return harness;
}

/** The ack of a command that must succeed (a refusal fails the test with the ack itself). */
export async function okAck<T extends { ok: boolean }>(ack: Promise<T>): Promise<Extract<T, { ok: true }>> {
  const res = await ack;
  if (!res.ok) throw new Error(`refused: ${JSON.stringify(res)}`);
  return res as Extract<T, { ok: true }>;
}
