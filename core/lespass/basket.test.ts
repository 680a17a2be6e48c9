import { afterEach, describe, expect, it } from 'vitest';
import { globalAsset } from '../money/assets.js';
import { bootLespass, buyer, eventWithPrices, sessionOf, type LespassNode } from '../../test/support/lespass.js';
import { CheckoutFulfilments } from '../../workers/checkout-fulfilment.js';
import { registerLespassFulfilments } from '../../workers/lespass.js';
import { processPaymentEvent } from '../../workers/stripe.js';

describe('one basket, one payment', () => {
  let node: LespassNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  async function setup() {
    node = await bootLespass();
    const { core } = node;
    const collective = await core.collectives.create({ name: 'La Fourmilière' });
    await core.currencies.defineCollectiveCurrencies(collective._id, 'Graines', collective.name);
    const product = await core.lespass.memberships.products.create(collective._id, { name: 'Adhésion', price: 1000, durationDays: 365, fields: [{ key: 'city', label: 'Ville', required: true }] });
    const { event, prices } = await eventWithPrices(core, collective._id, { capacity: 3, prices: [{ name: 'Plein', amount: 1500 }, { name: 'Adhérent', amount: 500, membersOnly: true }] });
    const who = await buyer(core, 'basket@test.fr');
    return { core, collective, product, event, prices, who };
  }

  it('delivers a membership, a Pass top-up and tickets from one checkout, each exactly once', async () => {
    const { core, collective, product, event, prices, who } = await setup();
    const { basket, checkoutUrl } = await core.lespass.baskets.checkout({
      collectiveId: collective._id,
      siteSlug: collective.slug,
      requestId: 'basket-req-1',
      buyer: who,
      lines: [
        { type: 'membership', productId: product._id, answers: { city: 'Lyon' } },
        { type: 'topup', amount: 2000 },
        { type: 'tickets', eventId: event._id, lines: [{ priceId: prices[0]._id, qty: 2 }] },
      ],
    });
    expect(basket.total).toBe(1000 + 2000 + 3000);
    const sessionId = sessionOf(checkoutUrl!);
    const demo = await core.store.collection<{ _id: string; total: number; lines: unknown[] }>('demo_checkouts').findOne({ _id: sessionId });
    expect(demo!.total).toBe(6000);
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(2); // held while paying

    const checkout = await node!.pay(sessionId);
    expect(checkout.error).toBeUndefined();
    expect(checkout.fulfilment).toMatchObject({ basketId: basket._id, lines: [{ type: 'membership' }, { type: 'topup', credited: 2000 }, { type: 'tickets', state: 'confirmed' }] });
    const wallet = `user:${who.userId}`;
    const balanceOf = async () => (await core.pass.walletBalances(wallet)).find((b) => b.asset === globalAsset)?.amount ?? 0;
    expect(await balanceOf()).toBe(2000);
    expect(await core.lespass.memberships.members.isMember(collective._id, { userId: who.userId }, core.clock.now())).toBe(true);
    expect(await core.lespass.ticketing.tickets.docs.count({ userId: who.userId, state: 'valid' })).toBe(2);
    expect((await core.lespass.baskets.get(basket._id)).state).toBe('fulfilled');

    // The same payment processed again from scratch (its checkout record lost its "fulfilled"
    // mark, as after a crash right before it was written): every line is delivered once only.
    await core.checkouts.collection.updateOne({ _id: sessionId }, { $unset: { fulfilledAt: 1 } });
    const fulfilments = new CheckoutFulfilments();
    registerLespassFulfilments(core.lespass, fulfilments);
    const deps = { checkouts: core.checkouts, pass: core.pass, fulfilments };
    const event2 = { id: 'evt_replay', type: 'checkout.completed' as const, sessionId, paymentIntentId: checkout.paymentIntentId, amountTotal: 6000, paid: true, metadata: checkout.metadata };
    expect((await processPaymentEvent(event2, deps)).outcome).toBe('fulfilled');
    expect((await processPaymentEvent(event2, deps)).outcome).toBe('already-fulfilled');
    expect(await balanceOf()).toBe(2000);
    expect(await core.lespass.memberships.members.docs.count({ userId: who.userId })).toBe(1);
    expect(await core.lespass.ticketing.tickets.docs.count({ userId: who.userId })).toBe(2);
    expect(node!.mails('ticket')).toHaveLength(2);
    expect(node!.mails('membership-receipt')).toHaveLength(1);
  });

  it('holds nothing when one line is refused, naming the field inside the basket', async () => {
    const { core, collective, product, event, prices, who } = await setup();
    const attempt = (lines: Parameters<typeof core.lespass.baskets.checkout>[0]['lines'], requestId: string) =>
      core.lespass.baskets.checkout({ collectiveId: collective._id, siteSlug: collective.slug, requestId, buyer: who, lines });
    await expect(
      attempt([{ type: 'tickets', eventId: event._id, lines: [{ priceId: prices[0]._id, qty: 2 }] }, { type: 'membership', productId: product._id, answers: {} }], 'basket-bad-1'),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { fields: { 'lines.1.answers.city': 'required' } } });
    await expect(attempt([{ type: 'tickets', eventId: event._id, lines: [{ priceId: prices[1]._id, qty: 1 }] }], 'basket-bad-2')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { fields: { 'lines.0.lines.0.priceId': expect.any(String) } },
    });
    await expect(attempt([{ type: 'topup', amount: 100 }, { type: 'topup', amount: 200 }], 'basket-bad-3')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(0);
  });

  it('opens a members-only rate to a buyer who joins in the same basket, and to no one else', async () => {
    const { core, collective, product, event, prices, who } = await setup();
    const { basket, checkoutUrl } = await core.lespass.baskets.checkout({
      collectiveId: collective._id,
      siteSlug: collective.slug,
      requestId: 'basket-join-and-book',
      buyer: who,
      lines: [
        { type: 'membership', productId: product._id, answers: { city: 'Lyon' } },
        { type: 'tickets', eventId: event._id, lines: [{ priceId: prices[1]._id, qty: 1 }] },
      ],
    });
    expect(basket.total).toBe(1000 + 500);
    await node!.pay(sessionOf(checkoutUrl!));
    expect(await core.lespass.ticketing.tickets.docs.count({ userId: who.userId, state: 'valid', priceName: 'Adhérent' })).toBe(1);
    // Without the membership line the same rate is refused to a non-member.
    const other = await buyer(core, 'not-member@test.fr');
    await expect(
      core.lespass.baskets.checkout({ collectiveId: collective._id, siteSlug: collective.slug, requestId: 'basket-no-join', buyer: other, lines: [{ type: 'tickets', eventId: event._id, lines: [{ priceId: prices[1]._id, qty: 1 }] }, { type: 'topup', amount: 500 }] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'MEMBERS_ONLY' } });
  });

  it('delivers a basket that costs nothing at once, without a checkout', async () => {
    const { core, collective, event, who } = await setup();
    const free = await core.lespass.ticketing.events.addPrice(collective._id, event._id, { name: 'Invitation', amount: 0 });
    const freeProduct = await core.lespass.memberships.products.create(collective._id, { name: 'Soutien', price: 0, durationDays: 30 });
    const res = await core.lespass.baskets.checkout({
      collectiveId: collective._id,
      siteSlug: collective.slug,
      requestId: 'basket-free-1',
      buyer: who,
      lines: [{ type: 'tickets', eventId: event._id, lines: [{ priceId: free._id, qty: 1 }] }, { type: 'membership', productId: freeProduct._id }],
    });
    expect(res.checkoutUrl).toBeNull();
    expect(res.basket.state).toBe('fulfilled');
    expect(await core.lespass.ticketing.tickets.docs.count({ userId: who.userId, state: 'valid' })).toBe(1);
    expect(await core.lespass.memberships.members.isMember(collective._id, { userId: who.userId }, core.clock.now())).toBe(true);
  });
});
