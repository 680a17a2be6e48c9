// The `stripe` queue's processor: one normalised payment event per job (job id = event id).
// Invariants: a paid checkout is fulfilled once (the top-up txId is derived from the session,
// so duplicate deliveries, retries and reordered events credit exactly once); a failed or
// expired checkout delivers nothing; a refund takes back what it covers, once, never below a
// zero balance (the shortfall is recorded instead); a refund seen before the payment is kept
// on the checkout and applied right after fulfilment. Only a checkout Pass opened itself is
// delivered, with the amount, currency, wallet and kind of its own record (never the event's).
import type { JobInfo, Processor } from '../core/jobs/port.js';
import { Checkouts, type CheckoutRecord } from '../core/payments/checkouts.js';
import { isSubscriptionEvent, type PaymentEvent, type PaymentProvider } from '../core/payments/port.js';
import { paymentQueue } from '../core/payments/queue.js';
import type { PassService } from '../core/pass/service.js';
import { AppError, isAppError } from '../core/shared/errors.js';
import { logger } from '../core/shared/logger.js';
import { checkoutFulfilments, type CheckoutFulfilments, type FulfilmentContext } from './checkout-fulfilment.js';

export { registerCheckoutFulfilment, CheckoutFulfilments, topUpTxId, type CheckoutFulfilment } from './checkout-fulfilment.js';

export const stripeQueue = paymentQueue;

export interface StripeWorkerDeps {
  checkouts: Checkouts;
  pass: PassService;
  /** Finds the session of a refund that names only its payment intent (Stripe's charge.refunded). */
  provider?: Pick<PaymentProvider, 'sessionForPaymentIntent'>;
  fulfilments?: CheckoutFulfilments;
  /** Handles invoice.paid, invoice.payment_failed and subscription.deleted (core/subscriptions). */
  subscriptions?: { receive(event: PaymentEvent): Promise<PaymentOutcome> };
}

export type PaymentOutcome =
  | 'fulfilled'
  | 'already-fulfilled'
  | 'awaiting-payment'
  | 'marked-failed'
  | 'marked-expired'
  | 'refund-applied'
  | 'refund-pending'
  | 'needs-attention'
  | 'unknown-session'
  | 'period-paid'
  | 'payment-failed'
  | 'subscription-ended'
  | 'ignored';

export function stripeProcessor(deps: StripeWorkerDeps): Processor<PaymentEvent> {
  return (job: JobInfo<PaymentEvent>) => processPaymentEvent(job.data, deps);
}

export async function processPaymentEvent(event: PaymentEvent, deps: StripeWorkerDeps): Promise<{ sessionId: string | null; outcome: PaymentOutcome }> {
  // A recurring payment's invoices and end name no checkout: its own record answers them.
  if (isSubscriptionEvent(event.type)) return { sessionId: null, outcome: deps.subscriptions ? await deps.subscriptions.receive(event) : 'ignored' };
  const sessionId = event.type === 'charge.refunded' ? await sessionOfRefund(event, deps) : event.sessionId;
  if (!sessionId) {
    if (event.type !== 'charge.refunded') return { sessionId, outcome: 'ignored' };
    // The payment's own events may still be on their way: retry later (job backoff).
    throw new AppError('NOT_FOUND', `refund ${event.id} names no checkout we know yet`);
  }
  const checkout = await deps.checkouts.observe(sessionId, event);
  if (!checkout) {
    // Not a session Pass made: nothing to deliver, and retrying cannot change that.
    logger.warn({ eventId: event.id, type: event.type, sessionId }, 'payment event for a checkout Pass never created: refused');
    return { sessionId, outcome: 'unknown-session' };
  }
  switch (event.type) {
    case 'checkout.completed':
    case 'checkout.async_succeeded': {
      if (!event.paid) return { sessionId, outcome: 'awaiting-payment' };
      const mismatch = deps.checkouts.mismatch(checkout, event);
      if (mismatch) {
        logger.error({ eventId: event.id, sessionId, mismatch }, 'paid checkout does not match what Pass asked for: nothing delivered');
        await deps.checkouts.recordError(sessionId, `AMOUNT_MISMATCH: ${mismatch}`);
        return { sessionId, outcome: 'needs-attention' };
      }
      await deps.checkouts.markPaid(sessionId);
      const outcome = await fulfil(sessionId, deps);
      await applyRefunds(sessionId, deps); // a refund that arrived first
      return { sessionId, outcome };
    }
    case 'checkout.async_failed':
      await deps.checkouts.markUnpaid(sessionId, 'failed');
      return { sessionId, outcome: 'marked-failed' };
    case 'checkout.expired':
      await deps.checkouts.markUnpaid(sessionId, 'expired');
      return { sessionId, outcome: 'marked-expired' };
    case 'charge.refunded':
      await deps.checkouts.raiseRefunded(sessionId, event.amountRefunded ?? 0);
      return { sessionId, outcome: (await applyRefunds(sessionId, deps)) ? 'refund-applied' : 'refund-pending' };
  }
}

