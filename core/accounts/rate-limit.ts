// A fixed-window rate limit kept in the store, so every app node counts the same requests
// (a magic link asked on node A then on node B is two requests of one email). One document per
// key and window: an upsert with $inc counts, atomically, on both store adapters.
import type { Clock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import { AppError } from '../shared/errors.js';
import type { Collection, Store } from '../store/port.js';

export interface RateRule {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

interface CounterDoc {
  _id: string;
  count: number;
  expiresAt: number;
}

export class StoreRateLimiter {
  private readonly docs: Collection<CounterDoc>;
  private sweptAt = 0;

  constructor(
    store: Store,
    private readonly clock: Clock,
    collection = 'rate_limits',
  ) {
    this.docs = store.collection<CounterDoc>(collection);
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'expires', keys: { expiresAt: 1 } }]);
  }

  /**
   * Counts one request for `key` (stored hashed: keys hold emails and IPs); RATE_LIMITED once
   * the window's count passes `rule.max`. Refused requests count too, so hammering stays refused.
   */
  async hit(key: string, rule: RateRule): Promise<void> {
    const { count, retryAfterMs } = await this.record(key, rule);
    if (count > rule.max) throw limited(retryAfterMs);
  }

  /** Counts one event (a failed attempt) without refusing anything. */
  async record(key: string, rule: RateRule): Promise<{ count: number; retryAfterMs: number }> {
    const { id, now, retryAfterMs } = this.window(key, rule);
    await this.docs.updateOne({ _id: id }, { $inc: { count: 1 }, $setOnInsert: { expiresAt: now + retryAfterMs } }, { upsert: true });
    const doc = await this.docs.findOne({ _id: id });
    await this.sweep(now, rule.windowMs);
    return { count: doc?.count ?? 0, retryAfterMs };
  }

  /** RATE_LIMITED when `rule.max` events were already recorded for `key` in this window; counts nothing. */
  async refuseOver(key: string, rule: RateRule): Promise<void> {
    const { id, retryAfterMs } = this.window(key, rule);
    const doc = await this.docs.findOne({ _id: id });
    if ((doc?.count ?? 0) >= rule.max) throw limited(retryAfterMs);
  }

  private window(key: string, rule: RateRule) {
    const now = this.clock.now();
    const windowStart = now - (now % rule.windowMs);
    return { id: `${sha256Hex(key).slice(0, 40)}:${windowStart}`, now, retryAfterMs: windowStart + rule.windowMs - now };
  }

  /** Old windows are deleted now and then, so the collection stays as small as the live windows. */
  private async sweep(now: number, windowMs: number): Promise<void> {
    if (now - this.sweptAt < windowMs) return;
    this.sweptAt = now;
    await this.docs.deleteMany({ expiresAt: { $lt: now } });
  }
}

function limited(retryAfterMs: number): AppError {
  return new AppError('RATE_LIMITED', 'too many requests: try again in a few minutes', { retryAfterMs });
}
