// Staff PINs are 4 to 8 digits: guessable if a terminal may try forever. After
// `maxUnlockFailures` wrong cards or PINs in a row, a terminal's unlock is locked for
// `unlockLockMs` (every node: the count is in the store), even for the right PIN; the admin sees
// it in the terminal list (and the log warns) and may lift it at once. A success resets the count.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { Collection, Store } from '../store/port.js';

export const maxUnlockFailures = 5;
export const unlockLockMs = 15 * 60_000;

export interface UnlockLockout {
  _id: string; // the terminal
  posId: string;
  failures: number;
  lockedUntil: number;
}

export class UnlockLockouts {
  private readonly docs: Collection<UnlockLockout>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.docs = store.collection<UnlockLockout>('unlock_lockouts');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'pos', keys: { posId: 1 } }]);
  }

  async refuseWhileLocked(terminalId: string): Promise<void> {
    const doc = await this.docs.findOne({ _id: terminalId });
    const now = this.clock.now();
    if (doc && doc.lockedUntil > now) {
      throw new AppError('RATE_LIMITED', 'too many wrong PINs: this register’s unlock is locked; an admin can lift it', { retryAfterMs: doc.lockedUntil - now, reason: 'UNLOCK_LOCKED' });
    }
  }

  async recordFailure(terminalId: string, posId: string): Promise<void> {
    await this.docs.updateOne({ _id: terminalId }, { $inc: { failures: 1 }, $setOnInsert: { posId, lockedUntil: 0 } }, { upsert: true });
    const doc = await this.docs.findOne({ _id: terminalId });
    if (!doc || doc.failures < maxUnlockFailures) return;
    const lockedUntil = this.clock.now() + unlockLockMs;
    await this.docs.updateOne({ _id: terminalId }, { $set: { lockedUntil, failures: 0 } });
    logger.warn({ terminalId, posId, lockedUntil }, 'terminal unlock locked after repeated wrong staff cards or PINs');
  }

  async recordSuccess(terminalId: string): Promise<void> {
    await this.docs.deleteMany({ _id: terminalId });
  }

  /** Terminal id -> locked until (ms), for the terminals still locked on this POS. */
  async lockedOn(posId: string): Promise<Map<string, number>> {
    const now = this.clock.now();
    return new Map((await this.docs.find({ posId, lockedUntil: { $gt: now } })).map((d) => [d._id, d.lockedUntil]));
  }

  async lift(terminalId: string): Promise<void> {
    await this.docs.deleteMany({ _id: terminalId });
  }
}
