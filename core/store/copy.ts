// Copies every collection of a SQLite data file to another store (MongoDB, for a collective
// that outgrows one machine), with the indexes declared on each. Idempotent and resumable:
// - pages go in _id order and a checkpoint per collection is kept on the target
//   (`_store_copy`), so a copy cut short goes on from where it stopped;
// - a document already on the target is compared, and replaced only if it differs, so a copy
//   run again (or after the source changed) leaves the target equal to the source.
// The source should be stopped (or quiet) while copying: it is read page by page.
import { canonicalJson } from '../shared/canonical.js';
import type { SqliteEngine } from './sqlite-engine.js';
import type { Doc, Store } from './port.js';

export interface CopyProgress {
  collection: string;
  copied: number;
  replaced: number;
  unchanged: number;
}

export interface CopyOptions {
  /** Ignore the checkpoints: compare every document again. */
  fromStart?: boolean;
  pageSize?: number;
  onPage?(progress: CopyProgress): void;
}

type Checkpoint = { _id: string; lastId: string; copied: number };

export const checkpointCollection = '_store_copy';

/** The number of documents of each collection of the source. */
export function sourceCounts(source: SqliteEngine): Record<string, number> {
  return Object.fromEntries(source.collectionNames().map((name) => [name, source.count(name, {})]));
}

export async function copyStore(source: SqliteEngine, target: Store, options: CopyOptions = {}): Promise<CopyProgress[]> {
  const pageSize = options.pageSize ?? 500;
  const checkpoints = target.collection<Checkpoint>(checkpointCollection);
  const report: CopyProgress[] = [];
  for (const name of source.collectionNames()) {
    const into = target.collection<Doc>(name);
    await into.ensureIndexes(source.indexesOf(name));
    const progress: CopyProgress = { collection: name, copied: 0, replaced: 0, unchanged: 0 };
    let lastId = options.fromStart ? '' : ((await checkpoints.findOne({ _id: name }))?.lastId ?? '');
    for (let page = source.page(name, lastId, pageSize); page.length; page = source.page(name, lastId, pageSize)) {
      const docs = page.map((row) => JSON.parse(row.doc) as Doc);
      const { duplicates } = await into.insertMany(docs);
      progress.copied += docs.length - duplicates.length;
      for (const i of duplicates) await reconcile(into, docs[i], progress);
      lastId = page[page.length - 1].id;
      await checkpoints.updateOne({ _id: name }, { $set: { lastId }, $inc: { copied: docs.length } }, { upsert: true });
      options.onPage?.(progress);
    }
    report.push(progress);
  }
  return report;
}

/** A document the target has already: equal, or replaced by the source's (fields it lost are removed). */
async function reconcile(into: ReturnType<Store['collection']>, doc: Doc, progress: CopyProgress): Promise<void> {
  const there = await into.findOne({ _id: doc._id });
  if (!there) throw new Error(`document ${doc._id}: the target refused it by a unique index another of its documents holds (copy into an empty database)`);
  if (canonicalJson(there) === canonicalJson(doc)) {
    progress.unchanged++;
    return;
  }
  const { _id, ...fields } = doc;
  const gone = Object.fromEntries(Object.keys(there).filter((k) => k !== '_id' && !(k in fields)).map((k) => [k, 1 as const]));
  await into.updateOne({ _id }, { $set: fields, ...(Object.keys(gone).length ? { $unset: gone } : {}) });
  progress.replaced++;
}
