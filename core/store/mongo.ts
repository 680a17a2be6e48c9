// The MongoDB adapter of the Store port: a dedicated mongoose connection and the native
// collections behind it (documents in and out as plain objects, no schema, no __v). It keeps to
// what both real MongoDB and the embedded jongodb server support (DESIGN "Stack facts"): no
// `create` command (collections appear on first write), no $push/$pull, no transactions.
// Semantics are the memory adapter's; the shared contract suite (contract.ts) checks both.
import mongoose from 'mongoose';
import {
  StoreDuplicateKeyError,
  type Collection,
  type Condition,
  type Doc,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type InsertManyResult,
  type Store,
  type Update,
} from './port.js';

export interface MongoStoreOptions {
  url: string;
  /** Defaults to the database named in the URL. */
  dbName?: string;
  serverSelectionTimeoutMs?: number;
}

type NativeDoc = mongoose.mongo.Document;
type NativeCollection = mongoose.mongo.Collection<NativeDoc>;
type NativeDb = mongoose.mongo.Db;

const duplicateKeyCode = 11000;
const commandNotFoundCode = 59;
const namespaceNotFoundCode = 26;

export async function createMongoStore(options: MongoStoreOptions): Promise<Store> {
  const connection = await mongoose
    .createConnection(options.url, {
      dbName: options.dbName,
      autoCreate: false,
      autoIndex: false,
      // `undefined` fields are left out, as the memory adapter reads them back: missing.
      ignoreUndefined: true,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    })
    .asPromise();
  const db = connection.db!;
  const counter = { calls: 0 };
  const collections = new Map<string, MongoCollection<Doc>>();
  let closed: Promise<void> | undefined;
  return {
    kind: 'mongo',
    collection<T extends Doc>(name: string): Collection<T> {
      let c = collections.get(name);
      if (!c) collections.set(name, (c = new MongoCollection<Doc>(db.collection(name), counter)));
      return c as unknown as Collection<T>;
    },
    callCount: () => counter.calls,
    async ping() {
      await db.command({ ping: 1 }); // not counted, as in memory: readiness probes are not store work
    },
    async dropAll() {
      for (const name of await collectionNames(db, [...collections.keys()])) await dropCollection(db.collection(name));
    },
    close: () => (closed ??= connection.close()),
  };
}

class MongoCollection<T extends Doc> implements Collection<T> {
  constructor(
    private readonly native: NativeCollection,
    private readonly counter: { calls: number },
  ) {}

  async insertOne(doc: T): Promise<void> {
    this.counter.calls++;
    try {
      await this.native.insertOne({ ...doc } as NativeDoc);
    } catch (err) {
      throw asDuplicate(err);
    }
  }

  async insertMany(docs: T[]): Promise<InsertManyResult> {
    this.counter.calls++;
    const duplicates: number[] = [];
    if (docs.length) await this.insertUnordered(docs, 0, duplicates);
    return { inserted: docs.length - duplicates.length, duplicates: duplicates.sort((a, b) => a - b) };
  }

  async findOne(filter: Filter): Promise<T | null> {
    this.counter.calls++;
    return (await this.native.findOne(nativeFilter(filter))) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    this.counter.calls++;
    let cursor = this.native.find(nativeFilter(filter));
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async count(filter: Filter): Promise<number> {
    this.counter.calls++;
    return this.native.countDocuments(nativeFilter(filter));
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}) {
    this.counter.calls++;
    // Without an _id MongoDB would invent an ObjectId; as in memory, such an upsert may only update.
    const upsert = (options.upsert ?? false) && upsertsWithId(filter, update);
    const run = () => this.native.updateOne(nativeFilter(filter), nativeUpdate(update), { upsert });
    try {
      let res;
      try {
        res = await run();
      } catch (err) {
        // Two upserts of one new _id race: the loser is refused by the _id index; retried, it
        // now finds the winner's document and updates it (as the memory adapter, one at a time).
        if (!upsert || codeOf(err) !== duplicateKeyCode) throw err;
        res = await run();
      }
      if (options.upsert && !upsert && !res.matchedCount) throw new Error('mongo store: upsert needs an _id in the filter');
      return { matched: res.matchedCount, upserted: res.upsertedCount > 0 };
    } catch (err) {
      throw asDuplicate(err);
    }
  }

  async updateMany(filter: Filter, update: Update) {
    this.counter.calls++;
    try {
      return { matched: (await this.native.updateMany(nativeFilter(filter), nativeUpdate(update))).matchedCount };
    } catch (err) {
      throw asDuplicate(err);
    }
  }

  async deleteOne(filter: Filter) {
    this.counter.calls++;
    return { deleted: (await this.native.deleteOne(nativeFilter(filter))).deletedCount };
  }

  async deleteMany(filter: Filter) {
    this.counter.calls++;
    return { deleted: (await this.native.deleteMany(nativeFilter(filter))).deletedCount };
  }

