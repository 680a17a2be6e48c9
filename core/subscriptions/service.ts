// Recurring subscriptions (abonnements) paid through the payment port, the story of one:
//   pending (checkout open) -> active (an invoice paid) -> past_due (a payment failed: grace
//   until `graceUntil`, then lapsed) -> active again (the retry paid) ... -> ended (the
//   provider deleted it: the holder cancelled, effective at the period end, or it lapsed).
// Invariants: only Pass's own record says what a period costs and what it gives: an invoice
// whose amount differs is not honoured (recorded for a person); each invoice extends once (a
// member row per invoice id, unique), so a redelivered or retried webhook changes nothing;
// each paid period starts where the last one ended (the billing anchor), and mails a receipt.
import type { Clock } from '../clock/port.js';
import type { Members } from '../memberships/members.js';
import { addUtcMonths, type MembershipProducts } from '../memberships/products.js';
import type { Checkouts } from '../payments/checkouts.js';
import type { PaymentEvent, PaymentProvider } from '../payments/port.js';
import { startCheckout } from '../payments/start-checkout.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import type { Subscription, SubscriptionStatus } from './types.js';

/** How long a subscription whose payment failed keeps running while the provider retries. */
export const graceMs = 7 * 86_400_000;

export type SubscriptionOutcome = 'period-paid' | 'payment-failed' | 'subscription-ended' | 'needs-attention' | 'ignored';

export interface SubscriptionDeps {
  clock: Clock;
  products: MembershipProducts;
  members: Members;
  provider: PaymentProvider;
  checkouts: Checkouts;
  publicUrl: string;
}

export class SubscriptionService {
  readonly docs: Collection<Subscription>;

  constructor(
    store: Store,
    private readonly deps: SubscriptionDeps,
  ) {
    this.docs = store.collection<Subscription>('subscriptions');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([
      { name: 'request_unique', keys: { requestId: 1 }, unique: true },
      { name: 'user', keys: { userId: 1 } },
      { name: 'collective', keys: { collectiveId: 1, createdAt: -1 } },
    ]);
  }

  /** Opens a recurring checkout for a subscription product; the same request id gives the same one. */
  async subscribe(request: {
    collectiveId: string;
    siteSlug: string;
    productId: string;
    requestId: string;
    user: { _id: string; email: string; name?: string | null };
  }): Promise<{ subscription: Subscription; checkoutUrl: string }> {
    const existing = await this.docs.findOne({ requestId: request.requestId });
    if (existing) {
      if (existing.userId !== request.user._id)
        throw new AppError('DUPLICATE_TX_CONFLICT', 'this request id was used for another subscription', { fields: { requestId: 'already used' } });
      return { subscription: existing, checkoutUrl: existing.checkoutUrl ?? '' };
    }
    const product = await this.deps.products.get(request.collectiveId, request.productId);
    if (!product.active || !product.period) throw new AppError('INVALID_INPUT', 'this membership is not a subscription on offer', { fields: { productId: 'not a subscription' } });
    if (product.price <= 0) throw new AppError('INVALID_AMOUNT', 'a free subscription needs no recurring payment', { fields: { productId: 'free' } });
    const now = this.deps.clock.now();
    const sub: Subscription = {
      _id: newId('sbs_'),
      collectiveId: request.collectiveId,
      productId: product._id,
      productName: product.name,
      period: product.period,
      amount: product.price,
      requestId: request.requestId,
      userId: request.user._id,
      email: request.user.email,
      name: request.user.name?.trim() || request.user.email.split('@')[0],
      state: 'pending',
      cancelAtPeriodEnd: false,
      periodsPaid: 0,
      createdAt: now,
    };
    try {
      await this.docs.insertOne(sub);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return this.subscribe(request); // a double click won the race
    }
    const site = `${this.deps.publicUrl}/${encodeURIComponent(request.siteSlug)}`;
    const session = await startCheckout(this.deps.provider, this.deps.checkouts, {
      reference: sub._id,
      lines: [{ name: product.name, amount: product.price, qty: 1 }],
      customerEmail: sub.email,
      successUrl: `${site}/account?subscription=${sub._id}`,
      cancelUrl: `${site}/memberships`,
      metadata: { kind: 'subscription', subscriptionId: sub._id, collectiveId: sub.collectiveId, userId: sub.userId },
      recurring: { interval: product.period },
    });
    await this.docs.updateOne({ _id: sub._id }, { $set: { checkoutSessionId: session.sessionId, checkoutUrl: session.url } });
    return { subscription: { ...sub, checkoutSessionId: session.sessionId, checkoutUrl: session.url }, checkoutUrl: session.url };
  }

  /** A payment event of a subscription (sent by the `stripe` queue, see workers/stripe.ts). Idempotent. */
  async receive(event: PaymentEvent): Promise<SubscriptionOutcome> {
    const sub = await this.ofEvent(event);
    if (!sub) return 'ignored';
    switch (event.type) {
      case 'invoice.paid':
        return this.periodPaid(sub, event);
      case 'invoice.payment_failed':
        // Grace counts from the end of the period paid: a late failure report gives no extra days.
        await this.docs.updateOne(
          { _id: sub._id, state: { $in: ['active', 'pending'] } },
          { $set: { state: 'past_due', graceUntil: (sub.currentPeriodEnd ?? this.deps.clock.now()) + graceMs } },
        );
        return 'payment-failed';
      case 'subscription.deleted':
        await this.docs.updateOne(
          { _id: sub._id, state: { $ne: 'ended' } },
          { $set: { state: 'ended', endedAt: this.deps.clock.now(), endReason: sub.cancelAtPeriodEnd ? 'cancelled' : 'lapsed' } },
        );
        return 'subscription-ended';
      default:
        return 'ignored';
    }
  }

