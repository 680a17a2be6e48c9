// Recurring payments of the demo provider, imitating Stripe Billing's lifecycle with the
// app's clock (a fake one in tests). NO REAL MONEY MOVES. A paid subscription checkout starts
// a subscription whose first invoice is paid at once; each `runBilling()` charges the
// subscriptions whose period ended: paid (the period moves on from its anchor, as Stripe
// keeps the billing date), failed (the same invoice is retried at the next run), or, when the
// holder cancelled, the subscription is deleted at its period end. Events carry the metadata
// of the checkout, and their ids are deterministic: running twice delivers the same events.
import type { Clock } from '../clock/port.js';
import { addUtcMonths } from '../memberships/products.js';
import { AppError } from '../shared/errors.js';
import type { Store } from '../store/port.js';
import type { PaymentEvent } from './port.js';

export interface DemoSubscriptionDoc {
  _id: string;
  sessionId: string;
  amount: number;
  interval: 'month' | 'year';
  metadata: Record<string, string>;
  state: 'active' | 'deleted';
  /** End of the period paid last: the next invoice is due then. */
  periodEnd: number;
  /** Number of the invoice due next (1 was paid at checkout). */
  nextInvoice: number;
  /** Failed attempts of the invoice due next. */
  attempts: number;
  cancelAtPeriodEnd: boolean;
  /** Test hook: how many coming charges fail. */
  failNext: number;
}

export interface DemoBilling {
  /** Starts the subscription of a paid session and pays its first invoice. */
  startFromSession(session: { _id: string; total: number; metadata: Record<string, string> }, interval: 'month' | 'year'): Promise<void>;
  cancel(subscriptionId: string): Promise<void>;
  /** Charges every subscription whose period ended (as Stripe's billing does on its own). */
  runBilling(): Promise<PaymentEvent[]>;
  /** Makes the next `count` charges of a subscription fail (a card refused). */
  failNextPayments(subscriptionId: string, count: number): Promise<void>;
  subscriptionOfSession(sessionId: string): Promise<DemoSubscriptionDoc | null>;
}

const maxPerRun = 500;

export function createDemoBilling(options: { store: Store; clock: Clock; deliver(event: PaymentEvent): Promise<void> }): DemoBilling {
  const subs = options.store.collection<DemoSubscriptionDoc>('demo_subscriptions');
  const next = (s: DemoSubscriptionDoc, from: number) => addUtcMonths(from, s.interval === 'year' ? 12 : 1);
  const event = (s: DemoSubscriptionDoc, type: PaymentEvent['type'], suffix: string): PaymentEvent => ({
    id: `evt_demo_${s._id}_${suffix}`,
    type,
    sessionId: null,
    amountTotal: s.amount,
    metadata: s.metadata,
    subscriptionId: s._id,
    ...(type === 'subscription.deleted' ? {} : { invoiceId: `in_demo_${s._id}_${s.nextInvoice}` }),
  });

  async function charge(s: DemoSubscriptionDoc): Promise<PaymentEvent> {
    if (s.cancelAtPeriodEnd) {
      await subs.updateOne({ _id: s._id, state: 'active' }, { $set: { state: 'deleted' } });
      return event(s, 'subscription.deleted', 'deleted');
    }
    if (s.failNext > 0) {
      // Guarded on the attempt counted: two runs at once record one failed attempt.
      await subs.updateOne({ _id: s._id, attempts: s.attempts }, { $inc: { attempts: 1, failNext: -1 } });
      return event(s, 'invoice.payment_failed', `invoice_${s.nextInvoice}_failed_${s.attempts + 1}`);
    }
    await subs.updateOne({ _id: s._id, nextInvoice: s.nextInvoice }, { $set: { periodEnd: next(s, s.periodEnd), nextInvoice: s.nextInvoice + 1, attempts: 0 } });
    return event(s, 'invoice.paid', `invoice_${s.nextInvoice}_paid`);
  }

  return {
    async startFromSession(session, interval) {
      const now = options.clock.now();
      const doc: DemoSubscriptionDoc = {
        _id: `sub_demo_${session._id.replace(/^cs_demo_/, '')}`,
        sessionId: session._id,
        amount: session.total,
        interval,
        metadata: session.metadata,
        state: 'active',
        periodEnd: now,
        nextInvoice: 1,
        attempts: 0,
        cancelAtPeriodEnd: false,
        failNext: 0,
      };
      await subs.updateOne({ _id: doc._id }, { $setOnInsert: { ...doc } }, { upsert: true });
      const stored = (await subs.findOne({ _id: doc._id }))!;
      if (stored.nextInvoice === 1) await options.deliver(await charge({ ...stored, failNext: 0, cancelAtPeriodEnd: false }));
    },
    async cancel(subscriptionId) {
      const { matched } = await subs.updateOne({ _id: subscriptionId }, { $set: { cancelAtPeriodEnd: true } });
      if (!matched) throw new AppError('NOT_FOUND', 'no such demo subscription');
    },
    async runBilling() {
      const due = await subs.find({ state: 'active', periodEnd: { $lte: options.clock.now() } }, { limit: maxPerRun });
      const events: PaymentEvent[] = [];
      for (const s of due) {
        const e = await charge(s);
        await options.deliver(e);
        events.push(e);
      }
      return events;
    },
    async failNextPayments(subscriptionId, count) {
      await subs.updateOne({ _id: subscriptionId }, { $set: { failNext: count } });
    },
    subscriptionOfSession: (sessionId) => subs.findOne({ sessionId }),
  };
}