  async ensureIndexes(indexes: IndexSpec[]): Promise<void> {
    this.counter.calls++;
    try {
      for (const spec of indexes) await this.native.createIndex(spec.keys, { name: spec.name, unique: spec.unique ?? false });
    } catch (err) {
      throw asDuplicate(err); // existing documents break the new unique index
    }
  }

  /**
   * Unordered insert of docs[0..] (at `offset` in the caller's batch). MongoDB writes every
   * document but the duplicates and names them (writeErrors). jongodb refuses the whole batch
   * on one duplicate without saying which: the batch is split in halves, left before right so
   * the first of two equal keys wins, until each refused document stands alone. Duplicates are
   * rare (a replayed txId, a stale writer), so this costs a few extra round trips only then.
   */
  private async insertUnordered(docs: T[], offset: number, duplicates: number[]): Promise<void> {
    try {
      await this.native.insertMany(
        docs.map((d) => ({ ...d }) as NativeDoc),
        { ordered: false },
      );
      return;
    } catch (err) {
      const writeErrors = writeErrorsOf(err);
      if (writeErrors.length) {
        if (writeErrors.some((e) => e.code !== duplicateKeyCode)) throw err;
        for (const e of writeErrors) duplicates.push(offset + e.index);
        return;
      }
      if (codeOf(err) !== duplicateKeyCode) throw err;
    }
    if (docs.length === 1) {
      duplicates.push(offset);
      return;
    }
    const half = Math.ceil(docs.length / 2);
    await this.insertUnordered(docs.slice(0, half), offset, duplicates);
    await this.insertUnordered(docs.slice(half), offset + half, duplicates);
  }
}

function nativeFilter(filter: Filter): NativeDoc {
  const out: NativeDoc = {};
  for (const [path, cond] of Object.entries(filter)) out[path] = nativeCondition(cond);
  return out;
}

function nativeCondition(cond: Condition): Condition {
  // `{field: undefined}` means "missing" in the memory adapter; left as is, the driver would drop it and match everything.
  if (cond === undefined) return { $exists: false };
  if (cond === null || typeof cond !== 'object' || cond.$exists !== undefined) return cond;
  // "Not null" excludes missing fields too; jongodb forgets that, saying so explicitly costs nothing on MongoDB.
  if (cond.$ne === null || cond.$nin?.includes(null)) return { ...cond, $exists: true };
  return cond;
}

/** Drops empty operators (MongoDB refuses `$set: {}`) and turns `$set: {a: undefined}` into an unset, as memory reads it. */
function nativeUpdate(update: Update): NativeDoc {
  const out: Record<string, Record<string, unknown>> = {};
  const add = (op: string, path: string, value: unknown) => ((out[op] ??= {})[path] = value);
  for (const [op, fields] of Object.entries(update) as Array<[string, Record<string, unknown> | undefined]>) {
    for (const [path, value] of Object.entries(fields ?? {})) {
      if (value === undefined) {
        if (op === '$set') add('$unset', path, '');
      } else add(op, path, value);
    }
  }
  // Nothing left: still a valid update that matches (and upserts); MongoDB 5+ and jongodb accept an empty $set.
  return Object.keys(out).length ? out : { $set: {} };
}

function upsertsWithId(filter: Filter, update: Update): boolean {
  const id = filter._id;
  return typeof id === 'string' || update.$set?._id !== undefined || update.$setOnInsert?._id !== undefined;
}

async function collectionNames(db: NativeDb, opened: string[]): Promise<string[]> {
  try {
    const listed = await db.listCollections({}, { nameOnly: true }).toArray();
    return listed.map((c) => c.name).filter((name) => !name.startsWith('system.'));
  } catch (err) {
    if (codeOf(err) !== commandNotFoundCode) throw err;
    return opened; // jongodb has no listCollections: the ones this store touched
  }
}

async function dropCollection(native: NativeCollection): Promise<void> {
  try {
    await native.drop();
  } catch (err) {
    if (codeOf(err) === namespaceNotFoundCode) return;
    if (codeOf(err) !== commandNotFoundCode) throw err;
    // jongodb has no drop command: empty the collection (its indexes stay, they cannot be dropped there).
    await native.deleteMany({});
  }
}

function writeErrorsOf(err: unknown): Array<{ index: number; code: number }> {
  const raw = (err as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  return list.map((w: { index?: number; code?: number; err?: { index?: number; code?: number } }) => ({
    index: w.index ?? w.err?.index ?? -1,
    code: w.code ?? w.err?.code ?? -1,
  }));
}

function codeOf(err: unknown): number | undefined {
  return (err as { code?: number } | null)?.code;
}

function asDuplicate(err: unknown): unknown {
  return codeOf(err) === duplicateKeyCode ? new StoreDuplicateKeyError((err as Error).message) : err;
}
