// The MongoDB adapter of the Store port (mongoose connection, native collections through it).
// It keeps to what both real MongoDB and the embedded jongodb server support: no `create`
// command (collections appear on first insert), no $push/$pull, no transactions.
import mongoose, { type Connection } from 'mongoose';
import {
  StoreDuplicateKeyError,
  type Collection,
  type Doc,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type InsertManyResult,
  type Store,
  type Update,
} from './port.js';

export async function createMongoStore(options: { url: string; dbName?: string }): Promise<Store> {
  const connection = await mongoose
    .createConnection(options.url, { autoCreate: false, autoIndex: false, dbName: options.dbName, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  const counter = { calls: 0 };
  const collections = new Map<string, MongoCollection<Doc>>();
  return {
    kind: 'mongo',
    collection<T extends Doc>(name: string): Collection<T> {
      let c = collections.get(name);
      if (!c) collections.set(name, (c = new MongoCollection<Doc>(connection, name, counter)));
      return c as unknown as Collection<T>;
    },
    callCount: () => counter.calls,
    async ping() {
      await connection.db!.command({ ping: 1 });
    },
    async dropAll() {
      const existing = await connection.db!.listCollections({}, { nameOnly: true }).toArray();
      for (const { name } of existing) await connection.db!.collection(name).deleteMany({});
      for (const { name } of existing) await connection.db!.collection(name).dropIndexes().catch(() => undefined);
    },
    async close() {
      await connection.close();
    },
  };
}

type Native = ReturnType<NonNullable<Connection['db']>['collection']>;

class MongoCollection<T extends Doc> implements Collection<T> {
  private readonly native: Native;

  constructor(
    connection: Connection,
    name: string,
    private readonly counter: { calls: number },
  ) {
    this.native = connection.db!.collection(name);
  }

  async insertOne(doc: T): Promise<void> {
    this.counter.calls++;
    try {
      await this.native.insertOne(clean(doc) as never);
    } catch (err) {
      throw asDuplicate(err);
    }
  }

  async insertMany(docs: T[]): Promise<InsertManyResult> {
    this.counter.calls++;
    if (!docs.length) return { inserted: 0, duplicates: [] };
    try {
      const res = await this.native.insertMany(docs.map(clean) as never[], { ordered: false });
      return { inserted: res.insertedCount, duplicates: [] };
    } catch (err) {
      const writeErrors = writeErrorsOf(err);
      if (writeErrors?.length) {
        if (writeErrors.some((e) => e.code !== 11000)) throw err;
        const duplicates = writeErrors.map((e) => e.index).sort((a, b) => a - b);
        return { inserted: docs.length - duplicates.length, duplicates };
      }
      // jongodb refuses a whole unordered batch on one duplicate, without saying which: insert
      // one by one to keep the others and find the refused ones (rare: replays, stale writers).
      if ((err as { code?: number }).code === 11000) return this.insertOneByOne(docs);
      throw err;
    }
  }

  private async insertOneByOne(docs: T[]): Promise<InsertManyResult> {
    const duplicates: number[] = [];
    for (const [i, doc] of docs.entries()) {
      try {
        await this.native.insertOne(clean(doc) as never);
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        duplicates.push(i);
      }
    }
    return { inserted: docs.length - duplicates.length, duplicates };
  }

  async findOne(filter: Filter): Promise<T | null> {
    this.counter.calls++;
    return (await this.native.findOne(filter as never)) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    this.counter.calls++;
    let cursor = this.native.find(filter as never);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async count(filter: Filter): Promise<number> {
    this.counter.calls++;
    return this.native.countDocuments(filter as never);
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}) {
    this.counter.calls++;
    try {
      const res = await this.native.updateOne(filter as never, cleanUpdate(update) as never, { upsert: options.upsert ?? false });
      return { matched: res.matchedCount, upserted: res.upsertedCount > 0 };
    } catch (err) {
      throw asDuplicate(err);
    }
  }

  async updateMany(filter: Filter, update: Update) {
    this.counter.calls++;
    const res = await this.native.updateMany(filter as never, cleanUpdate(update) as never);
    return { matched: res.matchedCount };
  }

  async deleteOne(filter: Filter) {
    this.counter.calls++;
    return { deleted: (await this.native.deleteOne(filter as never)).deletedCount };
  }

  async deleteMany(filter: Filter) {
    this.counter.calls++;
    return { deleted: (await this.native.deleteMany(filter as never)).deletedCount };
  }

  async ensureIndexes(indexes: IndexSpec[]): Promise<void> {
    this.counter.calls++;
    for (const spec of indexes) await this.native.createIndex(spec.keys, { name: spec.name, unique: spec.unique ?? false });
  }
}

/** MongoDB stores `undefined` fields as null; the memory adapter drops them: drop them here too. */
function clean<T>(doc: T): T {
  return JSON.parse(JSON.stringify(doc)) as T;
}

function cleanUpdate(update: Update): Update {
  const out: Update = {};
  for (const [op, fields] of Object.entries(update)) {
    if (fields && Object.keys(fields).length) (out as Record<string, unknown>)[op] = clean(fields);
  }
  return out;
}

function writeErrorsOf(err: unknown): Array<{ index: number; code: number }> | null {
  const e = err as { writeErrors?: unknown; code?: number };
  if (!e || typeof e !== 'object') return null;
  const raw = e.writeErrors;
  if (Array.isArray(raw)) return raw.map((w: any) => ({ index: w.index ?? w.err?.index, code: w.code ?? w.err?.code }));
  if (raw && typeof raw === 'object') return [{ index: (raw as any).index, code: (raw as any).code }];
  return null;
}

function asDuplicate(err: unknown): unknown {
  return (err as { code?: number })?.code === 11000 ? new StoreDuplicateKeyError(String((err as Error).message)) : err;
}
