// The ledger's storage: append-only rows and wallet snapshots.
// Group commit: rows appended within `groupCommitMs` go to the store in one unordered
// insertMany, so a payment costs a fraction of a store round trip under load. The unique
// indexes are the final guard: `_id` = wallet#seq refuses a stale writer, `txId` a replay.
// Refused commands are kept beside the rows (refusals.ts), so a txId keeps its first answer.
import type { Clock } from '../clock/port.js';
import type { Collection, Store } from '../store/port.js';
import { isDuplicateKey } from '../store/port.js';
import { BatchInserter, type InsertOutcome } from '../store/batch-insert.js';
import type { LedgerRow } from './ledger-row.js';
import { Refusals } from './refusals.js';

export interface WalletSnapshot {
  _id: string;
  seq: number;
  hash: string;
  balances: Record<string, number>;
  at: number;
}

export type AppendOutcome = InsertOutcome;

export interface LedgerOptions {
  groupCommitMs?: number;
  maxBatch?: number;
}

export class Ledger {
  readonly rows: Collection<LedgerRow>;
  readonly snapshots: Collection<WalletSnapshot>;
  readonly refusals: Refusals;
  private readonly inserter: BatchInserter<LedgerRow>;
  private readonly listeners: Array<(row: LedgerRow) => void> = [];

  constructor(
    store: Store,
    readonly clock: Clock,
    options: LedgerOptions = {},
  ) {
    this.rows = store.collection<LedgerRow>('ledger');
    this.snapshots = store.collection<WalletSnapshot>('wallets');
    this.inserter = new BatchInserter(this.rows, options.groupCommitMs ?? 2, options.maxBatch ?? 500);
    this.refusals = new Refusals(store, options.groupCommitMs ?? 2);
  }

  async ensureIndexes(): Promise<void> {
    await this.rows.ensureIndexes([
      { name: 'txId_unique', keys: { txId: 1 }, unique: true },
      { name: 'wallet_seq', keys: { wallet: 1, seq: 1 }, unique: true },
      { name: 'collective_at', keys: { collectiveId: 1, at: 1 } },
      { name: 'pos_at', keys: { posId: 1, at: 1 } },
    ]);
    await this.refusals.ensureIndexes();
  }

  /** Resolves once the row is durably written ('written') or refused by a unique index ('duplicate'). */
  async append(row: LedgerRow): Promise<AppendOutcome> {
    const outcome = await this.inserter.insert(row);
    if (outcome === 'written') for (const listener of this.listeners) listener(row);
    return outcome;
  }

  /** Called after each row is durably written (live views; never for replays). */
  onWritten(listener: (row: LedgerRow) => void): void {
    this.listeners.push(listener);
  }

  /** Number of insertMany calls made (one per group commit). */
  flushCount(): number {
    return this.inserter.flushCount();
  }

  byTxId(txId: string): Promise<LedgerRow | null> {
    return this.rows.findOne({ txId });
  }

  rowsAfter(wallet: string, seq: number): Promise<LedgerRow[]> {
    return this.rows.find({ wallet, seq: { $gt: seq } }, { sort: { seq: 1 } });
  }

  snapshot(wallet: string): Promise<WalletSnapshot | null> {
    return this.snapshots.findOne({ _id: wallet });
  }

  /** Saves a snapshot unless a newer one is there (guarded: snapshots only move forward). */
  async saveSnapshot(snap: WalletSnapshot): Promise<void> {
    try {
      await this.snapshots.updateOne(
        { _id: snap._id, seq: { $lt: snap.seq } },
        { $set: { seq: snap.seq, hash: snap.hash, balances: snap.balances, at: snap.at } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // a newer snapshot exists: nothing to do
    }
  }
}
