import { invariant } from '../shared/errors.js';

/** A lease lives a whole, positive number of milliseconds (Redis PX refuses anything else). */
export function checkTtl(ttlMs: number): void {
  invariant(Number.isSafeInteger(ttlMs) && ttlMs > 0, `lease ttl must be a positive integer of ms, got ${ttlMs}`);
}
