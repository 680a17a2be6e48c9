// The SQLite store's engine: the Store port's collections as SQLite tables, run synchronously
// on one better-sqlite3 connection (inside the store's worker thread, sqlite-worker.ts).
// A collection is a table of (id, doc, key columns) where doc is the document's JSON text and
// each indexed field has a key column filled from the parsed document (sqlite-query.ts); the
// port's indexes are SQL indexes on those columns, unique ones enforced by SQLite itself. Filters, updates and sorts keep the memory adapter's semantics (matcher.ts):
// SQL narrows the candidates, the matcher decides. One process writes a file (the instance
// lock, sqlite-file.ts), and this engine runs one call at a time, so a guarded update (read,
// check, write) cannot interleave with another writer.
import type BetterSqlite3 from 'better-sqlite3';
import { applyUpdate, getPath, matches, seedFromFilter, sortDocs } from './matcher.js';
import { candidateQuery, irregularityOf, keyColumn, keyColumnsOf, keyValue, sqlOrder, type KeyFlavour, type SqlValue } from './sqlite-query.js';
import { StoreDuplicateKeyError, type Doc, type Filter, type FindOptions, type IndexSpec, type InsertManyResult, type Update } from './port.js';

type Db = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

/** A document travels as its JSON text between the app's thread and this engine. */
export type DocText = string;

interface Row {
  id: string;
  doc: DocText;
}

/** Prepared look-ups kept per collection; past this many distinct filter shapes, the oldest is dropped. */
const maxCachedQueries = 64;

export class SqliteEngine {
  private readonly tables = new Map<string, Table>();

