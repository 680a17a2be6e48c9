// Failed admin sign-ins, counted per account (the email typed) and per client address, in the
// store so every node counts the same. A few failures are free; after them each failure makes
// the next attempt wait twice as long (1 s, 2 s, 4 s ... up to `maxDelayMs`): the lockout. While
// locked, sign-in answers RATE_LIMITED even to the right password, so a guesser learns nothing.
// Time lifts a lock (the delay ends; counts are forgotten after `forgetAfterMs` of quiet), and an
// operator can lift it at once (POST /api/ops/login-locks/lift). A success clears the account's
// count, never the address's (one's own account must not reset a guessing address).
import type { Clock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import { AppError } from '../shared/errors.js';
import type { Collection, Store } from '../store/port.js';

export const loginThrottleRules = {
  account: { freeFailures: 5 },
  address: { freeFailures: 20 },
  firstDelayMs: 1_000,
  maxDelayMs: 3_600_000,
  forgetAfterMs: 24 * 3_600_000,
} as const;

interface FailureDoc {
  _id: string;
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly docs: Collection<FailureDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.docs = store.collection<FailureDoc>('login_failures');
  }

  /** RATE_LIMITED while the account or the address waits out a delay. */
  async refuseWhileLocked(email: string, address: string): Promise<void> {
    const now = this.clock.now();
    for (const id of keys(email, address)) {
      const doc = await this.docs.findOne({ _id: id });
      if (doc && doc.lockedUntil > now) {
        throw new AppError('RATE_LIMITED', 'too many failed sign-ins: try again later', { retryAfterMs: doc.lockedUntil - now });
      }
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const now = this.clock.now();
    const [accountKey, addressKey] = keys(email, address);
    await this.count(accountKey!, loginThrottleRules.account.freeFailures, now);
    await this.count(addressKey!, loginThrottleRules.address.freeFailures, now);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.docs.deleteMany({ _id: accountKey(email) });
  }

  /** An operator lifts the lock of an account (by email) or of an address. */
  async lift(target: { email?: string; address?: string }): Promise<void> {
    if (target.email) await this.docs.deleteMany({ _id: accountKey(target.email) });
    if (target.address) await this.docs.deleteMany({ _id: addressKey(target.address) });
  }

  private async count(id: string, freeFailures: number, now: number): Promise<void> {
    // Counts are forgotten after a quiet day: an old typo does not shorten today's allowance.
    await this.docs.deleteMany({ _id: id, lastFailureAt: { $lt: now - loginThrottleRules.forgetAfterMs } });
    await this.docs.updateOne({ _id: id }, { $inc: { failures: 1 }, $set: { lastFailureAt: now }, $setOnInsert: { lockedUntil: 0 } }, { upsert: true });
    const failures = (await this.docs.findOne({ _id: id }))?.failures ?? 1;
    if (failures < freeFailures) return;
    const delayMs = Math.min(loginThrottleRules.firstDelayMs * 2 ** Math.min(failures - freeFailures, 30), loginThrottleRules.maxDelayMs);
    await this.docs.updateOne({ _id: id }, { $set: { lockedUntil: now + delayMs } });
  }
}

const accountKey = (email: string) => `account:${sha256Hex(email.trim().toLowerCase()).slice(0, 40)}`;
const addressKey = (address: string) => `address:${sha256Hex(address).slice(0, 40)}`;

function keys(email: string, address: string): string[] {
  return [accountKey(email), addressKey(address)];
}
