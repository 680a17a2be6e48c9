// Live views end to end: a festival seeded through the real API (points of sale, products,
// terminals paired over HTTP, cards topped up by a terminal), dashboard clients on /dashboard
// with the admin's session cookie, and the dashboard UI's own BoardFeed driven by them.
import { randomUUID } from 'node:crypto';
import { io as connectClient, type Socket } from 'socket.io-client';
import { BoardFeed, type SubscribeAck } from '../../ui/dashboard/board-feed.js';
import type { BoardDelta } from '../../core/live/collective-actor.js';
import { collectiveWithAdmin, login, type BootedNode } from './boot.js';
import type { TerminalClient } from './terminal.js';

export interface Festival {
  collectiveId: string;
  name: string;
  email: string;
  password: string;
  cookie: string;
  posIds: string[];
  products: Array<{ id: string; name: string; price: number }>;
  cards: string[];
}

export const festivalProducts = [
  { name: 'Bière', category: 'Boissons', price: 350, vatRate: 2000 },
  { name: 'Crêpe', category: 'Cuisine', price: 400, vatRate: 1000 },
  { name: 'Limonade', category: 'Boissons', price: 250, vatRate: 550 },
];

/** A collective with its admin, local currency, points of sale with every product, and registered cards. */
export async function seedFestival(node: BootedNode, options: { name?: string; pos?: string[]; cards?: number } = {}): Promise<Festival> {
  const name = options.name ?? 'Festival Lumière';
  const admin = await collectiveWithAdmin(node.core, name);
  const { collectiveId } = admin;
  await node.core.currencies.defineCollectiveCurrencies(collectiveId, 'Lumen', name);
  const cookie = await login(node.url, admin.email, admin.password);
  const call = (method: string, path: string, body?: unknown) => apiCall(node.url, method, path, cookie, body);
  const posIds: string[] = [];
  for (const posName of options.pos ?? ['Grand bar']) posIds.push((await call('POST', `/api/collectives/${collectiveId}/pos`, { name: posName })).pos.id);
  const products: Festival['products'] = [];
  for (const p of festivalProducts) {
    const made = (await call('POST', `/api/collectives/${collectiveId}/products`, p)).product;
    products.push({ id: made.id, name: made.name, price: made.price });
    for (const posId of posIds) await call('PUT', `/api/collectives/${collectiveId}/pos/${posId}/products/${made.id}`, { order: products.length });
  }
  const cards: string[] = [];
  for (let i = 0; i < (options.cards ?? 2); i++) {
    const uid = `C0FE${i.toString(16).toUpperCase().padStart(4, '0')}`;
    await node.core.pass.registerCard({ uid, number: `LUM-${String(i + 1).padStart(4, '0')}`, issuerId: collectiveId });
    cards.push(uid);
  }
  return { collectiveId, name, email: admin.email, password: admin.password, cookie, posIds, products, cards };
}

/** Pairs a terminal of the POS over HTTP (admin code, then the device's exchange) and connects it. */
export async function pairedTerminal(url: string, cookie: string, posId: string): Promise<TerminalClient> {
  const { pairingCode } = await apiCall(url, 'POST', `/api/pos/${posId}/terminals`, cookie, { name: 'Caisse' });
  const { token } = await apiCall(url, 'POST', '/api/terminals/pair', undefined, { pairingCode, name: `Caisse ${posId.slice(-4)}` });
  const client: TerminalClient = connectClient(`${url}/terminal`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('connect_error', reject);
  });
  return client;
}

/** A terminal command with its ack; fails the test on a refusal. */
export async function command(terminal: TerminalClient, event: 'sale' | 'topup' | 'refund', payload: Record<string, unknown>): Promise<any> {
  const ack = await (terminal as Socket).timeout(10_000).emitWithAck(event, { txId: randomUUID(), ...payload });
  if (!ack?.ok) throw new Error(`${event} refused: ${JSON.stringify(ack)}`);
  return ack;
}

/** A /dashboard client presenting the admin's session cookie at the handshake, as a browser does. */
export function dashboardClient(url: string, cookie: string, options: { reconnection?: boolean } = {}): Socket {
  return connectClient(`${url}/dashboard`, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: options.reconnection ?? false });
}

/** The dashboard UI's BoardFeed over a socket: subscribes on every connection, applies every delta. */
export function followBoard(socket: Socket, collectiveId: string, timezone = 'Europe/Paris'): BoardFeed {
  const feed = new BoardFeed({
    collectiveId,
    timezone,
    request: (event, payload) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<SubscribeAck>,
  });
  socket.on('board:delta', (delta: BoardDelta) => feed.onDelta(delta));
  socket.on('connect', () => void feed.subscribe());
  if (socket.connected) void feed.subscribe();
  return feed;
}

/** Resolves once `test` holds, checking every few milliseconds; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, test: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function apiCall(url: string, method: string, path: string, cookie: string | undefined, body?: unknown): Promise<any> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}
