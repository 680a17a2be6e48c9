// The demo payment provider of embedded mode. NO REAL MONEY MOVES: the "checkout page" is a
// local page (/demo-checkout/:sessionId) clearly labelled as a demonstration, and "paying"
// produces the same normalised events a real Stripe webhook would, so the `stripe` job queue
// runs exactly the code it runs in production. Sessions live in the store (`demo_checkouts`).
import type { Clock } from '../clock/port.js';
import { isDuplicateKey, type Store } from '../store/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { checkoutTotal, type CheckoutLine, type CheckoutRequest, type CheckoutSession, type PaymentEvent, type PaymentProvider } from './port.js';
import { createDemoBilling, type DemoBilling } from './demo-billing.js';
import { demoCheckoutPage } from './demo-page.js';

export interface DemoProviderOptions {
  store: Store;
  clock: Clock;
  /** Public base URL of the app (the checkout page lives under it), without a trailing slash. */
  publicUrl: string;
  /** Hands an event to the `stripe` queue (enqueuePaymentEvent), as Stripe's webhook would. */
  deliver(event: PaymentEvent): Promise<void>;
}

export interface DemoProvider extends PaymentProvider {
  readonly name: 'demo';
  /** The demo checkout page: 200 with the form, or 404 for an unknown session. */
  page(sessionId: string): Promise<{ status: number; html: string }>;
  /** "Pays" a session (idempotent: a second click yields the same event) and delivers the event. */
  complete(sessionId: string): Promise<{ event: PaymentEvent; redirectUrl: string }>;
  /** Lets a session expire unpaid (what Stripe does after 24 h) and delivers the event. */
  expire(sessionId: string): Promise<PaymentEvent>;
  /** Recurring payments started by subscription checkouts (demo-billing.ts). */
  billing: DemoBilling;
}

export interface DemoSessionDoc {
  _id: string;
  reference: string;
  lines: CheckoutLine[];
  total: number;
  customerEmail?: string;
  successUrl: string;
  cancelUrl: string;
  metadata: Record<string, string>;
  recurring?: { interval: 'month' | 'year' };
  state: 'open' | 'paid' | 'expired';
  paymentIntentId: string;
  refunded: number;
  createdAt: number;
}

export function createDemoProvider(options: DemoProviderOptions): DemoProvider {
  const sessions = options.store.collection<DemoSessionDoc>('demo_checkouts');
  let indexed: Promise<void> | null = null;
  const ensureIndexes = () =>
    (indexed ??= sessions.ensureIndexes([
      { name: 'reference_unique', keys: { reference: 1 }, unique: true },
      { name: 'payment_intent', keys: { paymentIntentId: 1 } },
    ]));
  const load = async (sessionId: string) => {
    const doc = await sessions.findOne({ _id: sessionId });
    if (!doc) throw new AppError('NOT_FOUND', 'unknown demo checkout session');
    return doc;
  };
  const billing = createDemoBilling(options);
  const settle = async (doc: DemoSessionDoc, state: 'paid' | 'expired') => {
    // Compare-and-set from open: a double click or a race yields one outcome, reported to both.
    await sessions.updateOne({ _id: doc._id, state: 'open' }, { $set: { state } });
    return load(doc._id);
  };

  return {
    name: 'demo',
    billing,

    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      const total = checkoutTotal(request);
      await ensureIndexes();
      // The reference is the idempotency key, as Stripe's idempotency key is for a real session.
      const existing = await sessions.findOne({ reference: request.reference });
      const id = existing?._id ?? `cs_demo_${newId()}`;
      if (!existing) {
        await sessions.insertOne({
          _id: id,
          reference: request.reference,
          lines: request.lines,
          total,
          customerEmail: request.customerEmail,
          successUrl: request.successUrl,
          cancelUrl: request.cancelUrl,
          metadata: { ...request.metadata, reference: request.reference },
          ...(request.recurring ? { recurring: request.recurring } : {}),
          state: 'open',
          paymentIntentId: `pi_demo_${id.slice('cs_demo_'.length)}`,
          refunded: 0,
          createdAt: options.clock.now(),
        }).catch((err) => {
          if (!isDuplicateKey(err)) throw err;
        });
      }
      const stored = existing ?? (await sessions.findOne({ reference: request.reference }));
      const sessionId = stored?._id ?? id;
      return { sessionId, url: `${options.publicUrl}/demo-checkout/${encodeURIComponent(sessionId)}` };
    },

    parseWebhook(): PaymentEvent | null {
      // Nothing outside this process speaks for the demo provider: every webhook is refused.
      throw new AppError('INVALID_SIGNATURE', 'the demo payment provider receives no webhooks');
    },

    async sessionForPaymentIntent(paymentIntentId: string): Promise<string | null> {
      return (await sessions.findOne({ paymentIntentId }))?._id ?? null;
    },

    async refund(paymentIntentId: string, amount: number): Promise<{ refundId: string }> {
      const doc = await sessions.findOne({ paymentIntentId });
      if (!doc || doc.state !== 'paid') throw new AppError('NOT_FOUND', 'no paid demo payment with this id');
      if (!Number.isSafeInteger(amount) || amount <= 0 || doc.refunded + amount > doc.total) {
        throw new AppError('INVALID_AMOUNT', `refundable amount is ${doc.total - doc.refunded} cents`);
      }
      const res = await sessions.updateOne({ _id: doc._id, refunded: doc.refunded }, { $inc: { refunded: amount } });
      if (!res.matched) throw new AppError('CONFLICT', 'a refund of this payment is in progress; retry');
      const refunded = doc.refunded + amount;
      await options.deliver({
        id: `evt_demo_${doc._id}_refund_${refunded}`,
        type: 'charge.refunded',
        sessionId: null,
        paymentIntentId,
        amountTotal: doc.total,
        amountRefunded: refunded,
        metadata: doc.metadata,
      });
      return { refundId: `re_demo_${doc._id}_${refunded}` };
    },

    cancelSubscription: (subscriptionId: string) => billing.cancel(subscriptionId),

    async page(sessionId: string) {
      const doc = await sessions.findOne({ _id: sessionId });
      if (!doc) return { status: 404, html: demoCheckoutPage(null) };
      return { status: 200, html: demoCheckoutPage(doc) };
    },

    async complete(sessionId: string) {
      const doc = await settle(await load(sessionId), 'paid');
      if (doc.state !== 'paid') throw new AppError('CONFLICT', 'this demo checkout has expired');
      const event = sessionEvent(doc, 'checkout.completed');
      await options.deliver(event);
      if (doc.recurring) await billing.startFromSession(doc, doc.recurring.interval);
      return { event, redirectUrl: doc.successUrl };
    },

    async expire(sessionId: string) {
      const doc = await settle(await load(sessionId), 'expired');
      if (doc.state !== 'expired') throw new AppError('CONFLICT', 'this demo checkout was paid');
      const event = sessionEvent(doc, 'checkout.expired');
      await options.deliver(event);
      return event;
    },
  };
}

function sessionEvent(doc: DemoSessionDoc, type: 'checkout.completed' | 'checkout.expired'): PaymentEvent {
  const paid = type === 'checkout.completed';
  return {
    // Deterministic: the same click delivered twice is one job.
    id: `evt_demo_${doc._id}_${paid ? 'completed' : 'expired'}`,
    type,
    sessionId: doc._id,
    paymentIntentId: paid ? doc.paymentIntentId : undefined,
    amountTotal: doc.total,
    paid,
    metadata: doc.metadata,
  };
}
