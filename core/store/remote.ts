// The remote store: the Store port over a TCP (or unix) socket to one shared in-memory store
// server (bench/store-server.ts). It lets several app processes share one database in
// harnesses (`npm run chaos`) where the embedded jongodb is too slow past ~1,000 documents
// (DESIGN "Stack facts"). Not for production: the data lives in the server's memory.
// Requests are pipelined (sent at once, answered by id); a lost connection fails the requests
// in flight (their outcome is unknown, as with a MongoDB network error: callers reload) and the
// next request reconnects, with a bounded number of attempts.
import { connect, type Socket } from 'node:net';
import { PendingReplies } from './pending-replies.js';
import { FrameReader, encodeFrame, parseStoreUrl, type StoreMethod, type StoreRequest, type StoreResponse } from './remote-wire.js';
import { StoreDuplicateKeyError, type Collection, type Doc, type Store } from './port.js';

export interface RemoteStoreOptions {
  /** tcp://127.0.0.1:<port> or unix:///path/to.sock */
  url: string;
  /** Connection attempts before a request fails (first connect and each reconnect). */
  connectAttempts?: number;
  /** First delay between attempts; doubles up to 1 s. */
  retryDelayMs?: number;
  /** Longest wait for one answer (a whole-ledger read included). */
  requestTimeoutMs?: number;
}

export class RemoteStoreUnavailableError extends Error {
  override name = 'RemoteStoreUnavailableError';
}

/** Connects (with retries) and returns the Store; rejects if the server cannot be reached. */
export async function createRemoteStore(options: RemoteStoreOptions): Promise<Store> {
  const link = new Link(options);
  await link.connected();
  let calls = 0;
  const collections = new Map<string, Collection<Doc>>();
  const call = (collection: string, method: StoreMethod, args: unknown[]) => {
    calls++;
    return link.request({ collection, method, args });
  };
  return {
    kind: 'memory', // the data's nature: in a server's memory, gone when it stops
    collection<T extends Doc>(name: string): Collection<T> {
      let c = collections.get(name);
      if (!c) collections.set(name, (c = remoteCollection(name, call)));
      return c as unknown as Collection<T>;
    },
    callCount: () => calls,
    ping: async () => void (await link.request({ collection: null, method: 'ping', args: [] })),
    dropAll: async () => void (await link.request({ collection: null, method: 'dropAll', args: [] })),
    close: () => link.close(),
  };
}

type Call = (collection: string, method: StoreMethod, args: unknown[]) => Promise<unknown>;

function remoteCollection(name: string, call: Call): Collection<Doc> {
  // Trailing undefined options are dropped: JSON would turn them into null.
  const send = (method: StoreMethod, ...args: unknown[]) => {
    while (args.length && args[args.length - 1] === undefined) args.pop();
    return call(name, method, args) as Promise<any>;
  };
  return {
    insertOne: (doc) => send('insertOne', doc),
    insertMany: (docs) => send('insertMany', docs),
    findOne: (filter) => send('findOne', filter),
    find: (filter, options) => send('find', filter, options),
    count: (filter) => send('count', filter),
    updateOne: (filter, update, options) => send('updateOne', filter, update, options),
    updateMany: (filter, update) => send('updateMany', filter, update),
    deleteOne: (filter) => send('deleteOne', filter),
    deleteMany: (filter) => send('deleteMany', filter),
    ensureIndexes: (indexes) => send('ensureIndexes', indexes),
  };
}

type Outgoing = { collection: string; method: StoreMethod; args: unknown[] } | { collection: null; method: 'ping' | 'dropAll'; args: [] };

/** One socket to the server, reopened on demand; answers matched to requests by id. */
class Link {
  private socket: Socket | null = null;
  private opening: Promise<Socket> | null = null;
  private readonly pending = new PendingReplies();
  private closed = false;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: RemoteStoreOptions) {
    parseStoreUrl(options.url); // a malformed URL fails here, not on first use
    this.attempts = options.connectAttempts ?? 10;
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.timeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  async connected(): Promise<void> {
    await this.open();
  }

  async request(outgoing: Outgoing): Promise<unknown> {
    if (this.closed) throw new RemoteStoreUnavailableError('remote store is closed');
    const socket = await this.open();
    return this.pending.add(
      this.timeoutMs,
      () => new RemoteStoreUnavailableError(`remote store did not answer ${outgoing.method} in ${this.timeoutMs} ms`),
      (id) => socket.write(encodeFrame({ id, ...outgoing } as StoreRequest)),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const socket = this.socket;
    this.socket = null;
    this.failAll('remote store is closed');
    if (socket && !socket.destroyed) await new Promise<void>((resolve) => socket.end(() => resolve()));
  }

  private open(): Promise<Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    this.opening ??= this.dial().finally(() => (this.opening = null));
    return this.opening;
  }

  private async dial(): Promise<Socket> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (this.closed) break;
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1_000, this.retryDelayMs * 2 ** (attempt - 1))));
      try {
        const socket = await connectOnce(this.options.url);
        this.adopt(socket);
        return socket;
      } catch (err) {
        lastError = err;
      }
    }
    throw new RemoteStoreUnavailableError(`remote store unreachable at ${this.options.url} after ${this.attempts} attempts: ${String((lastError as Error)?.message ?? lastError)}`);
  }

  private adopt(socket: Socket): void {
    const reader = new FrameReader();
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      let frames: unknown[];
      try {
        frames = reader.push(chunk);
      } catch (err) {
        socket.destroy(err as Error);
        return;
      }
      for (const frame of frames) this.answer(frame as StoreResponse);
    });
    socket.on('error', () => undefined); // 'close' follows and does the work
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failAll('remote store connection lost: the outcome of requests in flight is unknown');
    });
    this.socket = socket;
  }

  private answer(response: StoreResponse): void {
    this.pending.settle(response.id, response.ok ? response : { ok: false, error: toError(response.error) });
  }

  private failAll(message: string): void {
    this.pending.failAll(() => new RemoteStoreUnavailableError(message));
  }
}

function connectOnce(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(parseStoreUrl(url) as never);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function toError(error: { name: string; message: string }): Error {
  if (error.name === 'StoreDuplicateKeyError') return new StoreDuplicateKeyError(error.message);
  const err = new Error(error.message);
  err.name = error.name;
  return err;
}
