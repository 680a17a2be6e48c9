// The messages between the SQLite store (the app's thread, sqlite.ts) and its worker thread
// (sqlite-worker.ts). Documents cross as JSON text (one native stringify on the app's side, a
// cheap string copy across threads); filters and updates are small and cross as objects.

import type { Collection } from './port.js';

/** A Collection method, or one of the store-wide ones. */
export type SqliteMethod = keyof Collection | 'ping' | 'dropAll' | 'collectionNames' | 'close';

export interface SqliteRequest {
  id: number;
  collection: string | null;
  method: SqliteMethod;
  args: unknown[];
}

export type SqliteResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

export interface WireError {
  name: string;
  message: string;
  /** SQLite's result code (SQLITE_FULL, SQLITE_IOERR...) when SQLite refused. */
  code?: string;
}

/** What the worker says once, before any answer: the file is open and locked, or why not. */
export type SqliteReady = { ready: true; path: string; created: boolean } | { ready: false; error: WireError };

/** Methods that write: each runs in its own savepoint of the batch's transaction. */
export const writeMethods: ReadonlySet<SqliteMethod> = new Set(['insertOne', 'insertMany', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'ensureIndexes', 'dropAll', 'ping']);

/** Methods that cannot run inside a transaction: the batch is committed before them. */
export const outsideTransaction: ReadonlySet<SqliteMethod> = new Set(['close']);

export function toWireError(err: unknown): WireError {
  const e = err as { name?: string; message?: string; code?: unknown };
  return { name: e?.name ?? 'Error', message: e?.message ?? String(err), ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
}
