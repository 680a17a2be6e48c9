// Staff PINs are 4 to 8 digits: guessable if a terminal may try forever. After
// `maxUnlockFailures` wrong cards or PINs, a terminal's unlock is locked for `unlockLockMs`
// (every node: the count is in the store, accounts/failure-locks.ts), even for the right PIN;
// each further failure locks it again. The admin sees it in the terminal list (and the log
// warns) and may lift it at once. A success resets the count.
import { FailureLocks, type LockPolicy } from '../accounts/failure-locks.js';
import type { Clock } from '../clock/port.js';
import { logger } from '../shared/logger.js';
import type { Store } from '../store/port.js';

export const maxUnlockFailures = 5;
export const unlockLockMs = 15 * 60_000;

const policy: LockPolicy = { lockMs: (failures) => (failures >= maxUnlockFailures ? unlockLockMs : 0), forgetAfterMs: 24 * 3_600_000 };

export class UnlockLockouts {
  private readonly locks: FailureLocks;

  constructor(store: Store, clock: Clock) {
    this.locks = new FailureLocks(store, clock, 'unlock_lockouts');
  }

  start(): Promise<void> {
    return this.locks.start();
  }

  refuseWhileLocked(terminalId: string): Promise<void> {
    return this.locks.refuseWhileLocked([terminalId], 'too many wrong PINs: this register’s unlock is locked; an admin can lift it', { reason: 'UNLOCK_LOCKED' });
  }

  async recordFailure(terminalId: string, posId: string): Promise<void> {
    const lockedUntil = await this.locks.recordFailure(terminalId, policy, posId);
    if (lockedUntil) logger.warn({ terminalId, posId, lockedUntil }, 'terminal unlock locked after repeated wrong staff cards or PINs');
  }

  recordSuccess(terminalId: string): Promise<void> {
    return this.locks.clear(terminalId);
  }

  /** Terminal id -> locked until (ms), for the terminals of this POS locked now. */
  lockedOn(posId: string): Promise<Map<string, number>> {
    return this.locks.lockedWithTag(posId);
  }

  lift(terminalId: string): Promise<void> {
    return this.locks.clear(terminalId);
  }
}