  constructor(private readonly db: Db) {
    db.exec('CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY, tbl TEXT NOT NULL UNIQUE, indexes TEXT NOT NULL, multikey TEXT NOT NULL, mixed TEXT NOT NULL)');
    db.exec('CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.resync();
  }

  /**
   * Reads what the file says of its collections again. A write that was rolled back (a refused
   * upsert that created a collection, a full disk) may have undone a table or an index this
   * engine had noted: the worker calls this after every failed write.
   */
  resync(): void {
    this.tables.clear();
    const known = this.db.prepare('SELECT name, tbl, indexes, multikey, mixed FROM _collections').all() as Array<{ name: string; tbl: string; indexes: string; multikey: string; mixed: string }>;
    for (const k of known) this.tables.set(k.name, new Table(this.db, k.name, k.tbl, JSON.parse(k.indexes), { multikey: new Set(JSON.parse(k.multikey)), mixed: new Set(JSON.parse(k.mixed)) }));
  }

  collectionNames(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** Readiness: a real write, committed by the caller, so a full or read-only disk shows. */
  ping(nowMs: number): void {
    this.db.prepare("INSERT INTO _meta (key, value) VALUES ('ping', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(nowMs));
  }

  insertOne(name: string, text: DocText): void {
    this.table(name).insert(text);
  }

  insertMany(name: string, texts: DocText[]): InsertManyResult {
    const table = this.table(name);
    const duplicates: number[] = [];
    texts.forEach((text, i) => {
      try {
        table.insert(text);
      } catch (err) {
        if (!(err instanceof StoreDuplicateKeyError)) throw err;
        duplicates.push(i);
      }
    });
    return { inserted: texts.length - duplicates.length, duplicates };
  }

  findOne(name: string, filter: Filter): DocText | null {
    return this.existing(name)?.select(filter, { limit: 1 })[0] ?? null;
  }

  /** The matching documents' texts (not one joined text: a whole ledger is past a string's size limit). */
  find(name: string, filter: Filter, options?: FindOptions): DocText[] {
    return this.existing(name)?.select(filter, options ?? {}) ?? [];
  }

  count(name: string, filter: Filter): number {
    return this.existing(name)?.count(filter) ?? 0;
  }

  updateOne(name: string, filter: Filter, update: Update, upsert: boolean): { matched: number; upserted: boolean } {
    const table = this.table(name);
    for (const { doc } of table.candidates(filter)) {
      if (!matches(doc, filter)) continue;
      table.replace(doc._id, applyUpdate(doc, update, false));
      return { matched: 1, upserted: false };
    }
    if (!upsert) return { matched: 0, upserted: false };
    const created = applyUpdate(seedFromFilter(filter) as Doc, update, true);
    if (!created._id) throw new Error('sqlite store: upsert needs an _id in the filter');
    table.insert(JSON.stringify(created), created);
    return { matched: 0, upserted: true };
  }

  /** All or nothing: a unique index refusing one document leaves every document as it was. */
  updateMany(name: string, filter: Filter, update: Update): { matched: number } {
    const table = this.existing(name);
    if (!table) return { matched: 0 };
    return this.atomically(() => {
      const hits = [...table.candidates(filter)].filter((c) => matches(c.doc, filter));
      for (const { doc } of hits) table.replace(doc._id, applyUpdate(doc, update, false));
      return { matched: hits.length };
    });
  }

  deleteOne(name: string, filter: Filter): { deleted: number } {
    const table = this.existing(name);
    if (!table) return { deleted: 0 };
    for (const { doc } of table.candidates(filter)) {
      if (matches(doc, filter)) return { deleted: table.delete(doc._id) };
    }
    return { deleted: 0 };
  }

  deleteMany(name: string, filter: Filter): { deleted: number } {
    const table = this.existing(name);
    if (!table) return { deleted: 0 };
    const gone = [...table.candidates(filter)].filter((c) => matches(c.doc, filter));
    let deleted = 0;
    for (const { doc } of gone) deleted += table.delete(doc._id);
    return { deleted };
  }

  ensureIndexes(name: string, indexes: IndexSpec[]): void {
    const table = this.table(name);
    for (const spec of indexes) this.atomically(() => table.addIndex(spec));
  }

  /** Up to `limit` documents after `afterId` in _id order: a whole collection read a page at a time (store:copy). */
  page(name: string, afterId: string, limit: number): Array<{ id: string; doc: DocText }> {
    return this.existing(name)?.page(afterId, limit) ?? [];
  }

  /** The indexes declared on a collection, as the Store port said them. */
  indexesOf(name: string): IndexSpec[] {
    return this.existing(name)?.declaredIndexes() ?? [];
  }

  /** Empties every collection (tests): tables and their indexes stay, as handed-out collections do. */
  dropAll(): void {
    for (const table of this.tables.values()) table.clear();
  }

  private atomically<T>(work: () => T): T {
    return this.db.transaction(work)(); // nested in the caller's transaction: a savepoint
  }

  private existing(name: string): Table | undefined {
    return this.tables.get(name);
  }

  private table(name: string): Table {
    let table = this.tables.get(name);
    if (!table) {
      const tbl = tableName(name, new Set([...this.tables.values()].map((t) => t.tbl)));
      this.db.exec(`CREATE TABLE IF NOT EXISTS "${tbl}" (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`);
      this.db.prepare('INSERT INTO _collections (name, tbl, indexes, multikey, mixed) VALUES (?, ?, ?, ?, ?)').run(name, tbl, '[]', '[]', '[]');
      table = new Table(this.db, name, tbl, [], { multikey: new Set(), mixed: new Set() });
      this.tables.set(name, table);
    }
    return table;
  }
}

/** One collection's table: the documents, a key column per indexed field, the prepared statements. */
class Table {
  private insertStmt!: Statement;
  private replaceStmt!: Statement;
  private readonly deleteStmt: Statement;
  private readonly queries = new Map<string, Statement>();
  private keys: Array<{ flavour: KeyFlavour; field: string }> = [];
  /** Every field some index names: the paths to watch for arrays on each write. */
  private indexedFields: string[] = [];

  constructor(
    private readonly db: Db,
    readonly name: string,
    readonly tbl: string,
    private indexes: IndexSpec[],
    private readonly irregular: { multikey: Set<string>; mixed: Set<string> },
  ) {
    this.deleteStmt = db.prepare(`DELETE FROM "${tbl}" WHERE id = ?`);
    this.prepareWrites();
  }

  insert(text: DocText, parsed?: Doc): void {
    const doc = parsed ?? (JSON.parse(text) as Doc);
    if (typeof doc._id !== 'string') throw new Error('sqlite store: a document needs a string _id');
    this.noteIrregular(doc);
    refusingDuplicates(() => this.insertStmt.run(doc._id, text, ...this.keyValues(doc)));
  }

  replace(id: string, doc: Doc): void {
    this.noteIrregular(doc);
    refusingDuplicates(() => this.replaceStmt.run(JSON.stringify(doc), ...this.keyValues(doc), id));
  }

  delete(id: string): number {
    return this.deleteStmt.run(id).changes;
  }

  clear(): void {
    this.db.prepare(`DELETE FROM "${this.tbl}"`).run();
  }

  page(afterId: string, limit: number): Row[] {
    return this.statement(`SELECT id, doc FROM "${this.tbl}" WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as Row[];
  }

  declaredIndexes(): IndexSpec[] {
    return [...this.indexes];
  }

  /**
   * The texts of the matching documents, sorted, skipped and limited. Three ways, fastest first:
   * SQL alone when its clause is exact and it can order (no document parsed); SQL ordering with
   * the matcher deciding, stopping at the limit; or every candidate matched, then sorted here.
   */
  select(filter: Filter, options: FindOptions): DocText[] {
    const query = candidateQuery(filter, this.indexes, this.irregular);
    const order = sqlOrder(options.sort, this.indexes, this.irregular);
    const skip = options.skip ?? 0;
    const limit = options.limit || Infinity;
    if (order && query.exact) {
      const page = Number.isFinite(limit) ? ` LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(skip)}` : skip ? ` LIMIT -1 OFFSET ${Math.floor(skip)}` : '';
      return (this.statement(`SELECT doc FROM "${this.tbl}"${whereOf(query.where)} ORDER BY ${order}${page}`).pluck().all(...query.params) as DocText[]);
    }
    if (order) {
      const texts: DocText[] = [];
      let skipped = 0;
      for (const text of this.statement(`SELECT doc FROM "${this.tbl}"${whereOf(query.where)} ORDER BY ${order}`).pluck().iterate(...query.params) as Iterable<DocText>) {
        if (!matches(JSON.parse(text), filter)) continue;
        if (skipped++ < skip) continue;
        texts.push(text);
        if (texts.length >= limit) break;
      }
      return texts;
    }
    const found = [...this.candidates(filter)].filter((c) => matches(c.doc, filter));
    const byDoc = new Map(found.map((f) => [f.doc, f.text]));
    return sortDocs(
      found.map((f) => f.doc),
      options,
    ).map((d) => byDoc.get(d)!);
  }

  count(filter: Filter): number {
    const query = candidateQuery(filter, this.indexes, this.irregular);
    if (query.exact) return this.statement(`SELECT count(*) FROM "${this.tbl}"${whereOf(query.where)}`).pluck().get(...query.params) as number;
    let n = 0;
    for (const { doc } of this.candidates(filter)) if (matches(doc, filter)) n++;
    return n;
  }

  /** Every document the candidate clause keeps, parsed (the matcher decides). */
  *candidates(filter: Filter): Iterable<{ text: DocText; doc: Doc }> {
    const { where, params } = candidateQuery(filter, this.indexes, this.irregular);
    // All rows are read before any is handed out: callers may write to this table meanwhile.
    const rows = this.statement(`SELECT doc FROM "${this.tbl}"${whereOf(where)} ORDER BY rowid`).pluck().all(...params) as DocText[];
    for (const text of rows) yield { text, doc: JSON.parse(text) as Doc };
  }

  /** Adds the index's key columns (filled from the stored documents), then the SQL index on them. */
  addIndex(spec: IndexSpec): void {
    if (this.indexes.some((i) => i.name === spec.name)) return;
    const had = new Set(this.keys.map((k) => keyColumn(k.flavour, k.field)));
    const added = keyColumnsOf([spec]).filter((k) => !had.has(keyColumn(k.flavour, k.field)));
    for (const k of added) this.db.exec(`ALTER TABLE "${this.tbl}" ADD COLUMN ${keyColumn(k.flavour, k.field)}`);
    if (added.length) this.backfill(added);
    const flavour: KeyFlavour = spec.unique ? 'u' : 'x';
    const columns = Object.keys(spec.keys).map((f) => keyColumn(flavour, f));
    const sqlName = `${this.tbl}__${spec.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    refusingDuplicates(() => this.db.exec(`CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${sqlName}" ON "${this.tbl}" (${columns.join(', ')})`));
    this.indexes = [...this.indexes, spec];
    this.prepareWrites();
    this.saveMeta();
  }

  private backfill(added: Array<{ flavour: KeyFlavour; field: string }>): void {
    const set = this.db.prepare(`UPDATE "${this.tbl}" SET ${added.map((k) => `${keyColumn(k.flavour, k.field)} = ?`).join(', ')} WHERE id = ?`);
    const fields = [...new Set(added.map((k) => k.field))];
    for (const row of this.db.prepare(`SELECT id, doc FROM "${this.tbl}"`).all() as Row[]) {
      const doc = JSON.parse(row.doc) as Doc;
      this.noteIrregular(doc, fields);
      set.run(...added.map((k) => keyValue(k.flavour, getPath(doc, k.field))), row.id);
    }
  }

  private prepareWrites(): void {
    this.keys = keyColumnsOf(this.indexes);
    this.indexedFields = [...new Set(this.keys.map((k) => k.field))];
    const columns = this.keys.map((k) => keyColumn(k.flavour, k.field));
    this.queries.clear(); // their plans may change with the new index
    this.insertStmt = this.db.prepare(`INSERT INTO "${this.tbl}" (id, doc${columns.map((c) => `, ${c}`).join('')}) VALUES (?, ?${columns.map(() => ', ?').join('')})`);
    this.replaceStmt = this.db.prepare(`UPDATE "${this.tbl}" SET doc = ?${columns.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`);
  }

  private keyValues(doc: Doc): SqlValue[] {
    return this.keys.map((k) => keyValue(k.flavour, getPath(doc, k.field)));
  }

  private statement(sql: string): Statement {
    let stmt = this.queries.get(sql);
    if (!stmt) {
      if (this.queries.size >= maxCachedQueries) this.queries.delete(this.queries.keys().next().value!);
      stmt = this.db.prepare(sql);
      this.queries.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * An indexed field seen holding an array is no longer answered by its SQL index, one seen
   * holding a boolean or an object no longer exactly (sqlite-query.ts): noted for good.
   */
  private noteIrregular(doc: Doc, fields = this.indexedFields): void {
    let changed = false;
    for (const field of fields) {
      const kind = irregularityOf(getPath(doc, field));
      if (kind && !this.irregular[kind].has(field)) {
        this.irregular[kind].add(field);
        changed = true;
      }
    }
    if (changed) this.saveMeta();
  }

  private saveMeta(): void {
    const sorted = (set: Set<string>) => JSON.stringify([...set].sort());
    this.db.prepare('UPDATE _collections SET indexes = ?, multikey = ?, mixed = ? WHERE name = ?').run(JSON.stringify(this.indexes), sorted(this.irregular.multikey), sorted(this.irregular.mixed), this.name);
  }
}

function whereOf(clause: string): string {
  return clause ? ` WHERE ${clause}` : '';
}

/** A table name from the collection's name: readable when it can be, unique always. */
function tableName(name: string, taken: Set<string>): string {
  const base = `c_${name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 48)}`;
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}_${i}`;
  return candidate;
}

function refusingDuplicates<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StoreDuplicateKeyError((err as Error).message);
    throw err;
  }
}
