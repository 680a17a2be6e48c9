// Failed attempts at a secret (a password, a staff PIN), counted per key in the store so every
// node counts the same, and the lock they earn: a policy turns the failure count into how long
// the key is refused (0: not yet). A success clears the key; counts are forgotten after a quiet
// `forgetAfterMs`. Used by the admin sign-in throttle and the terminal unlock lockout.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import type { Collection, Store } from '../store/port.js';

export interface LockPolicy {
  /** How long the key is locked after its `failures`-th failure, in ms (0: not locked). */
  lockMs(failures: number): number;
  forgetAfterMs: number;
}

interface FailureDoc {
  _id: string;
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
  /** What the key belongs to, for listing (a point of sale). */
  tag?: string;
}

export class FailureLocks {
  private readonly docs: Collection<FailureDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    collection: string,
  ) {
    this.docs = store.collection<FailureDoc>(collection);
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'tag', keys: { tag: 1 } }]);
  }

  /** RATE_LIMITED (with `retryAfterMs` and `details`) while one of `ids` is locked. */
  async refuseWhileLocked(ids: string[], message: string, details: Record<string, unknown> = {}): Promise<void> {
    const now = this.clock.now();
    for (const id of ids) {
      const doc = await this.docs.findOne({ _id: id });
      if (doc && doc.lockedUntil > now) throw new AppError('RATE_LIMITED', message, { retryAfterMs: doc.lockedUntil - now, ...details });
    }
  }

  /** Counts one failure; returns until when the key is now locked (0: it is not). */
  async recordFailure(id: string, policy: LockPolicy, tag?: string): Promise<number> {
    const now = this.clock.now();
    await this.docs.deleteMany({ _id: id, lastFailureAt: { $lt: now - policy.forgetAfterMs } });
    await this.docs.updateOne({ _id: id }, { $inc: { failures: 1 }, $set: { lastFailureAt: now }, $setOnInsert: { lockedUntil: 0, ...(tag ? { tag } : {}) } }, { upsert: true });
    const failures = (await this.docs.findOne({ _id: id }))?.failures ?? 1;
    const lockMs = policy.lockMs(failures);
    if (lockMs <= 0) return 0;
    await this.docs.updateOne({ _id: id }, { $set: { lockedUntil: now + lockMs } });
    return now + lockMs;
  }

  async clear(id: string): Promise<void> {
    await this.docs.deleteMany({ _id: id });
  }

  /** Key -> locked until, for the keys of `tag` locked now. */
  async lockedWithTag(tag: string): Promise<Map<string, number>> {
    const rows = await this.docs.find({ tag, lockedUntil: { $gt: this.clock.now() } });
    return new Map(rows.map((d) => [d._id, d.lockedUntil]));
  }
}
