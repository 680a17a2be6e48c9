// In-process Store: unit tests, and the benchmark's measure of everything but the database.
// Documents are kept as JSON text outside the JavaScript heap, as a database keeps them outside
// the objects of its callers: nothing is shared with a caller, a write costs one native
// JSON.stringify (no deep clone), and the garbage collector has no document to mark (a store of a
// few hundred thousand ledger rows would otherwise lengthen every major GC of the app around it).
// Documents must be JSON data, as they are for the remote store.
import { applyUpdate, getPath, matches, seedFromFilter, sortDocs } from './matcher.js';
import { TextSlab } from './text-slab.js';
import { StoreDuplicateKeyError, type Collection, type Doc, type Filter, type FindOptions, type IndexSpec, type InsertManyResult, type Store, type Update } from './port.js';

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
  private readonly docs = new Documents<T>();
  private indexes: IndexSpec[] = [];
  /** each unique index: its fields, and key -> _id */
  private uniques = new Map<string, UniqueIndex>();
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
    for (const doc of this.candidates(filter)) if (matches(doc, filter)) return doc;
    return null;
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    this.counter.calls++;
    const found = [...this.candidates(filter)].filter((d) => matches(d, filter));
    return sortDocs(found, options);
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
        const unique: UniqueIndex = { fields: Object.keys(spec.keys), owners: new Map() };
        for (const doc of this.docs.all()) {
          const key = uniqueKey(doc, unique.fields);
          if (unique.owners.has(key)) throw new StoreDuplicateKeyError(`duplicate key for index ${spec.name}`);
          unique.owners.set(key, doc._id);
        }
        this.uniques.set(spec.name, unique);
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
        for (const doc of this.docs.all()) addLookup(lookup, getPath(doc, first), doc._id);
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
        const id = this.uniques.get(name)!.owners.get(singleKey(cond));
        const doc = id === undefined ? undefined : this.docs.get(id);
        return doc ? [doc] : [];
      }
    }
    for (const [field, lookup] of this.lookups) {
      const cond = filter[field];
      if (cond !== undefined && (cond === null || typeof cond !== 'object')) {
        // null matches a missing field too, which the lookup keeps under undefined
        const ids = cond === null ? [...(lookup.get(null) ?? []), ...(lookup.get(undefined) ?? [])] : (lookup.get(cond) ?? []);
        return [...ids].map((id) => this.docs.get(id)!).filter(Boolean);
      }
    }
    return this.docs.all();
  }

  private insert(doc: T): void {
    if (this.docs.has(doc._id)) throw new StoreDuplicateKeyError(`duplicate _id ${doc._id}`);
    const keys = this.checkUniques(doc, null);
    this.docs.set(doc);
    this.index(doc, keys);
  }

  private replace(oldDoc: T, newDoc: T): void {
    const keys = this.checkUniques(newDoc, oldDoc._id);
    this.unindex(oldDoc);
    this.docs.set(newDoc);
    this.index(newDoc, keys);
  }

  private remove(doc: T): void {
    this.unindex(doc);
    this.docs.delete(doc._id);
  }

  /** The document's key in each unique index (in their order), once none of them is taken by another document. */
  private checkUniques(doc: T, selfId: string | null): unknown[] {
    const keys: unknown[] = [];
    for (const [name, unique] of this.uniques) {
      const key = uniqueKey(doc, unique.fields);
      const owner = unique.owners.get(key);
      if (owner !== undefined && owner !== selfId) throw new StoreDuplicateKeyError(`duplicate key for index ${name}`);
      keys.push(key);
    }
    return keys;
  }

  private index(doc: T, uniqueKeys: unknown[]): void {
    let i = 0;
    for (const unique of this.uniques.values()) unique.owners.set(uniqueKeys[i++], doc._id);
    for (const [field, lookup] of this.lookups) addLookup(lookup, getPath(doc, field), doc._id);
  }

  private unindex(doc: T): void {
    for (const unique of this.uniques.values()) unique.owners.delete(uniqueKey(doc, unique.fields));
    for (const [field, lookup] of this.lookups) removeLookup(lookup, getPath(doc, field), doc._id);
  }
}

interface UniqueIndex {
  fields: string[];
  owners: Map<unknown, string>;
}

/**
 * The key of a document in a unique index, equal only for equal values (1 and "1" differ). A
 * one-field index keys on the value itself; several fields make one flat string (Array.join: a
 * `+` chain would leave a concatenated string behind every key, twice the objects for the GC).
 */
function uniqueKey(doc: Doc, fields: string[]): unknown {
  // As in MongoDB, a missing field indexes as null (and so is constrained too).
  if (fields.length === 1) return singleKey(getPath(doc, fields[0]));
  return fields.map((field) => keyPart(getPath(doc, field))).join('\u0000');
}

function singleKey(value: unknown): unknown {
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') return value ?? null;
  if (typeof value === 'string') return value.startsWith('\u0000') ? `\u0000s${value}` : value;
  return `\u0000j${JSON.stringify(value)}`;
}

/** A string behind "s" (unless it holds the separator), a number behind "n", anything else as JSON behind "j". */
function keyPart(value: unknown): string {
  if (typeof value === 'string' && !value.includes('\u0000')) return `s${value}`;
  return typeof value === 'number' ? `n${value}` : `j${JSON.stringify(value ?? null)}`;
}

/** An array field is looked up by each of its elements, as MongoDB matches arrays. */
function addLookup(lookup: Map<unknown, Set<string>>, value: unknown, id: string): void {
  if (Array.isArray(value)) for (const v of value) addLookupOf(lookup, v, id);
  else addLookupOf(lookup, value, id);
}

function addLookupOf(lookup: Map<unknown, Set<string>>, value: unknown, id: string): void {
  let ids = lookup.get(value);
  if (!ids) lookup.set(value, (ids = new Set()));
  ids.add(id);
}

function removeLookup(lookup: Map<unknown, Set<string>>, value: unknown, id: string): void {
  for (const v of Array.isArray(value) ? value : [value]) lookup.get(v)?.delete(id);
}

/** Documents by _id, each kept as its JSON text (off the heap); every read parses a fresh copy. */
class Documents<T extends Doc> {
  private readonly slots = new Map<string, number>();
  private readonly texts = new TextSlab();

  has(id: string): boolean {
    return this.slots.has(id);
  }

  get(id: string): T | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : (JSON.parse(this.texts.get(slot)) as T);
  }

  set(doc: T): void {
    this.slots.set(doc._id, this.texts.put(JSON.stringify(doc)));
  }

  delete(id: string): void {
    this.slots.delete(id);
  }

  clear(): void {
    this.slots.clear();
    this.texts.clear();
  }

  *all(): Iterable<T> {
    for (const slot of this.slots.values()) yield JSON.parse(this.texts.get(slot)) as T;
  }
}
