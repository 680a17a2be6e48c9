import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { bootLespass, buyer, eventWithPrices, sessionOf, type LespassNode } from '../../test/support/lespass.js';

describe('promo codes and pay-what-you-want prices', () => {
  let node: LespassNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  const setup = async (options: { store?: 'memory' | 'sqlite'; clock?: FakeClock } = {}) => {
    node = await bootLespass(options);
    const collective = await node.core.collectives.create({ name: 'La Grange' });
    return { core: node.core, collectiveId: collective._id, slug: collective.slug };
  };

  for (const store of ['memory', 'sqlite'] as const) {
    it(`never overuses a code: 50 concurrent bookings with a code limited to 10 give exactly 10 discounts (${store} store)`, async () => {
      const { core, collectiveId, slug } = await setup({ store });
      const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 100, prices: [{ name: 'Plein', amount: 2000 }] });
      await core.lespass.promos.create(collectiveId, { code: 'dix', kind: 'percent', value: 50, maxUses: 10 });
      const buyers = await Promise.all(Array.from({ length: 50 }, (_, i) => buyer(core, `p${i}@test.fr`)));
      const results = await Promise.allSettled(
        buyers.map((b, i) =>
          core.lespass.ticketing.booking.book({
            collectiveId,
            siteSlug: slug,
            eventId: event._id,
            requestId: `req-promo-${i}`,
            buyer: b,
            lines: [{ priceId: prices[0]._id, qty: 1 }],
            promoCode: 'DIX',
          }),
        ),
      );
      const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(ok).toHaveLength(10);
      for (const r of ok) expect(r.reservation).toMatchObject({ total: 1000, discount: 1000, promoCode: 'DIX' });
      const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(new Set(refusals.map((e) => `${e.code}/${e.details.reason}`))).toEqual(new Set(['SOLD_OUT/PROMO_USED_UP']));
      const [code] = await core.lespass.promos.list(collectiveId);
      expect(code.used).toBe(10);
      expect(await core.lespass.promos.uses.count({ codeId: code._id })).toBe(10);
      // A refused booking took no seat.
      expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(10);
      // The checkout asks for what the reservation says, less the discount.
      const checkout = await core.checkouts.get(sessionOf(ok[0].checkoutUrl!));
      expect(checkout).toMatchObject({ amountTotal: 1000, metadata: { promoCode: 'DIX', discount: '1000' } });
    });
  }

  it('refuses a code outside its dates, switched off, unknown, or for another event, changing nothing', async () => {
    const clock = new FakeClock(Date.parse('2026-07-01T10:00:00Z'));
    const { core, collectiveId, slug } = await setup({ clock });
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 10, prices: [{ name: 'Plein', amount: 1500 }] });
    const other = await eventWithPrices(core, collectiveId, { capacity: 10, prices: [{ name: 'Plein', amount: 1500 }], title: 'Autre' });
    const now = clock.now();
    await core.lespass.promos.create(collectiveId, { code: 'LATER', kind: 'amount', value: 500, validFrom: now + 3_600_000 });
    await core.lespass.promos.create(collectiveId, { code: 'PAST', kind: 'amount', value: 500, validUntil: now });
    await core.lespass.promos.create(collectiveId, { code: 'OTHER', kind: 'amount', value: 500, eventIds: [other.event._id] });
    const off = await core.lespass.promos.create(collectiveId, { code: 'OFF', kind: 'amount', value: 500 });
    await core.lespass.promos.update(collectiveId, off._id, { active: false });
    const b = await buyer(core, 'ana@test.fr');
    const attempt = (promoCode: string, i: number) =>
      core.lespass.ticketing.booking
        .book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: `req-refused-${i}`, buyer: b, lines: [{ priceId: prices[0]._id, qty: 1 }], promoCode })
        .catch((e) => `${e.code}/${e.details.reason}`);
    expect(await attempt('LATER', 1)).toBe('CONFLICT/PROMO_NOT_STARTED');
    expect(await attempt('PAST', 2)).toBe('CONFLICT/PROMO_EXPIRED');
    expect(await attempt('OTHER', 3)).toBe('CONFLICT/PROMO_NOT_APPLICABLE');
    expect(await attempt('OFF', 4)).toBe('NOT_FOUND/PROMO_UNKNOWN');
    expect(await attempt('NOPE', 5)).toBe('NOT_FOUND/PROMO_UNKNOWN');
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(0);
    expect((await core.lespass.promos.list(collectiveId)).map((p) => p.used)).toEqual([0, 0, 0, 0]);
    clock.advance(3_600_000);
    const later = await core.lespass.ticketing.booking.book({
      collectiveId,
      siteSlug: slug,
      eventId: event._id,
      requestId: 'req-later-ok',
      buyer: b,
      lines: [{ priceId: prices[0]._id, qty: 1 }],
      promoCode: 'later',
    });
    expect(later.reservation).toMatchObject({ total: 1000, discount: 500 });
  });

  it('spends an amount code once across a basket, never discounts a top-up, honours a chosen price above its minimum, and reports both', async () => {
    const { core, collectiveId, slug } = await setup();
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 10, prices: [{ name: 'Prix libre', amount: 500, payWhatYouWant: true }] });
    const product = await core.lespass.memberships.products.create(collectiveId, { name: 'Adhésion', price: 1000, durationDays: 365, payWhatYouWant: true });
    await core.lespass.promos.create(collectiveId, { code: 'BIENVENUE', kind: 'amount', value: 1500 });
    const b = await buyer(core, 'leo@test.fr');
    const request = (requestId: string, lines: any[]) => core.lespass.baskets.checkout({ collectiveId, siteSlug: slug, requestId, buyer: b, lines, promoCode: 'BIENVENUE' });
    const below = await request('req-below-1', [{ type: 'tickets', eventId: event._id, lines: [{ priceId: prices[0]._id, qty: 2, amount: 400 }] }]).catch((e) => e);
    expect(below).toMatchObject({ code: 'INVALID_AMOUNT', details: { reason: 'BELOW_MINIMUM', fields: { 'lines.0.lines.0.amount': 'at least 500 cents' } } });
    expect((await core.lespass.promos.list(collectiveId))[0].used).toBe(0); // the refused basket gave its use back

    const { basket, checkoutUrl } = await request('req-basket-1', [
      { type: 'tickets', eventId: event._id, lines: [{ priceId: prices[0]._id, qty: 2, amount: 800 }] },
      { type: 'membership', productId: product._id, amount: 1200 },
      { type: 'topup', amount: 2000 },
    ]);
    // 1,600 of tickets take 1,500 off; the membership keeps its chosen 1,200; the top-up is money.
    expect(basket.lines.map((l) => l.amount)).toEqual([100, 1200, 2000]);
    expect(basket).toMatchObject({ total: 3300, discount: 1500, promoCode: 'BIENVENUE' });
    const paid = await node!.pay(sessionOf(checkoutUrl!));
    expect(paid.error).toBeUndefined();
    expect(paid.amountTotal).toBe(3300);
    expect(await core.lespass.ticketing.tickets.docs.count({ eventId: event._id })).toBe(2);

    const report = await core.lespass.payments.report(collectiveId, { from: 0, to: core.clock.now() + 1 });
    expect(report.lines).toEqual([expect.objectContaining({ kind: 'basket', amount: 3300, promoCode: 'BIENVENUE', discount: 1500, payWhatYouWant: 1600 + 1200 })]);
    expect(report.totals).toMatchObject({ discount: 1500, payWhatYouWant: 2800 });
  });

  it('refuses a chosen price at a fixed price, and takes a code once for a replayed booking', async () => {
    const { core, collectiveId, slug } = await setup();
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 10, prices: [{ name: 'Plein', amount: 1000 }] });
    await core.lespass.promos.create(collectiveId, { code: 'UNE', kind: 'percent', value: 100, maxUses: 1 });
    const b = await buyer(core, 'zoe@test.fr');
    const fixed = await core.lespass.ticketing.booking
      .book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: 'req-fixed-1', buyer: b, lines: [{ priceId: prices[0]._id, qty: 1, amount: 1 }] })
      .catch((e) => e);
    expect(fixed).toMatchObject({ code: 'INVALID_AMOUNT', details: { fields: { 'lines.0.amount': 'this price is fixed' } } });
    const request = { collectiveId, siteSlug: slug, eventId: event._id, requestId: 'req-once-1', buyer: b, lines: [{ priceId: prices[0]._id, qty: 1 }], promoCode: 'UNE' };
    const first = await core.lespass.ticketing.booking.book(request);
    // Free after the discount: confirmed and ticketed at once.
    expect(first.reservation).toMatchObject({ state: 'confirmed', total: 0, discount: 1000 });
    const again = await core.lespass.ticketing.booking.book(request);
    expect(again.reservation._id).toBe(first.reservation._id);
    expect((await core.lespass.promos.list(collectiveId))[0].used).toBe(1);
  });
});
