// The Socket.IO server of an app node: websocket first (no sticky sessions needed, DESIGN.md),
// polling as a fallback; with REDIS_URL, the Redis adapter (its own pub/sub connections) lets a
// room span every node. Namespaces are attached from one list: /terminal here; /display and
// /dashboard add one line each to `socketNamespaces` (or pass `namespaces`).
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { within } from '../../core/runtime/within.js';
import { limits } from '../../core/shared/limits.js';
import { logger } from '../../core/shared/logger.js';
import { attachTerminalNamespace, type TerminalCore } from './terminal.js';
import { attachLiveNamespaces } from './live-namespaces.js';

/** Attaches one namespace to the server, using what it needs of the core. */
export type AttachNamespace<C> = (io: Server, core: C) => unknown;

/** What the server itself reads of the core (when present); the namespaces read more (e.g. TerminalCore). */
export interface SocketCore {
  config?: { REDIS_URL?: string; REDIS_PREFIX?: string };
}

/** Every namespace an app node serves. */
export const socketNamespaces: Array<AttachNamespace<any>> = [
  (io, core: TerminalCore & { config?: { TERMINAL_COMMANDS_PER_SEC?: number } }) => {
    const perSecond = core.config?.TERMINAL_COMMANDS_PER_SEC ?? 20;
    return attachTerminalNamespace(io, core, { commandsPerSecond: perSecond, commandBurst: 2 * perSecond });
  },
  (io, core) => attachLiveNamespaces(io, core),
];

export interface SocketServer {
  io: Server;
  /** Closes sockets and Redis connections (not the HTTP server, which its owner closes). */
  close(): Promise<void>;
}

const attached = new WeakMap<HttpServer, Promise<SocketServer>>();

/**
 * The Socket.IO server of `httpServer`, created once: the HTTP gateway creates it for every node,
 * and a second call (e.g. a harness that also asks for it) gets the same server, since two
 * engines on one HTTP server would both answer the same upgrades.
 */
export function createSocketServer<C extends object>(
  httpServer: HttpServer,
  core: C,
  options: { namespaces?: Array<AttachNamespace<C>>; redisUrl?: string } = {},
): Promise<SocketServer> {
  const existing = attached.get(httpServer);
  if (existing) {
    if (options.namespaces) throw new Error('this HTTP server already has its Socket.IO server: add namespaces to socketNamespaces');
    return existing;
  }
  const created = startSocketServer(httpServer, core, options);
  attached.set(httpServer, created);
  created.catch(() => attached.delete(httpServer));
  return created;
}

async function startSocketServer<C extends object>(httpServer: HttpServer, core: C, options: { namespaces?: Array<AttachNamespace<C>>; redisUrl?: string }): Promise<SocketServer> {
  const config = (core as SocketCore).config;
  const redisUrl = options.redisUrl ?? config?.REDIS_URL;
  const clients: Redis[] = [];
  const quitRedis = () => Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  if (redisUrl) {
    // No per-command retry limit: while Redis is away the adapter queues instead of rejecting into the void.
    const pub = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    clients.push(pub, pub.duplicate());
    for (const c of clients) c.on('error', (err) => logger.warn({ err }, 'socket.io redis adapter connection error'));
    await Promise.all(clients.map((c) => (c.status === 'wait' ? c.connect() : undefined))).catch(async (err) => {
      await quitRedis();
      throw err;
    });
  }
  const io = new Server(httpServer, {
    transports: ['websocket', 'polling'],
    maxHttpBufferSize: limits.socketFrameBytes,
    serveClient: false,
  });
  if (redisUrl) io.adapter(createAdapter(clients[0], clients[1], { key: `${config?.REDIS_PREFIX ?? 'pass'}:socket.io` }));
  for (const attach of options.namespaces ?? socketNamespaces) await attach(io, core);
  let closed: Promise<void> | undefined;
  return {
    io,
    close: () =>
      (closed ??= (async () => {
        await closeSockets(io);
        await quitRedis();
      })()),
  };
}

/**
 * Disconnects this node's sockets and stops the engine without closing the shared HTTP server.
 * Only local sockets: `nsp.disconnectSockets()` would go through the adapter to every node.
 */
async function closeSockets(io: Server): Promise<void> {
  for (const nsp of io._nsps.values()) {
    for (const socket of nsp.sockets.values()) socket.disconnect(true);
    // Bounded: with Redis away, the adapter's unsubscribe waits for a reconnection that may never come.
    await within(Promise.resolve(nsp.adapter.close()), 1_000, 'socket.io adapter close').catch((err) => logger.warn({ err: String(err) }, 'closing a socket.io adapter failed'));
  }
  io.engine.close();
}
