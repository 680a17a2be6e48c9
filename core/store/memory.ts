// In-process Store: unit tests, and the benchmark's measure of everything but the database.
// Documents are cloned in and out so callers never share state with the store.
import { applyUpdate, getPath, matches, seedFromFilter, sortDocs } from './matcher.js';
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

export function createMemoryStore(): Store {
  const collections = new Map<string, MemoryCollection<Doc>>();
  const counter = { calls: 0 };
  return {
    kind: 'memory',
    collection<T extends Doc>(name: string): Collection<T> {
      let c = collections.get(name);
      if (!c) collections.set(name, (c = new MemoryCollection<Doc>(counter)));
      return c as unknown as Collection<T>;
    },
    callCount: () => counter.calls,
    async ping() {},
    async dropAll() {
      // Emptied in place: services keep the collections they were handed, as with MongoDB.
      for (const c of collections.values()) c.clear();
    },
    async close() {},
  };
}

class MemoryCollection<T extends Doc> implements Collection<T> {
  private docs = new Map<string, T>();
  private indexes: IndexSpec[] = [];
  /** unique index name -> key -> _id */
  private uniques = new Map<string, Map<string, string>>();
  /** first field of each index -> value -> ids: makes equality lookups cheap at volume */
  private lookups = new Map<string, Map<unknown, Set<string>>>();
  /** field -> name of its one-field unique index */
  private uniqueFields = new Map<string, string>();

  constructor(private readonly counter: { calls: number }) {}

  /** Forgets documents and indexes (dropAll). */
  clear(): void {
    this.docs.clear();
    this.indexes = [];
    this.uniques.clear();
    this.lookups.clear();
    this.uniqueFields.clear();
  }

  async insertOne(doc: T): Promise<void> {
    this.counter.calls++;
    this.insert(doc);
  }

  async insertMany(docs: T[]): Promise<InsertManyResult> {
    this.counter.calls++;
    const duplicates: number[] = [];
    docs.forEach((doc, i) => {
      try {
        this.insert(doc);
      } catch (err) {
        if (!(err instanceof StoreDuplicateKeyError)) throw err;
        duplicates.push(i);
      }
    });
    return { inserted: docs.length - duplicates.length, duplicates };
  }

  async findOne(filter: Filter): Promise<T | null> {
    this.counter.calls++;
    for (const doc of this.candidates(filter)) if (matches(doc, filter)) return structuredClone(doc);
    return null;
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    this.counter.calls++;
    const found = [...this.candidates(filter)].filter((d) => matches(d, filter));
    return sortDocs(found, options).map((d) => structuredClone(d));
  }

