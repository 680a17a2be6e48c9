// What the SQLite store adds to the Store contract (store.test.ts runs that on it): the data
// outlives the process, one Pass owns a file at a time, and every reason not to start (a newer
// schema, a foreign file, a full or read-only disk) is one clear error that writes nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../shared/errors.js';
import { runBatch } from './sqlite-batch.js';
import { SqliteEngine } from './sqlite-engine.js';
import { openSqliteFile, schemaVersion, StoreOpenError } from './sqlite-file.js';
import { createSqliteStore } from './sqlite.js';
import { isDuplicateKey } from './port.js';

const root = mkdtempSync(join(tmpdir(), 'pass-sqlite-file-'));
let n = 0;
const freshPath = () => join(root, `d${++n}`, 'pass.sqlite');
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('SQLite store file', () => {
  it('gives back after a restart every document, unique index and array-holding field it had', async () => {
    const path = freshPath();
    const first = await createSqliteStore({ path });
    expect(first.created).toBe(true);
    const rows = first.collection<{ _id: string; txId?: string; tags?: string[]; n?: number }>('rows');
    await rows.ensureIndexes([
      { name: 'txId', keys: { txId: 1 }, unique: true },
      { name: 'tags', keys: { tags: 1 } },
    ]);
    await rows.insertMany([
      { _id: 'a', txId: 't1', tags: ['x', 'y'], n: 1 },
      { _id: 'b', txId: 't2', n: 2 },
    ]);
    await first.close();

    const second = await createSqliteStore({ path });
    try {
      expect(second.created).toBe(false);
      const again = second.collection<{ _id: string; txId?: string; tags?: string[] }>('rows');
      expect(await second.collectionNames()).toContain('rows');
      expect(await again.find({}, { sort: { _id: 1 } })).toStrictEqual([
        { _id: 'a', txId: 't1', tags: ['x', 'y'], n: 1 },
        { _id: 'b', txId: 't2', n: 2 },
      ]);
      await expect(again.insertOne({ _id: 'c', txId: 't1' })).rejects.toSatisfy(isDuplicateKey);
      expect((await again.find({ tags: 'y' })).map((d) => d._id)).toEqual(['a']); // an array field still matches by element
    } finally {
      await second.close();
    }
  });

  it('lets one Pass own a file: a second owner is refused in one line, a reader may read beside it', async () => {
    const path = freshPath();
    const owner = await createSqliteStore({ path });
    try {
      await owner.collection('c').insertOne({ _id: 'kept' });
      const refused = createSqliteStore({ path });
      await expect(refused).rejects.toThrow(StoreOpenError);
      await expect(refused).rejects.toThrow(/^data file .+ is in use by another running Pass \(its lock .+\.lock is held\): stop that one first$/);
      const reader = await createSqliteStore({ path, mode: 'reader' });
      expect(await reader.collection('c').find({})).toEqual([{ _id: 'kept' }]);
      await reader.close();
    } finally {
      await owner.close();
    }
    const next = await createSqliteStore({ path }); // the lock went with its owner
    await next.close();
  });

  it('refuses, without writing a byte, a file of a newer schema, a SQLite file that is not Pass’s, and one that is not SQLite', async () => {
    const newer = freshPath();
    const made = await createSqliteStore({ path: newer });
    await made.collection('c').insertOne({ _id: 'x' });
    await made.close();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${schemaVersion + 1}`);
    raw.close();
    const before = digest(newer);
    await expect(createSqliteStore({ path: newer })).rejects.toThrow(/was written by a newer Pass \(data schema 2, this version reads up to 1\)/);
    expect(digest(newer)).toBe(before);

    const foreign = freshPath();
    mkdirSync(join(foreign, '..'), { recursive: true });
    const other = new Database(foreign);
    other.exec('CREATE TABLE songs (title TEXT)');
    other.close();
    const foreignBefore = digest(foreign);
    await expect(createSqliteStore({ path: foreign })).rejects.toThrow(/is not a Pass data file/);
    expect(digest(foreign)).toBe(foreignBefore);

    const garbage = freshPath();
    mkdirSync(join(garbage, '..'), { recursive: true });
    writeFileSync(garbage, 'this is a spreadsheet, not a database'.repeat(200));
    const garbageBefore = digest(garbage);
    await expect(createSqliteStore({ path: garbage })).rejects.toThrow(StoreOpenError);
    expect(digest(garbage)).toBe(garbageBefore);
  });

  it('refuses to start with too little free disk, before creating anything', async () => {
    const path = freshPath();
    await expect(createSqliteStore({ path, minFreeBytes: Number.MAX_SAFE_INTEGER })).rejects.toThrow(/^disk full: \d+ MB free at .+, Pass needs at least \d+ MB/);
    expect(existsSync(path)).toBe(false);
  });

  it('a reader cannot create a file that is not there', async () => {
    const path = freshPath();
    await expect(createSqliteStore({ path, mode: 'reader' })).rejects.toThrow(/^no Pass data file at /);
    expect(existsSync(path)).toBe(false);
  });
});

describe('SQLite store batches', () => {
  it('answers each write of a batch with what the file keeps, when the disk fills in the middle', () => {
    const path = freshPath();
    const opened = openSqliteFile({ path, mode: 'owner', minFreeBytes: 0 });
    try {
      const engine = new SqliteEngine(opened.db);
      engine.insertOne('c', JSON.stringify({ _id: 'seed' }));
      const pages = opened.db.pragma('page_count', { simple: true }) as number;
      opened.db.pragma(`max_page_count = ${pages + 2}`); // a disk with two pages left
      const big = (id: string) => JSON.stringify({ _id: id, blob: 'x'.repeat(20_000) });
      const answers = runBatch(opened.db, engine, [
        { id: 1, collection: 'c', method: 'insertOne', args: [JSON.stringify({ _id: 'small' })] },
        { id: 2, collection: 'c', method: 'insertOne', args: [big('big1')] },
        { id: 3, collection: 'c', method: 'insertOne', args: [big('big2')] },
      ]);
      const refused = answers.filter((a) => !a.ok);
      expect(refused.length).toBeGreaterThan(0);
      for (const a of refused) expect(!a.ok && a.error.code).toMatch(/^SQLITE_FULL/);
      // Every answer is the truth about the file: ok ⇔ the document is there.
      const ids = new Set(engine.find('c', {}).map((t) => JSON.parse(t) as { _id: string }).map((d) => d._id));
      const idOf: Record<number, string> = { 1: 'small', 2: 'big1', 3: 'big2' };
      for (const a of answers) expect(ids.has(idOf[a.id]), `answer ${a.id}`).toBe(a.ok);
    } finally {
      opened.close();
    }
  });
});

// A real full disk and a real read-only one: a tiny tmpfs mounted for the test (needs root).
const canMount = (() => {
  try {
    const probe = mkdtempSync(join(tmpdir(), 'pass-mount-probe-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    rmSync(probe, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
})();
if (!canMount) console.warn('SKIPPED (mount not permitted here): SQLite store on a real full and read-only disk');

describe.skipIf(!canMount)('SQLite store on a real small disk (tmpfs)', () => {
  it('answers UNAVAILABLE once the disk is full (readiness too), keeps every write it acknowledged, and refuses to start read-only in one line', async () => {
    const mnt = mkdtempSync(join(tmpdir(), 'pass-mnt-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt]);
    try {
      const path = join(mnt, 'pass.sqlite');
      const store = await createSqliteStore({ path, minFreeBytes: 0 });
      const c = store.collection<{ _id: string; blob: string }>('rows');
      const acked: string[] = [];
      let failure: unknown = null;
      for (let i = 0; i < 400 && !failure; i++) {
        await c.insertOne({ _id: `r${i}`, blob: `${i}`.padEnd(16_000, '.') }).then(
          () => acked.push(`r${i}`),
          (err) => (failure = err),
        );
      }
      expect(failure, 'the disk never filled').not.toBeNull();
      expect(isAppError(failure) && failure.code).toBe('UNAVAILABLE');
      expect((failure as Error).message).toMatch(/SQLITE_FULL/);
      // Fill what is left with small writes: then /readyz says so too, its probe being a real write.
      let small: unknown = null;
      for (let i = 0; i < 2_000 && !small; i++) await c.insertOne({ _id: `s${i}`, blob: 'x' }).then(() => acked.push(`s${i}`), (err) => (small = err));
      expect(small, 'small writes never failed').not.toBeNull();
      await expect(store.ping()).rejects.toThrow(/SQLITE_FULL/);
      await store.close();

      execFileSync('mount', ['-o', 'remount,ro', mnt]);
      await expect(createSqliteStore({ path, minFreeBytes: 0 })).rejects.toThrow(/^data folder .+ cannot be written|^data file .+ cannot be written/);
      execFileSync('mount', ['-o', 'remount,rw', mnt]);
      const back = await createSqliteStore({ path, minFreeBytes: 0, mode: 'reader' });
      const ids = new Set((await back.collection<{ _id: string }>('rows').find({})).map((d) => d._id));
      for (const id of acked) expect(ids.has(id), id).toBe(true);
      await back.close();
    } finally {
      execFileSync('umount', ['-l', mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
});
