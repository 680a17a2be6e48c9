// The in-memory state of one chain (a wallet or a point of sale) and the only way to write to it.
// Invariants:
// - a command is evaluated only after its txId is known to be new (replay returns the first
//   result, with no re-evaluation against a changed balance);
// - a refusal the caller declares final is recorded before it is answered, and a replay gets it
//   again: a txId refused is never accepted later (a delayed duplicate after a top-up);
// - memory changes only after the row is durably written (ack after write);
// - a unique-index refusal on (wallet, seq) means another writer appended: reload, re-evaluate;
// - a wallet balance never goes below zero.
import { AppError, invariant, isAppError } from '../shared/errors.js';
import type { Ledger } from './ledger.js';
import { genesisHash, netFor, rowHash, sealRow, type LedgerRow, type RowDraft } from './ledger-row.js';
import { refusalOf, replayRefusal, type Refusal } from './refusals.js';

export interface Committed {
  row: LedgerRow;
  replayed: boolean;
}

export interface ExecuteOptions {
  /** Refusals of `build` that are the command's answer (recorded, replayed); others are thrown as they are. */
  isFinalRefusal?(err: AppError): boolean;
}

const maxStaleRetries = 3;
const recentTxLimit = 2_000;

export class Chain {
  seq = 0;
  hash = genesisHash;
  readonly balances = new Map<string, number>();
  /**
   * The latest txIds of this chain. Only the ids: thousands of live wallets keep them and a major
   * GC marks every object they hold; a replay, rare, reads its row back.
   */
  private readonly recent = new Set<string>();
  private readonly refused = new Map<string, Refusal>();
  private dirty = true;

  constructor(
    readonly wallet: string,
    private readonly ledger: Ledger,
    private readonly snapshotEvery = 100,
  ) {}

  /** Loads the snapshot and the rows after it, verifying their hash chain. */
  async load(): Promise<void> {
    const snap = await this.ledger.snapshot(this.wallet);
    this.seq = snap?.seq ?? 0;
    this.hash = snap?.hash ?? genesisHash;
    this.balances.clear();
    for (const [asset, amount] of Object.entries(snap?.balances ?? {})) this.balances.set(asset, amount);
    this.recent.clear();
    for (const row of await this.ledger.rowsAfter(this.wallet, this.seq)) this.apply(row, 'verify');
    this.refused.clear();
    for (const refusal of (await this.ledger.refusals.latestOf(this.wallet, recentTxLimit)).reverse()) this.rememberRefusal(refusal);
    this.dirty = false;
  }

  balance(asset: string): number {
    return this.balances.get(asset) ?? 0;
  }

  /**
   * Runs one command: replay if its txId is known, else `build` a draft from the current state
   * (throwing AppError to refuse) and append it. Retries on a stale-writer refusal.
   */
  async execute(txId: string, requestHash: string, build: () => RowDraft | Promise<RowDraft>, options: ExecuteOptions = {}): Promise<Committed> {
    for (let attempt = 0; attempt < maxStaleRetries; attempt++) {
      if (this.dirty) await this.load();
      if (this.recent.has(txId)) {
        const seen = await this.ledger.byTxId(txId);
        if (seen) return replay(seen, requestHash);
      }
      const refusal = this.refused.get(txId);
      if (refusal) throw replayRefusal(refusal, requestHash);
      let draft: RowDraft;
      try {
        draft = await build();
      } catch (err) {
        if (!isAppError(err)) throw err;
        // A refusal may hide a replay whose first run changed the state: ask the ledger.
        const stored = await this.ledger.byTxId(txId);
        if (stored) return replay(stored, requestHash);
        if (!options.isFinalRefusal?.(err)) throw err;
        throw await this.refuse(txId, requestHash, err);
      }
      const row = sealRow(draft, this.wallet, this.seq + 1, this.hash, this.ledger.clock.now());
      const outcome = await this.ledger.append(row).catch((err) => {
        this.dirty = true; // unknown outcome: the next command reloads and sees the truth
        throw new AppError('UNAVAILABLE', `ledger write failed: ${String(err?.message ?? err)}`);
      });
      if (outcome === 'written') {
        this.apply(row, 'sealed-here'); // its hash was computed just now: no need to check it again
        if (this.seq % this.snapshotEvery === 0) void this.saveSnapshot().catch(() => undefined);
        return { row, replayed: false };
      }
      const stored = await this.ledger.byTxId(txId);
      if (stored) return replay(stored, requestHash);
      this.dirty = true; // (wallet, seq) taken: a stale actor elsewhere wrote; reload and retry
    }
    // Nothing was written for this txId: the same command resent is safe (hence not CONFLICT).
    throw new AppError('UNAVAILABLE', `wallet ${this.wallet} is being written elsewhere; resend the same command`);
  }

  async saveSnapshot(): Promise<void> {
    if (this.dirty || this.seq === 0) return;
    await this.ledger.saveSnapshot({
      _id: this.wallet,
      seq: this.seq,
      hash: this.hash,
      balances: Object.fromEntries(this.balances),
      at: this.ledger.clock.now(),
    });
  }

  /** Records a final refusal before it is answered; returns the error to throw (the first refusal if a duplicate won). */
  private async refuse(txId: string, requestHash: string, err: AppError): Promise<AppError> {
    const refusal = refusalOf(txId, this.wallet, requestHash, err, this.ledger.clock.now());
    const outcome = await this.ledger.refusals.record(refusal).catch((cause) => {
      throw new AppError('UNAVAILABLE', `refusal write failed: ${String(cause?.message ?? cause)}`);
    });
    if (outcome === 'written') {
      this.rememberRefusal(refusal);
      return err;
    }
    const first = await this.ledger.refusals.byTxId(txId);
    if (!first) return err;
    this.rememberRefusal(first);
    return replayRefusal(first, requestHash);
  }

  private rememberRefusal(refusal: Refusal): void {
    this.refused.set(refusal._id, refusal);
    if (this.refused.size > recentTxLimit) this.refused.delete(this.refused.keys().next().value!);
  }

  /** Marks the memory as untrusted: the next command reloads from the store. */
  invalidate(): void {
    this.dirty = true;
  }

  private apply(row: LedgerRow, origin: 'verify' | 'sealed-here'): void {
    invariant(row.seq === this.seq + 1, `chain ${this.wallet}: expected seq ${this.seq + 1}, got ${row.seq}`);
    invariant(row.prevHash === this.hash && (origin === 'sealed-here' || rowHash(row) === row.hash), `chain ${this.wallet}: hash chain broken at seq ${row.seq}`);
    for (const [asset, delta] of netFor(row.legs, this.wallet)) {
      const next = this.balance(asset) + delta;
      invariant(next >= 0, `chain ${this.wallet}: balance of ${asset} would be ${next}`);
      if (next === 0) this.balances.delete(asset);
      else this.balances.set(asset, next);
    }
    this.seq = row.seq;
    this.hash = row.hash;
    this.recent.add(row.txId);
    if (this.recent.size > recentTxLimit) this.recent.delete(this.recent.values().next().value!);
  }
}

function replay(row: LedgerRow, requestHash: string): Committed {
  if (row.requestHash !== requestHash) {
    throw new AppError('DUPLICATE_TX_CONFLICT', 'this txId was already used for a different request', { txId: row.txId });
  }
  return { row, replayed: true };
}
