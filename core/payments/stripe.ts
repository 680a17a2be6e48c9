// Stripe adapter of the Payments port: Checkout Sessions for payment, signed webhooks
// (stripe.webhooks.constructEvent over the raw body, never a re-serialised JSON), refunds.
// host/port/protocol let tests point the SDK at a local fake Stripe server.
import Stripe from 'stripe';
import { AppError } from '../shared/errors.js';
import { checkoutTotal, type CheckoutRequest, type CheckoutSession, type PaymentEvent, type PaymentEventType, type PaymentProvider } from './port.js';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  currency?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** Per-request timeout towards Stripe. */
  timeoutMs?: number;
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    host: options.host,
    port: options.port,
    protocol: options.protocol,
    timeout: options.timeoutMs ?? 15_000,
    maxNetworkRetries: 2,
  });
  const currency = options.currency ?? 'eur';

  return {
    name: 'stripe',

    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      checkoutTotal(request);
      const metadata = { ...request.metadata, reference: request.reference };
      const recurring = request.recurring ? { recurring: { interval: request.recurring.interval } } : {};
      const session = await stripe.checkout.sessions.create(
        {
          mode: request.recurring ? 'subscription' : 'payment',
          client_reference_id: request.reference,
          customer_email: request.customerEmail,
          line_items: request.lines.map((line) => ({
            quantity: line.qty,
            price_data: { currency, unit_amount: line.amount, product_data: { name: line.name }, ...recurring },
          })),
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          metadata,
          // Copied onto the payment intent (a refund names only the charge and its payment
          // intent), or onto the subscription (its invoices carry it): what was bought.
          ...(request.recurring ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
        },
        // A retried request (network failure, double click) returns the same session.
        { idempotencyKey: `checkout:${request.reference}` },
      );
      if (!session.url) throw new AppError('UNAVAILABLE', 'Stripe returned a checkout session without a URL');
      return { sessionId: session.id, url: session.url, currency };
    },

    parseWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent | null {
      let event: Stripe.Event;
      try {
        if (!signature) throw new Error('missing Stripe-Signature header');
        event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret);
      } catch (err) {
        throw new AppError('INVALID_SIGNATURE', 'webhook signature does not verify', { reason: (err as Error).message });
      }
      // Signed but not an event (a test payload, a wrong endpoint): the sender's mistake, not ours.
      const object = (event as { data?: { object?: unknown } }).data?.object;
      if (typeof event.id !== 'string' || typeof event.type !== 'string' || !object || typeof object !== 'object') {
        throw new AppError('INVALID_INPUT', 'the signed body is not a Stripe event (id, type, data.object)');
      }
      return normaliseStripeEvent(event.id, event.type, object as Record<string, unknown>);
    },

    async sessionForPaymentIntent(paymentIntentId: string): Promise<string | null> {
      const list = await stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
      return list.data[0]?.id ?? null;
    },

    async refund(paymentIntentId: string, amount: number, refundOptions?: { idempotencyKey?: string }): Promise<{ refundId: string }> {
      const refund = await stripe.refunds.create({ payment_intent: paymentIntentId, amount }, { idempotencyKey: refundOptions?.idempotencyKey });
      return { refundId: refund.id };
    },

    async cancelSubscription(subscriptionId: string): Promise<void> {
      await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true }, { idempotencyKey: `cancel:${subscriptionId}` });
    },
  };
}

const eventTypes: Record<string, PaymentEventType> = {
  'checkout.session.completed': 'checkout.completed',
  'checkout.session.async_payment_succeeded': 'checkout.async_succeeded',
  'checkout.session.async_payment_failed': 'checkout.async_failed',
  'checkout.session.expired': 'checkout.expired',
  'charge.refunded': 'charge.refunded',
  'invoice.paid': 'invoice.paid',
  'invoice.payment_failed': 'invoice.payment_failed',
  'customer.subscription.deleted': 'subscription.deleted',
};

/** Stripe's event (session or charge object) as our normalised event; null when not handled. */
export function normaliseStripeEvent(id: string, stripeType: string, object: Record<string, unknown>): PaymentEvent | null {
  const type = eventTypes[stripeType];
  if (!type) return null;
  if (type === 'invoice.paid' || type === 'invoice.payment_failed') return invoiceEvent(id, type, object);
  if (type === 'subscription.deleted') return { id, type, sessionId: null, amountTotal: 0, metadata: stringRecord(object.metadata), subscriptionId: String(object.id) };
  const metadata = stringRecord(object.metadata);
  const paymentIntentId = idOf(object.payment_intent);
  if (type === 'charge.refunded') {
    return { id, type, sessionId: null, paymentIntentId, amountTotal: int(object.amount), amountRefunded: int(object.amount_refunded), metadata };
  }
  const paid = type === 'checkout.async_succeeded' || (type === 'checkout.completed' && object.payment_status !== 'unpaid');
  const currency = typeof object.currency === 'string' ? { currency: object.currency.toLowerCase() } : {};
  return { id, type, sessionId: String(object.id), paymentIntentId, amountTotal: int(object.amount_total), ...currency, paid, metadata };
}

/** An invoice of a subscription: its metadata is the subscription's (subscription_details, or parent.subscription_details in newer API versions). */
function invoiceEvent(id: string, type: 'invoice.paid' | 'invoice.payment_failed', invoice: Record<string, unknown>): PaymentEvent {
  const parent = (invoice.parent ?? {}) as Record<string, unknown>;
  const details = (invoice.subscription_details ?? parent.subscription_details ?? {}) as Record<string, unknown>;
  const subscriptionId = idOf(invoice.subscription) ?? idOf(details.subscription);
  return { id, type, sessionId: null, amountTotal: int(type === 'invoice.paid' ? invoice.amount_paid : invoice.amount_due), metadata: stringRecord(details.metadata), subscriptionId, invoiceId: String(invoice.id) };
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
}

function int(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
