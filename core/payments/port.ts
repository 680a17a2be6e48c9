// The Payments port: online payment by a hosted checkout page (Stripe Checkout, or the demo
// provider of embedded mode). Amounts are integer cents. A provider turns the raw webhook it
// receives into one normalised PaymentEvent; the `stripe` job queue processes those events,
// whichever provider produced them, with the same code.
import { AppError } from '../shared/errors.js';

export interface CheckoutLine {
  name: string;
  /** Unit price in cents. */
  amount: number;
  qty: number;
}

export interface CheckoutRequest {
  /** Our own id for this purchase (also the provider's idempotency key for the session). */
  reference: string;
  lines: CheckoutLine[];
  customerEmail?: string;
  successUrl: string;
  cancelUrl: string;
  /** String values only (Stripe's rule): kind, cardUid or walletId, amount, collectiveId... */
  metadata: Record<string, string>;
  /** A recurring payment (Checkout in subscription mode): the lines are charged every interval. */
  recurring?: { interval: 'month' | 'year' };
}

export interface CheckoutSession {
  sessionId: string;
  /** Where to send the buyer's browser. */
  url: string;
  /** The session's currency, lower case (default eur). */
  currency?: string;
}

export type PaymentEventType =
  | 'checkout.completed'
  | 'checkout.async_succeeded'
  | 'checkout.async_failed'
  | 'checkout.expired'
  | 'charge.refunded'
  | SubscriptionEventType;

/** A recurring payment's events (Stripe Billing: invoice.paid, invoice.payment_failed, customer.subscription.deleted). */
export type SubscriptionEventType = 'invoice.paid' | 'invoice.payment_failed' | 'subscription.deleted';

export interface PaymentEvent {
  /** The provider's event id: the job id, so a redelivered event is one job. */
  id: string;
  type: PaymentEventType;
  /** The checkout session; null when the provider did not say (a refund names the payment intent). */
  sessionId: string | null;
  paymentIntentId?: string;
  /** Amount paid (or to be paid) in cents. */
  amountTotal: number;
  /** ISO currency, lower case, when the provider says it (Stripe does). */
  currency?: string;
  /** Cumulative amount refunded so far, in cents (charge.refunded). */
  amountRefunded?: number;
  /** A completed checkout may still wait for a delayed payment method: credit only when paid. */
  paid?: boolean;
  metadata: Record<string, string>;
  /** The provider's subscription and invoice of a subscription event (a retried invoice keeps its id). */
  subscriptionId?: string;
  invoiceId?: string;
}

export interface PaymentProvider {
  /** 'demo' payments are fake: embedded mode only, labelled as such to every buyer. */
  readonly name: 'stripe' | 'demo';
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /**
   * Verifies a webhook's signature over its raw body and normalises it. Throws AppError
   * INVALID_SIGNATURE when it does not verify; returns null for an event type we do not handle.
   */
  parseWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent | null;
  /** The checkout session that created a payment intent, when the provider can tell. */
  sessionForPaymentIntent(paymentIntentId: string): Promise<string | null>;
  /** Refunds part or all of a payment; the provider then sends a charge.refunded event. */
  refund(paymentIntentId: string, amount: number, options?: { idempotencyKey?: string }): Promise<{ refundId: string }>;
  /** Stops a subscription at the end of the period paid (the provider then sends subscription.deleted). */
  cancelSubscription(subscriptionId: string): Promise<void>;
}

export const paymentEventTypes: readonly PaymentEventType[] = [
  'checkout.completed',
  'checkout.async_succeeded',
  'checkout.async_failed',
  'checkout.expired',
  'charge.refunded',
  'invoice.paid',
  'invoice.payment_failed',
  'subscription.deleted',
];

export function isSubscriptionEvent(type: PaymentEventType): type is SubscriptionEventType {
  return type === 'invoice.paid' || type === 'invoice.payment_failed' || type === 'subscription.deleted';
}

/** Validates a checkout request before any provider call: integer cents, bounded lines. */
export function checkoutTotal(request: CheckoutRequest, maxLines = 50): number {
  if (!request.lines.length || request.lines.length > maxLines) throw new AppError('INVALID_INPUT', `a checkout has 1 to ${maxLines} lines`);
  let total = 0;
  for (const line of request.lines) {
    if (!Number.isSafeInteger(line.amount) || line.amount <= 0) throw new AppError('INVALID_AMOUNT', `line amount must be positive integer cents: ${line.amount}`);
    if (!Number.isSafeInteger(line.qty) || line.qty <= 0) throw new AppError('INVALID_INPUT', `line qty must be a positive integer: ${line.qty}`);
    total += line.amount * line.qty;
  }
  return total;
}
