// Recurring subscriptions through the real Stripe SDK against the local fake Stripe, with
// signed webhooks sent over HTTP to the app and the fake clock: Checkout in subscription mode,
// a year of monthly invoice.paid, a failed payment then a paid retry, a cancellation ending
// with customer.subscription.deleted; a badly signed webhook changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { addUtcMonths } from '../core/memberships/products.js';
import { statusOf } from '../core/subscriptions/index.js';
import { drainQueue, signedStripeEvent, startFakeStripe, type FakeStripe } from './support/fake-stripe.js';
import { bootLespass, type LespassNode } from './support/lespass.js';

const webhookSecret = 'whsec_test_subscriptions';

describe('subscriptions with Stripe Billing (fake Stripe)', () => {
  let node: LespassNode | undefined;
  let fake: FakeStripe | undefined;
  afterEach(async () => {
    await node?.close();
    await fake?.close();
    node = fake = undefined;
  });

  it('renews for a year from invoice.paid, survives a failed payment with a paid retry, and ends when cancelled', async () => {
    fake = await startFakeStripe();
    const clock = new FakeClock(Date.UTC(2026, 2, 15, 10));
    node = await bootLespass({ clock, env: { STRIPE_SECRET_KEY: 'sk_test_pass', STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_URL: `http://127.0.0.1:${fake.port}` } });
    const { core } = node;
    const collective = await core.collectives.create({ name: 'La Cantine' });
    const product = await core.lespass.memberships.products.create(collective._id, { name: 'Abonnement cantine', price: 2000, period: 'month' });
    const user = await core.lespass.users.findOrCreateByEmail('abo@test.fr', 'Abo');
    const subs = core.lespass.subscriptions;
    const { subscription, checkoutUrl } = await subs.subscribe({
      collectiveId: collective._id,
      siteSlug: collective.slug,
      productId: product._id,
      requestId: 'sub-stripe-1',
      user,
    });
    expect(checkoutUrl).toContain('checkout.stripe.test');
    const params = fake.sessions.get(subscription.checkoutSessionId!)!;
    expect(params.get('mode')).toBe('subscription');
    expect(params.get('line_items[0][price_data][recurring][interval]')).toBe('month');
    expect(params.get('line_items[0][price_data][unit_amount]')).toBe('2000');
    expect(params.get('subscription_data[metadata][subscriptionId]')).toBe(subscription._id);

    const send = async (id: string, type: string, object: Record<string, unknown>, secret = webhookSecret) => {
      const { body, signature } = signedStripeEvent({ id, type, object }, secret);
      const res = await fetch(`${node!.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
      await drainQueue(core.jobs, 'stripe');
      return res.status;
    };
    const metadata = { kind: 'subscription', subscriptionId: subscription._id, collectiveId: collective._id, userId: user._id, reference: subscription._id };
    const invoice = (n: number, amount = 2000) => ({
      id: `in_test_${n}`,
      object: 'invoice',
      subscription: 'sub_test_1',
      amount_paid: amount,
      amount_due: amount,
      parent: { subscription_details: { metadata, subscription: 'sub_test_1' } },
    });
    const now = () => subs.docs.findOne({ _id: subscription._id }).then((s) => s!);

    expect(
      await send('evt_cs', 'checkout.session.completed', {
        id: subscription.checkoutSessionId,
        object: 'checkout.session',
        amount_total: 2000,
        payment_status: 'paid',
        subscription: 'sub_test_1',
        metadata,
      }),
    ).toBe(200);
    expect(await send('evt_forged', 'invoice.paid', invoice(1), 'whsec_wrong')).toBe(400);
    expect((await now()).periodsPaid).toBe(0);
    const start = clock.now();
    let end = start;
    for (let n = 1; n <= 12; n++) {
      expect(await send(`evt_paid_${n}`, 'invoice.paid', invoice(n))).toBe(200);
      end = addUtcMonths(end, 1);
      expect(await now()).toMatchObject({ state: 'active', periodsPaid: n, currentPeriodEnd: end, providerSubscriptionId: 'sub_test_1' });
      clock.set(end);
    }
    expect(await send('evt_paid_12_again', 'invoice.paid', invoice(12))).toBe(200); // a redelivery
    expect((await now()).periodsPaid).toBe(12);
    expect(await send('evt_paid_13_wrong_amount', 'invoice.paid', invoice(13, 1))).toBe(200);
    expect((await now()).periodsPaid).toBe(12);

    expect(await send('evt_failed_13', 'invoice.payment_failed', invoice(13))).toBe(200);
    expect(statusOf(await now(), clock.now())).toBe('grace');
    clock.advance(3 * 86_400_000);
    expect(await send('evt_paid_13', 'invoice.paid', invoice(13))).toBe(200);
    const renewed = await now();
    expect(renewed).toMatchObject({ state: 'active', periodsPaid: 13, currentPeriodEnd: addUtcMonths(end, 1) });
    expect(await core.lespass.memberships.members.ofUser(user._id)).toHaveLength(13);

    await subs.cancel(user._id, subscription._id);
    const cancelCall = fake.requests.find((r) => r.path === '/v1/subscriptions/sub_test_1')!;
    expect(cancelCall.params.get('cancel_at_period_end')).toBe('true');
    expect(statusOf(await now(), clock.now())).toBe('cancelling');
    clock.set(renewed.currentPeriodEnd!);
    expect(await send('evt_deleted', 'customer.subscription.deleted', { id: 'sub_test_1', object: 'subscription', metadata })).toBe(200);
    expect(statusOf(await now(), clock.now())).toBe('cancelled');
  });
});
