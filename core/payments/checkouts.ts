// Checkout records (`checkouts`, _id = the provider's session id): what a buyer started paying
// for and where it stands. Payment events arrive in any order and any number of times; each
// update here is a guarded, idempotent step, and the ledger stays the truth for money moved.
//   pending -> paid -> refunded (fully)        pending -> failed | expired
// A refund seen before the payment is kept in `refundedTotal` and applied once paid.
import type { Clock } from '../clock/port.js';
import type { Collection, Store } from '../store/port.js';
import type { PaymentEvent } from './port.js';

export type CheckoutState = 'pending' | 'paid' | 'failed' | 'expired' | 'refunded';

export interface CheckoutRecord {
  _id: string;
  provider?: string;
  reference?: string;
  /** What was bought: 'topup', 'ticket', 'membership'... (metadata.kind) */
  kind?: string;
  metadata: Record<string, string>;
  state: CheckoutState;
  amountTotal?: number;
  /** Lower case ISO currency of the session we created. */
  currency?: string;
  paymentIntentId?: string;
  paidAt?: number;
  /** Set once the purchase was delivered (top-up credited...), with what fulfilment returned. */
  fulfilledAt?: number;
  fulfilment?: Record<string, unknown>;
  /** Highest cumulative amount the provider says it refunded, in cents. */
  refundedTotal?: number;
  /** Taken back from what was delivered because of refunds, in cents, as of refund total `reversedFor`. */
  reversedTotal?: number;
  reversedFor?: number;
  /** Refunded but no longer recoverable (the money was spent): not taken, reported here. */
  shortfall?: number;
  /** A problem that needs a person (amount mismatch, unknown kind...). */
  error?: string;
  createdAt: number;
  updatedAt: number;
}

export class Checkouts {
  readonly collection: Collection<CheckoutRecord>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.collection = store.collection<CheckoutRecord>('checkouts');
  }

  async start(): Promise<void> {
    await this.collection.ensureIndexes([
      { name: 'reference', keys: { reference: 1 } },
      { name: 'payment_intent', keys: { paymentIntentId: 1 } },
      { name: 'state', keys: { state: 1, createdAt: 1 } },
    ]);
  }

  /** Records a session just created (before the buyer pays), so later events find it. */
  async open(input: { sessionId: string; provider: string; reference: string; metadata: Record<string, string>; amountTotal: number; currency?: string }): Promise<void> {
    const now = this.clock.now();
    await this.collection.updateOne(
      { _id: input.sessionId },
      {
        $setOnInsert: { state: 'pending', createdAt: now, metadata: input.metadata, kind: input.metadata.kind, amountTotal: input.amountTotal, currency: input.currency ?? 'eur' },
        $set: { provider: input.provider, reference: input.reference, updatedAt: now },
      },
      { upsert: true },
    );
  }

  get(sessionId: string): Promise<CheckoutRecord | null> {
    return this.collection.findOne({ _id: sessionId });
  }

  byPaymentIntent(paymentIntentId: string): Promise<CheckoutRecord | null> {
    return this.collection.findOne({ paymentIntentId });
  }

  byReference(reference: string): Promise<CheckoutRecord | null> {
    return this.collection.findOne({ reference });
  }

  /**
   * Keeps the payment intent an event names, on a record we opened; null for a session we never
   * created. What was bought (metadata, kind, amount) is never taken from the event.
   */
  async observe(sessionId: string, event: PaymentEvent): Promise<CheckoutRecord | null> {
    const known: Record<string, unknown> = { updatedAt: this.clock.now() };
    if (event.paymentIntentId) known.paymentIntentId = event.paymentIntentId;
    const res = await this.collection.updateOne({ _id: sessionId }, { $set: known });
    return res.matched ? this.get(sessionId) : null;
  }

  /** Why an event's payment is not the one we asked for (amount or currency), or null when it is. */
  mismatch(checkout: CheckoutRecord, event: PaymentEvent): string | null {
    if (event.amountTotal !== checkout.amountTotal) return `paid ${event.amountTotal} cents for a checkout of ${checkout.amountTotal ?? '?'}`;
    if (event.currency !== undefined && event.currency !== (checkout.currency ?? 'eur')) return `paid in ${event.currency} for a checkout in ${checkout.currency ?? 'eur'}`;
    return null;
  }

  /** pending -> paid; any other state stays as it is (a late duplicate changes nothing). */
  async markPaid(sessionId: string): Promise<void> {
    const now = this.clock.now();
    await this.collection.updateOne({ _id: sessionId, state: 'pending' }, { $set: { state: 'paid', paidAt: now, updatedAt: now } });
  }

  /** pending -> failed | expired; a paid checkout is never failed by a late event. */
  async markUnpaid(sessionId: string, state: 'failed' | 'expired'): Promise<void> {
    await this.collection.updateOne({ _id: sessionId, state: 'pending' }, { $set: { state, updatedAt: this.clock.now() } });
  }

  async markFulfilled(sessionId: string, fulfilment: Record<string, unknown>): Promise<void> {
    const now = this.clock.now();
    await this.collection.updateOne({ _id: sessionId, fulfilledAt: { $exists: false } }, { $set: { fulfilledAt: now, fulfilment, updatedAt: now } });
  }

  /** Raises the cumulative refunded amount; never lowers it (refund events may come out of order). */
  async raiseRefunded(sessionId: string, refundedTotal: number): Promise<void> {
    const set = { $set: { refundedTotal, updatedAt: this.clock.now() } };
    const res = await this.collection.updateOne({ _id: sessionId, refundedTotal: { $lt: refundedTotal } }, set);
    if (!res.matched) await this.collection.updateOne({ _id: sessionId, refundedTotal: { $exists: false } }, set);
  }

  /** Records what reversal took back; `refunded` once everything paid was refunded. */
  async recordReversal(sessionId: string, reversal: { refundedTotal: number; reversedTotal: number; shortfall: number }, fullyRefunded: boolean): Promise<void> {
    // Guarded on the refund total it answers: a slower worker's older answer never overwrites a newer one.
    const set = { $set: { reversedFor: reversal.refundedTotal, reversedTotal: reversal.reversedTotal, shortfall: reversal.shortfall, updatedAt: this.clock.now() } };
    const res = await this.collection.updateOne({ _id: sessionId, reversedFor: { $lte: reversal.refundedTotal } }, set);
    if (!res.matched) await this.collection.updateOne({ _id: sessionId, reversedFor: { $exists: false } }, set);
    if (fullyRefunded) await this.collection.updateOne({ _id: sessionId, state: 'paid' }, { $set: { state: 'refunded' } });
  }

  async recordError(sessionId: string, error: string): Promise<void> {
    await this.collection.updateOne({ _id: sessionId }, { $set: { error, updatedAt: this.clock.now() } });
  }
}
