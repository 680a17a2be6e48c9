// A shared in-memory store for harnesses: one process holds one createMemoryStore() and serves
// the Store port (core/store/remote-wire.ts) to any number of app processes, which select it by
// configuration only (STORE=remote, STORE_URL=tcp://127.0.0.1:<port>). It is the "database" of
// `npm run chaos`: app nodes die and come back, it stays. Not for production: memory only.
//   tsx bench/store-server.ts [--port 0] [--host 127.0.0.1] [--socket /path/to.sock]
// Prints `STORE_URL=<url>` once listening. It never outlives its parent: it exits when the IPC
// channel closes (forked) or when it is re-parented (the parent died, even by kill -9).
import { createServer, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createMemoryStore } from '../core/store/memory.js';
import type { Store } from '../core/store/port.js';
import { FrameReader, encodeFrame, storeMethods, type StoreRequest, type StoreResponse } from '../core/store/remote-wire.js';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    socket: { type: 'string' },
  },
});

const store = createMemoryStore();
const connections = new Set<Socket>();
const server = createServer((socket) => serve(socket, store));

if (args.socket) {
  rmSync(args.socket, { force: true });
  server.listen(args.socket, () => announce(`unix://${args.socket}`));
} else {
  server.listen(Number(args.port), args.host, () => {
    const { port } = server.address() as { port: number };
    announce(`tcp://${args.host}:${port}`);
  });
}
exitWithParent();

function announce(url: string): void {
  process.stdout.write(`STORE_URL=${url}\n`);
}

/** Answers each frame of one connection; requests are independent, answers go out as they finish. */
function serve(socket: Socket, target: Store): void {
  connections.add(socket);
  socket.setNoDelay(true);
  const reader = new FrameReader();
  socket.on('data', (chunk) => {
    let frames: unknown[];
    try {
      frames = reader.push(chunk);
    } catch {
      socket.destroy(); // a client speaking something else: drop it, keep serving the others
      return;
    }
    for (const frame of frames) {
      const request = frame as StoreRequest;
      void answer(target, request).then((response) => {
        if (!socket.destroyed) socket.write(encodeFrame(response));
      });
    }
  });
  socket.on('error', () => undefined);
  socket.on('close', () => connections.delete(socket));
}

async function answer(target: Store, request: StoreRequest): Promise<StoreResponse> {
  try {
    return { id: request.id, ok: true, value: await run(target, request) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { id: request.id, ok: false, error: { name: e.name, message: e.message } };
  }
}

function run(target: Store, request: StoreRequest): Promise<unknown> {
  if (request.collection === null) {
    if (request.method === 'ping') return target.ping();
    if (request.method === 'dropAll') return target.dropAll();
    throw new Error(`unknown store method ${String(request.method)}`);
  }
  if (typeof request.collection !== 'string' || !storeMethods.includes(request.method) || !Array.isArray(request.args)) {
    throw new Error(`malformed request for ${String(request.method)}`);
  }
  const collection = target.collection(request.collection) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  return collection[request.method](...request.args);
}

function exitWithParent(): void {
  const stop = () => {
    for (const socket of connections) socket.destroy();
    server.close();
    process.exit(0);
  };
  if (process.send) process.on('disconnect', stop);
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 250).unref();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
