// Opening the SQLite data file, with every reason not to start said in one line:
// - owner: the app. Takes the instance lock (one running Pass per file: the engine's guarded
//   updates rely on a single writer), checks the disk has room and can be written, then turns
//   on WAL with synchronous=FULL: a committed transaction is on disk before it is answered.
// - reader: the command-line tools (backup, verify, copy). No lock: WAL lets them read a
//   consistent snapshot while the app writes.
// Nothing is written to a file that is refused (newer schema, not a Pass file, locked).
import { accessSync, constants, existsSync, mkdirSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../config/config.js';

/** The data layout this code writes; a file of a later one is refused (an older code cannot know it). */
export const schemaVersion = 1;
/** Marks the file as Pass's (SQLite's application_id header field): "PASS". */
const applicationId = 0x50415353;

export interface OpenOptions {
  path: string;
  mode: 'owner' | 'reader';
  /** The owner refuses to start with less free space than this in the file's folder. */
  minFreeBytes?: number;
}

export interface OpenedFile {
  db: Database.Database;
  /** True when this open made the file (a new installation). */
  created: boolean;
  /** Held by the owner for its whole life; the OS drops it if the process dies. */
  lock: Database.Database | null;
  close(): void;
}

export class StoreOpenError extends ConfigError {
  override name = 'StoreOpenError';
}

export const defaultMinFreeBytes = 64 * 1024 * 1024;

export function openSqliteFile(options: OpenOptions): OpenedFile {
  const { path, mode } = options;
  if (mode === 'reader' && !existsSync(path)) throw new StoreOpenError(`no Pass data file at ${path}`);
  const lock = mode === 'owner' ? prepareOwner(path, options.minFreeBytes ?? defaultMinFreeBytes) : null;
  const created = !existsSync(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: mode === 'reader' });
    checkIdentity(db, path);
    if (mode === 'owner') {
      checkWritable(db, path);
      initialise(db, created);
    }
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536'); // 64 MB of pages: the hot part of a festival's ledger
    db.pragma('temp_store = MEMORY');
    const opened = db;
    return {
      db: opened,
      created,
      lock,
      close() {
        if (opened.open) opened.close();
        if (lock?.open) lock.close();
      },
    };
  } catch (err) {
    if (db?.open) db.close();
    if (lock?.open) lock.close();
    throw err instanceof StoreOpenError ? err : new StoreOpenError(`data file ${path}: ${describe(err)}`);
  }
}

/** The folder exists and takes writes, the disk has room, and no other Pass holds the file. */
function prepareOwner(path: string, minFreeBytes: number): Database.Database {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
  } catch (err) {
    throw new StoreOpenError(`data folder ${dir} cannot be written (${describe(err)}): check the disk and DATA_DIR`);
  }
  const free = freeBytes(dir);
  if (free !== null && free < minFreeBytes) {
    throw new StoreOpenError(`disk full: ${megabytes(free)} free at ${dir}, Pass needs at least ${megabytes(minFreeBytes)} to take payments safely`);
  }
  return takeInstanceLock(path);
}

/**
 * A second SQLite file held in an exclusive transaction for the process's life: SQLite's POSIX
 * lock on it is what tells another `npm start` that this data is in use, and the OS releases it
 * when the holder dies (kill -9 included), so a crash never leaves a stale lock behind.
 */
function takeInstanceLock(path: string): Database.Database {
  const lockPath = `${path}.lock`;
  let lock: Database.Database | undefined;
  try {
    lock = new Database(lockPath, { timeout: 0 });
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (err) {
    if (lock?.open) lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new StoreOpenError(`data file ${path} is in use by another running Pass (its lock ${lockPath} is held): stop that one first`);
    }
    throw new StoreOpenError(`data file ${path}: cannot take its lock ${lockPath} (${describe(err)})`);
  }
}

/** Refuses a file that is not Pass's, or was written by a newer Pass, before anything is written. */
function checkIdentity(db: Database.Database, path: string): void {
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (tables > 0 && appId !== applicationId) throw new StoreOpenError(`${path} is not a Pass data file (SQLite application id ${appId})`);
  if (version > schemaVersion) {
    throw new StoreOpenError(`data file ${path} was written by a newer Pass (data schema ${version}, this version reads up to ${schemaVersion}): run the newer version or restore a backup`);
  }
}

/** A read-only file or mount shows here, before the app says it is ready. */
function checkWritable(db: Database.Database, path: string): void {
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } catch (err) {
    throw new StoreOpenError(`data file ${path} cannot be written (${describe(err)}): check the disk and its permissions`);
  }
}

function initialise(db: Database.Database, created: boolean): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new StoreOpenError(`the disk does not support SQLite's WAL journal (got ${String(mode)})`);
  db.pragma('synchronous = FULL');
  // Checkpoints run from the store's thread in small steps between batches (sqlite-worker.ts),
  // not inside the commit that crosses SQLite's threshold: a payment never waits for one.
  db.pragma('wal_autocheckpoint = 0');
  if (created || (db.pragma('application_id', { simple: true }) as number) === 0) {
    db.pragma(`application_id = ${applicationId}`);
    db.pragma(`user_version = ${schemaVersion}`);
  }
}

function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null; // a file system that does not say: let SQLite report a full disk when it is
  }
}

function megabytes(bytes: number): string {
  return `${Math.floor(bytes / (1024 * 1024))} MB`;
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return [e?.code, e?.message ?? String(err)].filter(Boolean).join(': ');
}
