import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { bootLespass, buyer, eventWithPrices, sessionOf, type LespassNode } from '../../test/support/lespass.js';
import { verifyTicketCode } from './ticket-code.js';

describe('booking', () => {
  let node: LespassNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  const setup = async (clock?: FakeClock) => {
    node = await bootLespass({ clock });
    const collective = await node.core.collectives.create({ name: 'La Grange' });
    return { core: node.core, collectiveId: collective._id, slug: collective.slug };
  };

  it('never oversells: 50 concurrent bookings for 10 seats give exactly 10 tickets', async () => {
    const { core, collectiveId, slug } = await setup();
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 10, prices: [{ name: 'Libre', amount: 0 }] });
    const buyers = await Promise.all(Array.from({ length: 50 }, (_, i) => buyer(core, `b${i}@test.fr`)));
    const results = await Promise.allSettled(
      buyers.map((b, i) => core.lespass.ticketing.booking.book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: `req-conc-${i}`, buyer: b, lines: [{ priceId: prices[0]._id, qty: 1 }] })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(10);
    expect(new Set(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code))).toEqual(new Set(['SOLD_OUT']));
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(10);
    expect(await core.lespass.ticketing.tickets.docs.count({ eventId: event._id })).toBe(10);
  });

  it('holds both the price quotas and the event capacity under concurrency, giving back what a refused booking took', async () => {
    const { core, collectiveId, slug } = await setup();
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 10, prices: [{ name: 'Tarif A', amount: 0, quota: 8 }, { name: 'Tarif B', amount: 0, quota: 8 }] });
    const buyers = await Promise.all(Array.from({ length: 50 }, (_, i) => buyer(core, `q${i}@test.fr`)));
    const results = await Promise.allSettled(
      buyers.map((b, i) => core.lespass.ticketing.booking.book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: `req-quota-${i}`, buyer: b, lines: [{ priceId: prices[i % 2]._id, qty: 1 }] })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const [a, b] = await Promise.all(prices.map((p) => core.lespass.ticketing.events.prices.findOne({ _id: p._id })));
    expect(a!.sold).toBeLessThanOrEqual(8);
    expect(b!.sold).toBeLessThanOrEqual(8);
    expect(a!.sold + b!.sold).toBe(10); // compensation: no seat of a refused booking stays counted at its price
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(10);
  });

  it('confirms a free booking at once with signed tickets mailed once each, and replays the same request', async () => {
    const { core, collectiveId, slug } = await setup();
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 5, prices: [{ name: 'Gratuit', amount: 0 }] });
    const request = { collectiveId, siteSlug: slug, eventId: event._id, requestId: 'req-free-1', buyer: await buyer(core, 'ana@test.fr'), lines: [{ priceId: prices[0]._id, qty: 2 }] };
    const first = await core.lespass.ticketing.booking.book(request);
    expect(first.reservation.state).toBe('confirmed');
    expect(first.checkoutUrl).toBeNull();
    expect(first.tickets).toHaveLength(2);
    for (const t of first.tickets) expect(verifyTicketCode(t.code, core.ticketSecret)).toEqual({ ticketId: t._id, eventId: event._id });
    const again = await core.lespass.ticketing.booking.book(request);
    expect(again.reservation._id).toBe(first.reservation._id);
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(2);
    expect(node!.mails('ticket').map((m) => m.ticketId).sort()).toEqual(first.tickets.map((t) => t._id).sort());
    expect(node!.mails('ticket')[0]).toMatchObject({ to: 'ana@test.fr', eventTitle: 'Concert', collectiveName: 'La Grange', price: 0 });
    await expect(core.lespass.ticketing.booking.book({ ...request, eventId: 'evt_other' })).rejects.toMatchObject({ code: 'DUPLICATE_TX_CONFLICT' });
  });

  it('holds seats of a paid booking until paid, then confirms and tickets it once however often the payment is told', async () => {
    const { core, collectiveId, slug } = await setup();
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 5, prices: [{ name: 'Plein', amount: 1500 }] });
    const res = await core.lespass.ticketing.booking.book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: 'req-paid-1', buyer: await buyer(core, 'bo@test.fr'), lines: [{ priceId: prices[0]._id, qty: 2 }] });
    expect(res.reservation).toMatchObject({ state: 'pending', total: 3000 });
    expect(res.reservation.holdUntil).toBeGreaterThan(core.clock.now());
    expect(res.checkoutUrl).toContain('/demo-checkout/');
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(2);
    const sessionId = sessionOf(res.checkoutUrl!);
    const checkout = await node!.pay(sessionId);
    expect(checkout.error).toBeUndefined();
    const r = await core.lespass.ticketing.reservations.get(res.reservation._id);
    expect(r).toMatchObject({ state: 'confirmed', paidAmount: 3000, holdUntil: null });
    expect(await core.lespass.ticketing.tickets.ofReservation(r._id)).toHaveLength(2);
    // The same fulfilment again (a redelivered event after the record was lost): nothing new.
    const fulfilled = await core.lespass.ticketing.reservationPayments.fulfil(r._id, { sessionId, amount: 3000 });
    expect(fulfilled.tickets).toHaveLength(2);
    expect(node!.mails('ticket')).toHaveLength(2);
    await expect(core.lespass.ticketing.reservationPayments.fulfil(r._id, { sessionId, amount: 100 })).rejects.toMatchObject({ details: { reason: 'AMOUNT_MISMATCH' } });
  });

  it('gives the seats of an unpaid hold back when it expires; a late payment retakes seats if any, else is refunded', async () => {
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 10));
    const { core, collectiveId, slug } = await setup(clock);
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 1, prices: [{ name: 'Plein', amount: 1000 }, { name: 'Gratuit', amount: 0 }] });
    const late = await core.lespass.ticketing.booking.book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: 'req-late-1', buyer: await buyer(core, 'late@test.fr'), lines: [{ priceId: prices[0]._id, qty: 1 }] });
    clock.advance(31 * 60_000);
    // Someone else books: the expired hold is swept first, its seat is free again.
    const other = await core.lespass.ticketing.booking.book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: 'req-late-2', buyer: await buyer(core, 'other@test.fr'), lines: [{ priceId: prices[1]._id, qty: 1 }] });
    expect(other.reservation.state).toBe('confirmed');
    expect((await core.lespass.ticketing.reservations.get(late.reservation._id)).state).toBe('expired');
    // The late buyer pays now: no seat left, so the money goes back.
    const sessionId = sessionOf(late.checkoutUrl!);
    await node!.pay(sessionId);
    const refunded = await core.lespass.ticketing.reservations.get(late.reservation._id);
    expect(refunded).toMatchObject({ state: 'refunded', refund: { amount: 1000, state: 'requested' } });
    expect(await core.lespass.ticketing.tickets.ofReservation(refunded._id)).toHaveLength(0);
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(1);
    const demo = await core.store.collection<{ _id: string; refunded: number }>('demo_checkouts').findOne({ _id: sessionId });
    expect(demo!.refunded).toBe(1000);
  });

  it('confirms a payment that arrives after its hold expired when seats are still free', async () => {
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 10));
    const { core, collectiveId, slug } = await setup(clock);
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 3, prices: [{ name: 'Plein', amount: 1000 }] });
    const res = await core.lespass.ticketing.booking.book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: 'req-late-ok', buyer: await buyer(core, 'slow@test.fr'), lines: [{ priceId: prices[0]._id, qty: 1 }] });
    clock.advance(31 * 60_000);
    expect(await core.lespass.ticketing.reservations.expireHolds()).toBe(1);
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(0);
    await node!.pay(sessionOf(res.checkoutUrl!));
    expect((await core.lespass.ticketing.reservations.get(res.reservation._id)).state).toBe('confirmed');
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(1);
  });

  it('cancels a paid reservation: seats back, tickets cancelled, refunded through the payment port, once', async () => {
    const { core, collectiveId, slug } = await setup();
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 4, prices: [{ name: 'Plein', amount: 1200, quota: 3 }] });
    const res = await core.lespass.ticketing.booking.book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: 'req-cancel-1', buyer: await buyer(core, 'cy@test.fr'), lines: [{ priceId: prices[0]._id, qty: 2 }] });
    const sessionId = sessionOf(res.checkoutUrl!);
    await node!.pay(sessionId);
    await expect(core.lespass.ticketing.reservationPayments.cancel('col_other', res.reservation._id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const cancelled = await core.lespass.ticketing.reservationPayments.cancel(collectiveId, res.reservation._id);
    expect(cancelled).toMatchObject({ state: 'cancelled', refund: { amount: 2400, state: 'requested' } });
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(0);
    expect((await core.lespass.ticketing.events.prices.findOne({ _id: prices[0]._id }))!.sold).toBe(0);
    expect((await core.lespass.ticketing.tickets.ofReservation(res.reservation._id)).map((t) => t.state)).toEqual(['cancelled', 'cancelled']);
    await core.lespass.ticketing.reservationPayments.cancel(collectiveId, res.reservation._id); // again: nothing more
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(0);
    const demo = await core.store.collection<{ _id: string; refunded: number }>('demo_checkouts').findOne({ _id: sessionId });
    expect(demo!.refunded).toBe(2400);
    // The provider's refund event reaches the queue and is reconciled with the cancel.
    const checkout = await node!.settled(sessionId, (c) => c.state === 'refunded');
    expect(checkout).toMatchObject({ refundedTotal: 2400, reversedTotal: 2400, shortfall: 0 });
  });

  it('reserves member prices to signed-in members of the collective', async () => {
    const { core, collectiveId, slug } = await setup();
    const { event, prices } = await eventWithPrices(core, collectiveId, { capacity: 10, prices: [{ name: 'Adhérent', amount: 0, membersOnly: true }] });
    const book = (b: Awaited<ReturnType<typeof buyer>>, n: number) =>
      core.lespass.ticketing.booking.book({ collectiveId, siteSlug: slug, eventId: event._id, requestId: `req-member-${n}`, buyer: b, lines: [{ priceId: prices[0]._id, qty: 1 }] });
    const dee = await buyer(core, 'dee@test.fr');
    await expect(book(dee, 1)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'MEMBERS_ONLY', fields: { 'lines.0.priceId': expect.any(String) } } });
    const product = await core.lespass.memberships.products.create(collectiveId, { name: 'Adhésion', price: 1000, durationDays: 365 });
    await core.lespass.memberships.members.addByHand(collectiveId, { productId: product._id, email: 'dee@test.fr' });
    await expect(book({ ...dee, signedIn: false }, 2)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await book(dee, 3)).reservation.state).toBe('confirmed');
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(1);
  });
});