async function fulfil(sessionId: string, deps: StripeWorkerDeps): Promise<PaymentOutcome> {
  const checkout = (await deps.checkouts.get(sessionId))!;
  if (checkout.fulfilledAt) return 'already-fulfilled';
  const handler = (deps.fulfilments ?? checkoutFulfilments).get(checkout.kind);
  if (!handler) {
    // Retried with backoff, then kept in the failed list: a kind's handler may be deployed later.
    await deps.checkouts.recordError(sessionId, `no fulfilment registered for kind ${checkout.kind ?? '(none)'}`);
    throw new AppError('UNAVAILABLE', `no fulfilment registered for kind ${checkout.kind}`);
  }
  try {
    await deps.checkouts.markFulfilled(sessionId, await handler.fulfil(checkout, context(deps)));
    return 'fulfilled';
  } catch (err) {
    if (!isPermanent(err)) throw err;
    // Retrying cannot help (bad metadata, amount mismatch, unknown or blocked card): a person decides.
    logger.error({ err, sessionId }, 'paid checkout cannot be fulfilled');
    await deps.checkouts.recordError(sessionId, `${(err as AppError).code}: ${(err as Error).message}`);
    return 'needs-attention';
  }
}

/** Applies the highest refund total seen, if the checkout was fulfilled; true when applied. */
async function applyRefunds(sessionId: string, deps: StripeWorkerDeps): Promise<boolean> {
  const checkout = (await deps.checkouts.get(sessionId))!;
  const refundedTotal = checkout.refundedTotal ?? 0;
  if (!checkout.fulfilledAt || refundedTotal <= 0) return false;
  if ((checkout.reversedFor ?? 0) >= refundedTotal) return true;
  const handler = (deps.fulfilments ?? checkoutFulfilments).get(checkout.kind);
  if (!handler?.reverse) {
    await deps.checkouts.recordError(sessionId, `refunded ${refundedTotal} cents of a ${checkout.kind} purchase: reverse it by hand`);
    return false;
  }
  const reversal = await handler.reverse(checkout, refundedTotal, context(deps));
  if (reversal.shortfall > 0) logger.warn({ sessionId, refundedTotal, ...reversal }, 'refund not fully recoverable from the wallet');
  await deps.checkouts.recordReversal(sessionId, { refundedTotal, ...reversal }, refundedTotal >= (checkout.amountTotal ?? Infinity));
  return true;
}

async function sessionOfRefund(event: PaymentEvent, deps: StripeWorkerDeps): Promise<string | null> {
  if (event.sessionId) return event.sessionId;
  const byRecord: CheckoutRecord | null =
    (event.paymentIntentId ? await deps.checkouts.byPaymentIntent(event.paymentIntentId) : null) ??
    (event.metadata.reference ? await deps.checkouts.byReference(event.metadata.reference) : null);
  if (byRecord) return byRecord._id;
  if (!event.paymentIntentId || !deps.provider) return null;
  return deps.provider.sessionForPaymentIntent(event.paymentIntentId);
}

function context(deps: StripeWorkerDeps): FulfilmentContext {
  return { pass: deps.pass };
}

const permanentCodes = new Set(['INVALID_INPUT', 'INVALID_AMOUNT', 'CARD_UNKNOWN', 'CARD_BLOCKED', 'ASSET_UNKNOWN', 'ASSET_NOT_ACCEPTED', 'DUPLICATE_TX_CONFLICT']);

function isPermanent(err: unknown): boolean {
  if (!isAppError(err)) return false;
  return permanentCodes.has(err.code) || err.details.reason === 'AMOUNT_MISMATCH';
}
