// The SQLite adapter of the Store port: one durable file (DATA_DIR/pass.sqlite), for a venue
// that runs Pass on one machine. The file belongs to a worker thread (sqlite-worker.ts) that
// commits in WAL mode with synchronous=FULL: an answer means the write is on disk, and an
// fsync never stalls the app's event loop. Semantics are the memory adapter's (matcher.ts);
// the shared contract suite (contract.ts) checks all adapters alike.
//   app thread ──postMessage(JSON text)──► worker: SqliteEngine on better-sqlite3 ──► file
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { AppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { PendingReplies } from './pending-replies.js';
import { StoreOpenError, type OpenOptions } from './sqlite-file.js';
import type { SqliteMethod, SqliteReady, SqliteRequest, SqliteResponse, WireError } from './sqlite-wire.js';
import { StoreDuplicateKeyError, type Collection, type Doc, type Store } from './port.js';

export interface SqliteStoreOptions {
  path: string;
  /** 'owner' (the app: locks the file, writes) or 'reader' (tools reading beside a running app). */
  mode?: OpenOptions['mode'];
  minFreeBytes?: number;
  /** Longest wait for one answer: a whole-ledger read included. */
  requestTimeoutMs?: number;
}

export interface SqliteStore extends Store {
  readonly path: string;
  /** True when this open created the file (nothing was there: a new installation). */
  readonly created: boolean;
  collectionNames(): Promise<string[]>;
}

/** Closing checkpoints the WAL into the file: seconds at most, even for a big one. */
const closeTimeoutMs = 30_000;

/** SQLite result codes that mean the disk, not the request: callers resend the same txId later. */
const diskCodes = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;

export async function createSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const link = await SqliteLink.open(options);
  let calls = 0;
  const collections = new Map<string, Collection<Doc>>();
  const call = (collection: string, method: SqliteMethod, args: unknown[]) => {
    calls++;
    return link.request(collection, method, args);
  };
  return {
    kind: 'sqlite',
    path: options.path,
    created: link.created,
    collection<T extends Doc>(name: string): Collection<T> {
      let c = collections.get(name);
      if (!c) collections.set(name, (c = sqliteCollection(name, call)));
      return c as unknown as Collection<T>;
    },
    callCount: () => calls,
    ping: async () => void (await link.request(null, 'ping', [])),
    dropAll: async () => void (await link.request(null, 'dropAll', [])),
    collectionNames: () => link.request(null, 'collectionNames', []) as Promise<string[]>,
    close: () => link.close(),
  };
}

type Call = (collection: string, method: SqliteMethod, args: unknown[]) => Promise<unknown>;

function sqliteCollection(name: string, call: Call): Collection<Doc> {
  return {
    insertOne: async (doc) => void (await call(name, 'insertOne', [JSON.stringify(doc)])),
    insertMany: (docs) => call(name, 'insertMany', [docs.map((d) => JSON.stringify(d))]) as Promise<any>,
    findOne: async (filter) => parseOrNull(await call(name, 'findOne', [filter])),
    find: async (filter, options) => ((await call(name, 'find', [filter, options])) as string[]).map((text) => JSON.parse(text)),
    count: (filter) => call(name, 'count', [filter]) as Promise<number>,
    updateOne: (filter, update, options) => call(name, 'updateOne', [filter, update, options]) as Promise<any>,
    updateMany: (filter, update) => call(name, 'updateMany', [filter, update]) as Promise<any>,
    deleteOne: (filter) => call(name, 'deleteOne', [filter]) as Promise<any>,
    deleteMany: (filter) => call(name, 'deleteMany', [filter]) as Promise<any>,
    ensureIndexes: async (indexes) => void (await call(name, 'ensureIndexes', [indexes])),
  };
}

function parseOrNull(text: unknown): any {
  return text === null ? null : JSON.parse(text as string);
}

/** The worker thread and its port; answers matched to requests by id. */
class SqliteLink {
  private readonly pending = new PendingReplies();
  private broken: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    readonly created: boolean,
    private readonly timeoutMs: number,
  ) {
    port.on('message', (responses: SqliteResponse[]) => responses.forEach((r) => this.answer(r)));
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`sqlite store worker stopped (exit code ${code})`)));
  }

  /** Starts the worker; resolves once the file is open and locked, or rejects with why not. */
  static async open(options: SqliteStoreOptions): Promise<SqliteLink> {
    const channel = new MessageChannel();
    const worker = new Worker(new URL('./sqlite-worker-entry.mjs', import.meta.url), {
      execArgv: [], // the entry registers the TypeScript loader itself, wherever it runs
      workerData: { path: options.path, mode: options.mode ?? 'owner', minFreeBytes: options.minFreeBytes, port: channel.port2 },
      transferList: [channel.port2],
    });
    const ready = await new Promise<SqliteReady>((resolve, reject) => {
      channel.port1.once('message', resolve);
      worker.once('error', reject);
      // An answer already on its way wins over the exit that may follow it.
      worker.once('exit', (code) => setTimeout(() => reject(new StoreOpenError(`data file ${options.path}: the store's thread stopped at start (exit code ${code})`)), 50));
    });
    if (!ready.ready) {
      await worker.terminate();
      channel.port1.close();
      throw ready.error.name === 'StoreOpenError' ? new StoreOpenError(ready.error.message) : toError(ready.error);
    }
    worker.removeAllListeners();
    return new SqliteLink(worker, channel.port1, ready.created, options.requestTimeoutMs ?? 120_000);
  }

  request(collection: string | null, method: SqliteMethod, args: unknown[], timeoutMs = this.timeoutMs): Promise<unknown> {
    if (this.broken) return Promise.reject(unavailable(this.broken.message));
    return this.pending.add(
      timeoutMs,
      () => unavailable(`no answer to ${method} in ${timeoutMs} ms`),
      (id) => this.port.postMessage({ id, collection, method, args } satisfies SqliteRequest),
    );
  }

  /** Answers what was asked before, refuses what is asked after, then closes the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = this.broken ? Promise.resolve() : this.request(null, 'close', [], closeTimeoutMs);
      this.broken ??= new Error('sqlite store is closed');
      await closed.catch((err) => logger.warn({ err }, 'closing the sqlite store failed'));
      this.port.close();
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private answer(response: SqliteResponse): void {
    this.pending.settle(response.id, response.ok ? response : { ok: false, error: toError(response.error) });
  }

  private fail(err: Error): void {
    if (this.broken) return;
    this.broken = err;
    logger.error({ err }, 'sqlite store thread stopped: every store call fails until the process restarts');
    this.pending.failAll(() => unavailable(err.message));
  }
}

function toError(error: WireError): Error {
  if (error.name === 'StoreDuplicateKeyError') return new StoreDuplicateKeyError(error.message);
  if (error.code && diskCodes.test(error.code)) return unavailable(`${error.code}: ${error.message}`);
  const err = new Error(error.message);
  err.name = error.name;
  return err;
}

function unavailable(why: string): AppError {
  return new AppError('UNAVAILABLE', `store unavailable: ${why}`);
}