  async count(filter: Filter): Promise<number> {
    this.counter.calls++;
    return [...this.candidates(filter)].filter((d) => matches(d, filter)).length;
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }) {
    this.counter.calls++;
    for (const doc of this.candidates(filter)) {
      if (!matches(doc, filter)) continue;
      this.replace(doc, applyUpdate(doc, update, false));
      return { matched: 1, upserted: false };
    }
    if (!options?.upsert) return { matched: 0, upserted: false };
    const seed = seedFromFilter(filter) as T;
    const created = applyUpdate(seed, update, true);
    if (!created._id) throw new Error('memory store: upsert needs an _id in the filter');
    this.insert(created);
    return { matched: 0, upserted: true };
  }

  async updateMany(filter: Filter, update: Update) {
    this.counter.calls++;
    let matched = 0;
    for (const doc of [...this.candidates(filter)]) {
      if (!matches(doc, filter)) continue;
      this.replace(doc, applyUpdate(doc, update, false));
      matched++;
    }
    return { matched };
  }

  async deleteOne(filter: Filter) {
    this.counter.calls++;
    for (const doc of this.candidates(filter)) {
      if (matches(doc, filter)) {
        this.remove(doc);
        return { deleted: 1 };
      }
    }
    return { deleted: 0 };
  }

  async deleteMany(filter: Filter) {
    this.counter.calls++;
    const gone = [...this.candidates(filter)].filter((d) => matches(d, filter));
    gone.forEach((d) => this.remove(d));
    return { deleted: gone.length };
  }

  async ensureIndexes(indexes: IndexSpec[]): Promise<void> {
    this.counter.calls++;
    for (const spec of indexes) {
      if (this.indexes.some((i) => i.name === spec.name)) continue;
      this.indexes.push(spec);
      if (spec.unique) {
        const map = new Map<string, string>();
        for (const doc of this.docs.values()) {
          const key = uniqueKey(doc, spec);
          if (key !== null && map.has(key)) throw new StoreDuplicateKeyError(`duplicate key for index ${spec.name}`);
          if (key !== null) map.set(key, doc._id);
        }
        this.uniques.set(spec.name, map);
      }
      const fields = Object.keys(spec.keys);
      const first = fields[0];
      // A one-field unique index answers equality look-ups itself: no per-value set to keep.
      if (spec.unique && fields.length === 1) {
        this.uniqueFields.set(first, spec.name);
        continue;
      }
      if (!this.lookups.has(first)) {
        const lookup = new Map<unknown, Set<string>>();
        this.lookups.set(first, lookup);
        for (const doc of this.docs.values()) addLookup(lookup, getPath(doc, first), doc._id);
      }
    }
  }

  private candidates(filter: Filter): Iterable<T> {
    if (typeof filter._id === 'string') {
      const doc = this.docs.get(filter._id);
      return doc ? [doc] : [];
    }
    for (const [field, name] of this.uniqueFields) {
      const cond = filter[field];
      if (cond !== undefined && (cond === null || typeof cond !== 'object')) {
        const id = this.uniques.get(name)!.get(JSON.stringify([cond]));
        const doc = id === undefined ? undefined : this.docs.get(id);
        return doc ? [doc] : [];
      }
    }
    for (const [field, lookup] of this.lookups) {
      const cond = filter[field];
      if (cond !== undefined && (cond === null || typeof cond !== 'object')) {
        const ids = lookup.get(cond) ?? new Set<string>();
        return [...ids].map((id) => this.docs.get(id)!).filter(Boolean);
      }
    }
    return this.docs.values();
  }

  private insert(input: T): void {
    const doc = structuredClone(input);
    if (this.docs.has(doc._id)) throw new StoreDuplicateKeyError(`duplicate _id ${doc._id}`);
    this.checkUniques(doc, null);
    this.docs.set(doc._id, doc);
    this.index(doc);
  }

  private replace(oldDoc: T, newDoc: T): void {
    this.checkUniques(newDoc, oldDoc._id);
    this.unindex(oldDoc);
    this.docs.set(newDoc._id, newDoc);
    this.index(newDoc);
  }

  private remove(doc: T): void {
    this.unindex(doc);
    this.docs.delete(doc._id);
  }

  private checkUniques(doc: T, selfId: string | null): void {
    for (const spec of this.indexes) {
      if (!spec.unique) continue;
      const key = uniqueKey(doc, spec);
      const owner = key === null ? undefined : this.uniques.get(spec.name)!.get(key);
      if (owner !== undefined && owner !== selfId) throw new StoreDuplicateKeyError(`duplicate key for index ${spec.name}`);
    }
  }

  private index(doc: T): void {
    for (const spec of this.indexes) {
      const key = spec.unique ? uniqueKey(doc, spec) : null;
      if (key !== null) this.uniques.get(spec.name)!.set(key, doc._id);
    }
    for (const [field, lookup] of this.lookups) addLookup(lookup, getPath(doc, field), doc._id);
  }

  private unindex(doc: T): void {
    for (const spec of this.indexes) {
      const key = spec.unique ? uniqueKey(doc, spec) : null;
      if (key !== null) this.uniques.get(spec.name)!.delete(key);
    }
    for (const [field, lookup] of this.lookups) removeLookup(lookup, getPath(doc, field), doc._id);
  }
}

function uniqueKey(doc: Doc, spec: IndexSpec): string {
  // As in MongoDB, a missing field indexes as null (and so is constrained too).
  return JSON.stringify(Object.keys(spec.keys).map((k) => getPath(doc, k) ?? null));
}

/** An array field is looked up by each of its elements, as MongoDB matches arrays. */
function addLookup(lookup: Map<unknown, Set<string>>, value: unknown, id: string): void {
  for (const v of Array.isArray(value) ? value : [value]) {
    let ids = lookup.get(v);
    if (!ids) lookup.set(v, (ids = new Set()));
    ids.add(id);
  }
}

function removeLookup(lookup: Map<unknown, Set<string>>, value: unknown, id: string): void {
  for (const v of Array.isArray(value) ? value : [value]) lookup.get(v)?.delete(id);
}
