// Starts and stops one node's HTTP server. Stopping is graceful: /readyz turns 503, the server
// stops accepting connections, requests in flight finish (up to `drainMs`), idle keep-alive
// connections are closed, then the core shuts down.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Core } from '../../core/runtime/boot.js';
import { logger } from '../../core/shared/logger.js';
import { createSocketServer } from '../socket/server.js';
import { createHttpApp, type HttpAppOptions } from './app.js';

export interface HttpServerOptions extends Omit<HttpAppOptions, 'isStopping'> {
  host?: string;
  port?: number;
  /** Longest wait for requests in flight at shutdown before their connections are cut. */
  drainMs?: number;
}

export interface HttpServer {
  server: Server;
  app: Express;
  /** e.g. http://127.0.0.1:3000 (the bound port when asked for port 0). */
  url: string;
  port: number;
  /** A step run first at shutdown (e.g. closing Socket.IO), before the HTTP drain. */
  onStop(step: () => Promise<void>): void;
  /** Drains and closes the server, then closes the core. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startHttpServer(core: Core, options: HttpServerOptions = {}): Promise<HttpServer> {
  let stopping = false;
  const app = createHttpApp(core, { ...options, isStopping: () => stopping });
  const server = createServer();
  const inFlight = new Set<ServerResponse>();
  // Registered before the app so the header is set before any handler answers.
  server.on('request', (_req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });
  server.on('request', app);
  const sockets = await createSocketServer(server, core); // after the app: engine.io wraps the request listeners
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? core.config.PORT, options.host ?? core.config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? core.config.HOST;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const steps: Array<() => Promise<void>> = [() => sockets.close()];
  let stopped: Promise<void> | undefined;

  const drain = async (drainMs: number) => {
    stopping = true;
    // A response still to come on a keep-alive connection should close it afterwards.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const bound = setTimeout(() => {
      logger.warn({ inFlight: inFlight.size }, `requests still running after ${drainMs} ms: closing their connections`);
      server.closeAllConnections();
    }, drainMs);
    await closed;
    clearTimeout(bound);
  };

  return {
    server,
    app,
    url,
    port,
    onStop: (step) => steps.push(step),
    stop: () =>
      (stopped ??= (async () => {
        for (const step of steps.splice(0)) await step().catch((err) => logger.warn({ err }, 'HTTP shutdown step failed'));
        await drain(options.drainMs ?? 10_000);
        await core.close();
        logger.info('HTTP server stopped');
      })()),
  };
}
