// The SQLite store's own thread: it owns the connection, as a database server owns its files,
// so an fsync never blocks the app's event loop. Requests are taken in batches: the first one
// waiting, then every other already queued (up to a bound), answered together after one
// commit (sqlite-batch.ts).
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { runBatch } from './sqlite-batch.js';
import { SqliteEngine } from './sqlite-engine.js';
import { openSqliteFile, type OpenOptions, type OpenedFile } from './sqlite-file.js';
import { outsideTransaction, toWireError, type SqliteReady, type SqliteRequest, type SqliteResponse } from './sqlite-wire.js';

export interface WorkerData extends OpenOptions {
  port: MessagePort;
}

/** Requests answered in one transaction at most: bounds the latency a long batch adds. */
const maxBatch = 256;
/** How often the WAL is copied into the file: short steps, each a few milliseconds. */
const checkpointEveryMs = 200;

const { port, ...options } = workerData as WorkerData;
let file: OpenedFile;
let engine: SqliteEngine;
try {
  file = openSqliteFile(options);
  engine = new SqliteEngine(file.db);
  port.postMessage({ ready: true, path: options.path, created: file.created } satisfies SqliteReady);
  port.on('message', (first: SqliteRequest) => serve(first));
  setInterval(checkpoint, checkpointEveryMs).unref();
} catch (err) {
  // The port stays open: the app's thread reads this answer, then ends the thread. Closing it
  // here could let the thread's exit arrive before the answer.
  port.postMessage({ ready: false, error: toWireError(err) } satisfies SqliteReady);
}

function serve(first: SqliteRequest): void {
  let next: SqliteRequest | null = first;
  while (next) {
    if (next.method === 'close') return closeFile(next);
    const batch: SqliteRequest[] = [next];
    for (next = take(); next && batch.length < maxBatch && !outsideTransaction.has(next.method); next = take()) batch.push(next);
    answer(runSafely(batch));
  }
}

/** Copies the WAL's committed pages into the file; PASSIVE never waits for a reader (a backup). */
function checkpoint(): void {
  try {
    if (file.db.open && !file.db.inTransaction) file.db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // a busy or full disk: the next step tries again, and commits still go to the WAL
  }
}

/** A batch that could not even start (BEGIN refused: an I/O error) fails alone; the thread goes on. */
function runSafely(batch: SqliteRequest[]): SqliteResponse[] {
  try {
    return runBatch(file.db, engine, batch);
  } catch (err) {
    const error = toWireError(err);
    try {
      if (file.db.inTransaction) file.db.exec('ROLLBACK');
      engine.resync();
    } catch {
      // the disk refuses even that: every later batch will say so in its own answers
    }
    return batch.map((r) => ({ id: r.id, ok: false, error }));
  }
}

function take(): SqliteRequest | null {
  return (receiveMessageOnPort(port)?.message as SqliteRequest | undefined) ?? null;
}

/** One message per batch: the app's thread wakes once for all its answers. */
function answer(responses: SqliteResponse[]): void {
  port.postMessage(responses);
}

/** Closes the file (a final checkpoint), answers, and lets the thread end. */
function closeFile(request: SqliteRequest): void {
  let response: SqliteResponse = { id: request.id, ok: true, value: null };
  try {
    file.close();
  } catch (err) {
    response = { id: request.id, ok: false, error: toWireError(err) };
  }
  answer([response]);
  port.close();
}

