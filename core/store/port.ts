// The Store port: a small document store that MongoDB (mongoose, the embedded jongodb server
// included), a SQLite file and an in-process map implement. It keeps to the MongoDB features that
// work on jongodb (DESIGN.md "Stack facts"): no $push/$pull, no transactions, no change streams.

export type Doc = { _id: string };

export type Scalar = string | number | boolean | null;
export type Condition =
  | Scalar
  | {
      $in?: Scalar[];
      $nin?: Scalar[];
      $ne?: Scalar;
      $gt?: Scalar;
      $gte?: Scalar;
      $lt?: Scalar;
      $lte?: Scalar;
      $exists?: boolean;
    };
/** Top-level or dotted field paths; conditions combine with AND. */
export type Filter = Record<string, Condition>;

export interface Update {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $unset?: Record<string, true | 1 | ''>;
  $setOnInsert?: Record<string, unknown>;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface IndexSpec {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  name: string;
}

export interface InsertManyResult {
  inserted: number;
  /** Rows refused by a unique index, by their position in the batch; the others were kept. */
  duplicates: number[];
}

export interface Collection<T extends Doc = Doc> {
  /** Throws StoreDuplicateKeyError when a unique index refuses the document. */
  insertOne(doc: T): Promise<void>;
  /** Unordered: a duplicate fails alone, the rest are written (group commit relies on it). */
  insertMany(docs: T[]): Promise<InsertManyResult>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /** A guarded update: the filter is the guard (compare-and-set on a seq, a quota...). */
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<{ matched: number; upserted: boolean }>;
  updateMany(filter: Filter, update: Update): Promise<{ matched: number }>;
  deleteOne(filter: Filter): Promise<{ deleted: number }>;
  deleteMany(filter: Filter): Promise<{ deleted: number }>;
  ensureIndexes(indexes: IndexSpec[]): Promise<void>;
}

export interface Store {
  readonly kind: 'memory' | 'mongo' | 'sqlite';
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  /** Number of round trips made to the store since start (group commit is measured with it). */
  callCount(): number;
  ping(): Promise<void>;
  /** Drops every collection: tests only. */
  dropAll(): Promise<void>;
  close(): Promise<void>;
}

export class StoreDuplicateKeyError extends Error {
  override name = 'StoreDuplicateKeyError';
}

export function isDuplicateKey(err: unknown): boolean {
  return err instanceof StoreDuplicateKeyError;
}
