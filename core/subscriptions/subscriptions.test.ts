import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { addUtcMonths } from '../memberships/products.js';
import { isDemoProvider } from '../payments/from-config.js';
import { bootLespass, sessionOf, type LespassNode } from '../../test/support/lespass.js';
import { graceMs, statusOf } from './service.js';
import type { Subscription } from './types.js';

const day = 86_400_000;

describe('recurring subscriptions (demo provider, fake clock)', () => {
  let node: LespassNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  const setup = async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 31, 9));
    node = await bootLespass({ clock });
    const { core } = node;
    if (!isDemoProvider(core.payments)) throw new Error('demo provider expected');
    const demo = core.payments;
    const collective = await core.collectives.create({ name: 'La Cantine' });
    const product = await core.lespass.memberships.products.create(collective._id, { name: 'Abonnement cantine', price: 1500, period: 'month' });
    const user = await core.lespass.users.findOrCreateByEmail('abo@test.fr', 'Abo');
    const subs = core.lespass.subscriptions;
    const started = await subs.subscribe({ collectiveId: collective._id, siteSlug: collective.slug, productId: product._id, requestId: 'sub-request-1', user });
    const n = node;
    const current = async () => (await subs.docs.findOne({ _id: started.subscription._id }))!;
    /** Waits until the queue processed the events that make `predicate` true. */
    const until = async (predicate: (s: Subscription) => boolean) => {
      for (let i = 0; i < 300; i++) {
        const s = await current();
        if (predicate(s)) return s;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`subscription did not reach the state: ${JSON.stringify(await current())}`);
    };
    await n.pay(sessionOf(started.checkoutUrl));
    await until((s) => s.periodsPaid === 1);
    const providerId = (await demo.billing.subscriptionOfSession(sessionOf(started.checkoutUrl)))!._id;
    return { core, clock, demo, subs, user, product, collectiveId: collective._id, current, until, providerId, started: clock.now() };
  };

  it('renews monthly for a year: each paid period extends from the last one and mails a receipt; a replayed invoice extends once', async () => {
    const { core, clock, demo, subs, user, until, started, current } = await setup();
    for (let period = 2; period <= 12; period++) {
      clock.set((await current()).currentPeriodEnd!);
      await demo.billing.runBilling();
      await until((s) => s.periodsPaid === period);
    }
    const sub = await current();
    // Jan 31 + 12 months, each from the last end (the day clamps to February's 28 then stays).
    let end = started;
    for (let i = 0; i < 12; i++) end = addUtcMonths(end, 1);
    expect(sub).toMatchObject({ state: 'active', periodsPaid: 12, currentPeriodEnd: end });
    const members = await core.lespass.memberships.members.ofUser(user._id);
    expect(members).toHaveLength(12);
    expect(Math.max(...members.map((m) => m.validUntil))).toBe(end);
    expect(node!.mails('membership-receipt')).toHaveLength(12);
    expect(await core.lespass.memberships.members.isMember(sub.collectiveId, { userId: user._id }, end - 1)).toBe(true);

    const replay = {
      id: 'evt_replayed',
      type: 'invoice.paid' as const,
      sessionId: null,
      amountTotal: 1500,
      metadata: { subscriptionId: sub._id },
      subscriptionId: sub.providerSubscriptionId,
      invoiceId: sub.lastInvoiceId,
    };
    expect(await subs.receive(replay)).toBe('period-paid');
    expect(await current()).toMatchObject({ periodsPaid: 12, currentPeriodEnd: end });
    expect(await core.lespass.memberships.members.ofUser(user._id)).toHaveLength(12);
    // An invoice for another amount than Pass recorded extends nothing.
    expect(await subs.receive({ ...replay, id: 'evt_other', invoiceId: 'in_forged', amountTotal: 100 })).toBe('needs-attention');
    expect(await current()).toMatchObject({ periodsPaid: 12, currentPeriodEnd: end });
  });

  it('a failed payment gives a grace period, a paid retry renews from the billing date; without a retry it lapses', async () => {
    const { core, clock, demo, providerId, until, current, user } = await setup();
    const firstEnd = (await current()).currentPeriodEnd!;
    await demo.billing.failNextPayments(providerId, 1);
    clock.set(firstEnd);
    await demo.billing.runBilling();
    const failed = await until((s) => s.state === 'past_due');
    expect(failed.graceUntil).toBe(firstEnd + graceMs);
    expect(statusOf(failed, clock.now())).toBe('grace');
    clock.advance(2 * day);
    await demo.billing.runBilling(); // the retry of the same invoice
    const paid = await until((s) => s.periodsPaid === 2);
    expect(paid).toMatchObject({ state: 'active', currentPeriodEnd: addUtcMonths(firstEnd, 1) });
    expect(paid.graceUntil).toBeUndefined();
    const renewal = (await core.lespass.memberships.members.ofUser(user._id)).find((m) => m.validFrom === firstEnd);
    expect(renewal).toBeDefined();

    await demo.billing.failNextPayments(providerId, 99);
    clock.set(paid.currentPeriodEnd!);
    await demo.billing.runBilling();
    const pastDue = await until((s) => s.state === 'past_due');
    clock.set(pastDue.graceUntil! - 1);
    expect(statusOf(await current(), clock.now())).toBe('grace');
    clock.set(pastDue.graceUntil!);
    expect(statusOf(await current(), clock.now())).toBe('lapsed');
    expect(await core.lespass.memberships.members.isMember(pastDue.collectiveId, { userId: user._id }, clock.now())).toBe(false);
  });

  it('the holder cancels: effective at the period end, nothing charged after, the period paid still runs', async () => {
    const { core, clock, demo, subs, user, until, current } = await setup();
    const sub = await current();
    await expect(subs.cancel('usr_someone_else', sub._id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const cancelling = await subs.cancel(user._id, sub._id);
    expect(statusOf(cancelling, clock.now())).toBe('cancelling');
    expect(await core.lespass.memberships.members.isMember(sub.collectiveId, { userId: user._id }, sub.currentPeriodEnd! - 1)).toBe(true);
    clock.set(sub.currentPeriodEnd!);
    const events = await demo.billing.runBilling();
    expect(events.map((e) => e.type)).toEqual(['subscription.deleted']);
    const ended = await until((s) => s.state === 'ended');
    expect(statusOf(ended, clock.now())).toBe('cancelled');
    expect(ended.periodsPaid).toBe(1);
    clock.advance(40 * day);
    expect(await demo.billing.runBilling()).toEqual([]);
    expect(node!.mails('membership-receipt')).toHaveLength(1);
  });
});
