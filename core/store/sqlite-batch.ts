// One batch of store requests in one SQLite transaction, each write in its own savepoint (a
// refused write fails alone, the others stay). One commit, hence one fsync, per batch: group
// commit at the database, on top of the ledger's own. The answers are returned only after the
// commit: nothing is answered that is not on disk, and a failed commit fails the whole batch.
import type Database from 'better-sqlite3';
import type { SqliteEngine } from './sqlite-engine.js';
import { toWireError, writeMethods, type SqliteRequest, type SqliteResponse } from './sqlite-wire.js';

export function runBatch(db: Database.Database, engine: SqliteEngine, batch: SqliteRequest[]): SqliteResponse[] {
  const responses: SqliteResponse[] = [];
  db.exec('BEGIN');
  for (const request of batch) {
    let response: SqliteResponse;
    try {
      const value = writeMethods.has(request.method) ? db.transaction(() => run(engine, request))() : run(engine, request);
      response = { id: request.id, ok: true, value };
    } catch (err) {
      response = { id: request.id, ok: false, error: toWireError(err) };
      if (writeMethods.has(request.method)) engine.resync();
    }
    // SQLite rolls the whole transaction back on some errors (a full disk, an I/O error): what
    // this batch did before is gone, so its answers must say so; the rest starts a new one.
    if (!db.inTransaction) {
      const cause = response.ok ? { name: 'Error', message: 'transaction rolled back' } : response.error;
      for (const [i, r] of responses.entries()) if (r.ok) responses[i] = { id: r.id, ok: false, error: cause };
      responses.push(response.ok ? { id: request.id, ok: false, error: cause } : response);
      db.exec('BEGIN');
      continue;
    }
    responses.push(response);
  }
  try {
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    engine.resync();
    const error = toWireError(err);
    return batch.map((r) => ({ id: r.id, ok: false, error }));
  }
  return responses;
}

function run(engine: SqliteEngine, { collection, method, args }: SqliteRequest): unknown {
  const a = args as any[];
  if (collection === null) {
    switch (method) {
      case 'ping':
        return engine.ping(Date.now());
      case 'dropAll':
        return engine.dropAll();
      case 'collectionNames':
        return engine.collectionNames();
      default:
        throw new Error(`sqlite store: unknown store method ${method}`);
    }
  }
  switch (method) {
    case 'insertOne':
      return engine.insertOne(collection, a[0]);
    case 'insertMany':
      return engine.insertMany(collection, a[0]);
    case 'findOne':
      return engine.findOne(collection, a[0]);
    case 'find':
      return engine.find(collection, a[0], a[1]);
    case 'count':
      return engine.count(collection, a[0]);
    case 'updateOne':
      return engine.updateOne(collection, a[0], a[1], Boolean(a[2]?.upsert));
    case 'updateMany':
      return engine.updateMany(collection, a[0], a[1]);
    case 'deleteOne':
      return engine.deleteOne(collection, a[0]);
    case 'deleteMany':
      return engine.deleteMany(collection, a[0]);
    case 'ensureIndexes':
      return engine.ensureIndexes(collection, a[0]);
    default:
      throw new Error(`sqlite store: unknown method ${method}`);
  }
}
