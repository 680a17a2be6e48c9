// Refused commands, kept by txId. A txId is the idempotency key of a command, refused or not
// (DESIGN: "the same txId sent again returns the first ack"): a payment refused for lack of funds
// must stay refused when a delayed duplicate of it arrives after a top-up; otherwise the card is
// charged for a sale the terminal showed as refused (found by `npm run chaos`).
// Invariants: a refusal is written before it is answered (as an accepted row is); a txId
// refused is never accepted by the wallet's chain while it is loaded in memory (Chain keeps the
// wallet's refusals). The ledger holds accepted commands only: refusals live beside it.
import type { Collection, Store } from '../store/port.js';
import { BatchInserter, type InsertOutcome } from '../store/batch-insert.js';
import { AppError, appErrorFromData } from '../shared/errors.js';

export interface Refusal {
  /** The refused command's txId. */
  _id: string;
  wallet: string;
  requestHash: string;
  error: { code: string; message: string; details: Record<string, unknown> };
  at: number;
}

export class Refusals {
  readonly collection: Collection<Refusal>;
  private readonly inserter: BatchInserter<Refusal>;

  constructor(store: Store, groupCommitMs = 2) {
    this.collection = store.collection<Refusal>('ledger_refusals');
    this.inserter = new BatchInserter(this.collection, groupCommitMs);
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndexes([{ name: 'wallet_at', keys: { wallet: 1, at: 1 } }]);
  }

  /** 'duplicate' when this txId was refused already (by a duplicate of the command elsewhere). */
  record(refusal: Refusal): Promise<InsertOutcome> {
    return this.inserter.insert(refusal);
  }

  byTxId(txId: string): Promise<Refusal | null> {
    return this.collection.findOne({ _id: txId });
  }

  /** The latest refusals of a wallet, newest first (a chain loads them with its rows). */
  latestOf(wallet: string, limit: number): Promise<Refusal[]> {
    return this.collection.find({ wallet }, { sort: { at: -1 }, limit });
  }
}

export function refusalOf(txId: string, wallet: string, requestHash: string, err: AppError, at: number): Refusal {
  return { _id: txId, wallet, requestHash, error: { code: err.code, message: err.message, details: err.details }, at };
}

/** The first answer again, or a conflict if the txId now carries another request. */
export function replayRefusal(refusal: Refusal, requestHash: string): AppError {
  if (refusal.requestHash !== requestHash) {
    return new AppError('DUPLICATE_TX_CONFLICT', 'this txId was already used for a different request', { txId: refusal._id });
  }
  return appErrorFromData(refusal.error);
}