  /** The holder stops renewing: the provider ends it at the period end (what was paid keeps running). */
  async cancel(userId: string, subscriptionId: string): Promise<Subscription> {
    const sub = await this.docs.findOne({ _id: subscriptionId, userId });
    if (!sub) throw new AppError('NOT_FOUND', 'no such subscription');
    if (sub.state === 'ended' || sub.cancelAtPeriodEnd) return sub;
    if (!sub.providerSubscriptionId) throw new AppError('CONFLICT', 'this subscription is not paid yet');
    await this.deps.provider.cancelSubscription(sub.providerSubscriptionId);
    await this.docs.updateOne({ _id: sub._id }, { $set: { cancelAtPeriodEnd: true, cancelledAt: this.deps.clock.now() } });
    return (await this.docs.findOne({ _id: sub._id }))!;
  }

  ofUser(userId: string): Promise<Subscription[]> {
    return this.docs.find({ userId, state: { $ne: 'pending' } }, { sort: { createdAt: -1 }, limit: 50 });
  }

  list(collectiveId: string): Promise<Subscription[]> {
    return this.docs.find({ collectiveId, state: { $ne: 'pending' } }, { sort: { createdAt: -1 }, limit: limits.pageSize });
  }

  private async periodPaid(sub: Subscription, event: PaymentEvent): Promise<SubscriptionOutcome> {
    if (event.amountTotal !== sub.amount) {
      await this.docs.updateOne({ _id: sub._id }, { $set: { error: `invoice ${event.invoiceId} paid ${event.amountTotal} cents for a subscription of ${sub.amount}` } });
      return 'needs-attention';
    }
    const product = await this.deps.products.docs.findOne({ _id: sub.productId });
    if (!product) return 'needs-attention';
    const now = this.deps.clock.now();
    // The period follows the last one paid (the billing anchor); the first starts now.
    const validFrom = sub.currentPeriodEnd ?? now;
    const until = addUtcMonths(validFrom, sub.period === 'year' ? 12 : 1);
    const order = { _id: `${sub._id}_${event.invoiceId}`, userId: sub.userId, email: sub.email, name: sub.name, answers: {}, amount: sub.amount };
    const member = await this.deps.members.enrolFromOrder(product, order, undefined, { validFrom });
    // Guarded on the period it extends: a replay of this invoice (member already there) moves nothing.
    await this.docs.updateOne(
      {
        _id: sub._id,
        ...(sub.currentPeriodEnd === undefined ? { currentPeriodEnd: { $exists: false } } : { currentPeriodEnd: sub.currentPeriodEnd }),
        lastInvoiceId: { $ne: event.invoiceId ?? '' },
      },
      {
        $set: {
          state: sub.state === 'ended' ? 'ended' : 'active',
          currentPeriodEnd: Math.max(until, member.validUntil),
          lastInvoiceId: event.invoiceId ?? '',
          lastPaidAt: now,
          providerSubscriptionId: event.subscriptionId ?? sub.providerSubscriptionId ?? '',
        },
        $inc: { periodsPaid: 1 },
        $unset: { graceUntil: true },
      },
    );
    return 'period-paid';
  }

  /** Our record named by the event's metadata; the provider's id must match once known. */
  private async ofEvent(event: PaymentEvent): Promise<Subscription | null> {
    const id = event.metadata.subscriptionId;
    if (!id) return null;
    const sub = await this.docs.findOne({ _id: id });
    if (!sub) return null;
    if (sub.providerSubscriptionId && event.subscriptionId && sub.providerSubscriptionId !== event.subscriptionId) return null;
    return sub;
  }
}

/** Where a subscription stands at `at`, for its holder and the admin. */
export function statusOf(sub: Subscription, at: number): SubscriptionStatus {
  if (sub.state === 'pending') return 'pending';
  if (sub.state === 'ended') return sub.endReason === 'cancelled' ? 'cancelled' : 'lapsed';
  if (sub.state === 'past_due') return at < (sub.graceUntil ?? 0) ? 'grace' : 'lapsed';
  if (sub.cancelAtPeriodEnd) return 'cancelling';
  return 'active';
}

export function subscriptionView(sub: Subscription, at: number) {
  return {
    id: sub._id,
    collectiveId: sub.collectiveId,
    productId: sub.productId,
    name: sub.productName,
    holder: sub.name,
    email: sub.email,
    amount: sub.amount,
    period: sub.period,
    status: statusOf(sub, at),
    currentPeriodEnd: sub.currentPeriodEnd ?? null,
    graceUntil: sub.graceUntil ?? null,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    periodsPaid: sub.periodsPaid,
    createdAt: sub.createdAt,
  };
}
