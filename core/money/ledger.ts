// The ledger's storage: append-only rows and wallet snapshots.
// Group commit: rows appended within `groupCommitMs` go to the store in one unordered
// insertMany, so a payment costs a fraction of a store round trip under load. The unique
// indexes are the final guard: `_id` = wallet#seq refuses a stale writer, `txId` a replay.
import type { Clock } from '../clock/port.js';
import type { Collection, Store } from '../store/port.js';
import { isDuplicateKey } from '../store/port.js';
import type { LedgerRow } from './ledger-row.js';

export interface WalletSnapshot {
  _id: string;
  seq: number;
  hash: string;
  balances: Record<string, number>;
  at: number;
}

export type AppendOutcome = 'written' | 'duplicate';

interface Pending {
  row: LedgerRow;
  resolve: (outcome: AppendOutcome) => void;
  reject: (err: unknown) => void;
}

export interface LedgerOptions {
  groupCommitMs?: number;
  maxBatch?: number;
}

export class Ledger {
  readonly rows: Collection<LedgerRow>;
  readonly snapshots: Collection<WalletSnapshot>;
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly groupCommitMs: number;
  private readonly maxBatch: number;
  private flushes = 0;

  constructor(
    store: Store,
    readonly clock: Clock,
    options: LedgerOptions = {},
  ) {
    this.rows = store.collection<LedgerRow>('ledger');
    this.snapshots = store.collection<WalletSnapshot>('wallets');
    this.groupCommitMs = options.groupCommitMs ?? 2;
    this.maxBatch = options.maxBatch ?? 500;
  }

  async ensureIndexes(): Promise<void> {
    await this.rows.ensureIndexes([
      { name: 'txId_unique', keys: { txId: 1 }, unique: true },
      { name: 'wallet_seq', keys: { wallet: 1, seq: 1 }, unique: true },
      { name: 'collective_at', keys: { collectiveId: 1, at: 1 } },
      { name: 'pos_at', keys: { posId: 1, at: 1 } },
    ]);
  }

  /** Resolves once the row is durably written ('written') or refused by a unique index ('duplicate'). */
  append(row: LedgerRow): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flushNow();
      else if (!this.timer) this.timer = setTimeout(() => this.flushNow(), this.groupCommitMs);
    });
  }

  /** Number of insertMany calls made (one per group commit). */
  flushCount(): number {
    return this.flushes;
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

  private flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    this.flushes++;
    this.rows.insertMany(batch.map((p) => p.row)).then(
      ({ duplicates }) => {
        const refused = new Set(duplicates);
        batch.forEach((p, i) => p.resolve(refused.has(i) ? 'duplicate' : 'written'));
      },
      (err) => batch.forEach((p) => p.reject(err)),
    );
  }
}
