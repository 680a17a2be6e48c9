// Failed admin sign-ins, counted per account (the email typed) and per client address
// (failure-locks.ts). A few failures are free; after them each failure makes the next attempt
// wait twice as long (1 s, 2 s, 4 s ... up to `maxDelayMs`): the lockout. While locked, sign-in
// answers RATE_LIMITED even to the right password, so a guesser learns nothing. Time lifts a
// lock (the delay ends; counts are forgotten after a quiet day), and an operator can lift it at
// once (POST /api/ops/login-locks/lift). A success clears the account's count, never the
// address's (one's own account must not reset a guessing address).
import type { Clock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import type { Store } from '../store/port.js';
import { FailureLocks, type LockPolicy } from './failure-locks.js';

export const loginThrottleRules = {
  account: { freeFailures: 5 },
  address: { freeFailures: 20 },
  firstDelayMs: 1_000,
  maxDelayMs: 3_600_000,
  forgetAfterMs: 24 * 3_600_000,
} as const;

const growing = (freeFailures: number): LockPolicy => ({
  lockMs: (failures) => (failures < freeFailures ? 0 : Math.min(loginThrottleRules.firstDelayMs * 2 ** Math.min(failures - freeFailures, 30), loginThrottleRules.maxDelayMs)),
  forgetAfterMs: loginThrottleRules.forgetAfterMs,
});
const accountPolicy = growing(loginThrottleRules.account.freeFailures);
const addressPolicy = growing(loginThrottleRules.address.freeFailures);

export class LoginThrottle {
  private readonly locks: FailureLocks;

  constructor(store: Store, clock: Clock) {
    this.locks = new FailureLocks(store, clock, 'login_failures');
  }

  /** RATE_LIMITED while the account or the address waits out a delay. */
  refuseWhileLocked(email: string, address: string): Promise<void> {
    return this.locks.refuseWhileLocked([accountKey(email), addressKey(address)], 'too many failed sign-ins: try again later');
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await this.locks.recordFailure(accountKey(email), accountPolicy);
    await this.locks.recordFailure(addressKey(address), addressPolicy);
  }

  recordSuccess(email: string): Promise<void> {
    return this.locks.clear(accountKey(email));
  }

  /** An operator lifts the lock of an account (by email) or of an address. */
  async lift(target: { email?: string; address?: string }): Promise<void> {
    if (target.email) await this.locks.clear(accountKey(target.email));
    if (target.address) await this.locks.clear(addressKey(target.address));
  }
}

const accountKey = (email: string) => `account:${sha256Hex(email.trim().toLowerCase()).slice(0, 40)}`;
const addressKey = (address: string) => `address:${sha256Hex(address).slice(0, 40)}`;
