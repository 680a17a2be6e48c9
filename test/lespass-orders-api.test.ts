// Lespass over HTTP: a guest's basket (tickets, a membership, a top-up of a Pass named by its
// number), the ticket holder's name, and the read of an order by its reference, given only to
// its buyer (their session, or the order token the checkout call answered).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { globalAsset } from '../core/money/assets.js';
import { isDemoProvider } from '../core/payments/from-config.js';
import { defaultHoldMs } from '../core/ticketing/booking.js';
import { api, bootLespass, eventWithPrices, sessionOf, signIn, type LespassNode } from './support/lespass.js';

describe('Lespass guest baskets and order reads', () => {
  let node: LespassNode;
  let clock: FakeClock;
  let home: { _id: string; slug: string };
  let other: { _id: string; slug: string };
  let concert: Awaited<ReturnType<typeof eventWithPrices>>;
  let productId: string;
  let cardNumber: string;

  beforeAll(async () => {
    clock = new FakeClock(Date.now());
    node = await bootLespass({ clock });
    const { core } = node;
    home = await core.collectives.create({ name: 'La Fourmilière' });
    other = await core.collectives.create({ name: 'Radio Piaf' });
    for (const c of [home, other]) await core.currencies.defineCollectiveCurrencies(c._id, `Local ${c.slug}`, c.slug);
    concert = await eventWithPrices(core, home._id, { title: 'Concert', capacity: 20, prices: [{ name: 'Plein', amount: 1500 }] });
    productId = (
      await core.lespass.memberships.products.create(home._id, { name: 'Adhésion', price: 1000, durationDays: 365, fields: [{ key: 'city', label: 'Ville', required: true }] })
    )._id;
    cardNumber = (await core.pass.registerCard({ uid: '04BB0001', number: 'FOURMI-0101', issuerId: home._id })).number;
  });
  afterAll(() => node?.close());

  const checkout = (body: unknown, cookie?: string, slug = home.slug) => api(node, 'POST', `/api/sites/${slug}/basket/checkout`, { body, cookie });
  const orderOf = (reference: string, options: { token?: string; cookie?: string; slug?: string } = {}) =>
    fetch(`${node.url}/api/sites/${options.slug ?? home.slug}/orders/${encodeURIComponent(reference)}`, {
      headers: { ...(options.token ? { 'x-order-token': options.token } : {}), ...(options.cookie ? { cookie: options.cookie } : {}) },
    }).then(async (res) => ({ status: res.status, body: await res.json(), cacheControl: res.headers.get('cache-control') }));
  const tickets = (qty: number) => ({ type: 'tickets', eventId: concert.event._id, lines: [{ priceId: concert.prices[0]._id, qty }] });

  it('a guest pays tickets, a membership and a top-up of their Pass in one basket; the order token reads it, paid, with its tickets', async () => {
    const lines = [tickets(2), { type: 'membership', productId, answers: { city: 'Lyon' } }, { type: 'topup', amount: 2000, cardNumber }];
    const res = await checkout({ requestId: 'guest-basket-1', lines, name: 'Gaby Guest', email: 'Gaby@Test.fr' });
    expect(res.status).toBe(201);
    expect(res.body.basket).toMatchObject({ total: 3000 + 1000 + 2000, state: 'pending' });
    expect(res.body.reference).toBe(res.body.basket.id);
    const { reference, orderToken } = res.body;
    expect(orderToken).toMatch(/^[\w-]{43}$/);

    const pending = await orderOf(reference, { token: orderToken });
    expect(pending.status).toBe(200);
    expect(pending.cacheControl).toBe('no-store');
    expect(pending.body.order).toEqual({ reference, kind: 'basket', state: 'pending', amount: 6000, tickets: [] });

    await node.pay(sessionOf(res.body.checkoutUrl));
    const paid = (await orderOf(reference, { token: orderToken })).body.order;
    expect(paid).toMatchObject({ state: 'paid', amount: 6000 });
    expect(paid.tickets).toEqual([
      expect.objectContaining({ eventTitle: 'Concert', holder: 'Gaby Guest', state: 'valid', code: expect.stringMatching(/^T1\./) }),
      expect.objectContaining({ holder: 'Gaby Guest' }),
    ]);
    // The top-up went to the Pass named; the membership and the tickets to the email given.
    const card = (await node.core.pass.cards.byNumber(cardNumber))!;
    expect(await node.core.pass.walletBalances(card.walletId)).toEqual([expect.objectContaining({ asset: globalAsset, amount: 2000 })]);
    const user = (await node.core.lespass.users.byEmail('gaby@test.fr'))!;
    expect(user.name).toBe('Gaby Guest');
    expect(await node.core.lespass.memberships.members.isMember(home._id, { userId: user._id }, clock.now())).toBe(true);

    // The buyer's own session reads it too, and /api/me names the payment by the same reference.
    const cookie = await signIn(node, 'gaby@test.fr', home.slug);
    expect((await orderOf(reference, { cookie })).body.order.state).toBe('paid');
    const me = await api(node, 'GET', '/api/me', { cookie });
    expect(me.body.payments).toEqual([expect.objectContaining({ kind: 'basket', state: 'paid', reference })]);
  });

  it('tells nothing of an order without its buyer’s proof: no token, a wrong one, another buyer, another site', async () => {
    const res = await checkout({ requestId: 'guest-basket-2', lines: [tickets(1)], email: 'hidden@test.fr' });
    const { reference, orderToken } = res.body;
    const stranger = await signIn(node, 'stranger@test.fr');
    const refusals = [
      await orderOf(reference),
      await orderOf(reference, { token: `${orderToken.slice(0, -2)}AA` }),
      await orderOf(reference, { token: (await checkout({ requestId: 'guest-basket-3', lines: [tickets(1)], email: 'hidden@test.fr' })).body.orderToken }),
      await orderOf(reference, { cookie: stranger }),
      await orderOf(reference, { token: orderToken, slug: other.slug }),
      await orderOf('bsk_doesnotexist', { token: orderToken }),
    ];
    for (const refused of refusals) expect(refused).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'no such order' } } });
    expect((await orderOf(reference, { token: orderToken })).body.order.state).toBe('pending');
  });

  it('refuses a guest’s top-up without a Pass that exists and is active, next to the number', async () => {
    const { core } = node;
    const blocked = await core.pass.registerCard({ uid: '04BB0002', number: 'FOURMI-0102', issuerId: home._id });
    await core.pass.block(blocked.uid);
    const guest = { email: 'topup-guest@test.fr' };
    const noNumber = await checkout({ ...guest, requestId: 'guest-topup-1', lines: [tickets(1), { type: 'topup', amount: 500 }] });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'lines.1.cardNumber': 'required' } });
    const unknown = await checkout({ ...guest, requestId: 'guest-topup-2', lines: [{ type: 'topup', amount: 500, cardNumber: 'NOPE-1' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.fields).toEqual({ 'lines.0.cardNumber': 'no Pass has this number' });
    const refused = await checkout({ ...guest, requestId: 'guest-topup-3', lines: [{ type: 'topup', amount: 500, cardNumber: blocked.number }] });
    expect(refused.body.error).toMatchObject({ code: 'CARD_BLOCKED', fields: { 'lines.0.cardNumber': 'this Pass is blocked' } });
    const noEmail = await checkout({ requestId: 'guest-topup-4', lines: [tickets(1)] });
    expect(noEmail.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { email: 'required' } });
    // Refused baskets hold no seat.
    expect((await core.lespass.ticketing.events.byId(concert.event._id))!.sold).toBe(
      (await core.lespass.ticketing.reservations.docs.find({ eventId: concert.event._id, state: { $in: ['pending', 'confirmed'] } })).reduce((n, r) => n + r.lines[0].qty, 0),
    );
  });

  it('a signed-in buyer names the ticket holder in a basket, and reads bookings and top-ups by their reference', async () => {
    const cookie = await signIn(node, 'holder@test.fr', home.slug);
    const basket = await checkout({ requestId: 'named-basket-1', lines: [tickets(1), { type: 'topup', amount: 300 }], name: 'Ada Holder' }, cookie);
    expect(basket.status).toBe(201);
    await node.pay(sessionOf(basket.body.checkoutUrl));
    clock.advance(1_000); // payments are listed newest first
    const order = (await orderOf(basket.body.reference, { cookie })).body.order;
    expect(order.tickets).toEqual([expect.objectContaining({ holder: 'Ada Holder' })]);
    const me = await api(node, 'GET', '/api/me', { cookie });
    expect(me.body.wallet.balances).toEqual([expect.objectContaining({ asset: globalAsset, amount: 300 })]); // no number: the buyer's own wallet

    const booking = await api(node, 'POST', `/api/sites/${home.slug}/bookings`, {
      cookie,
      body: { eventId: concert.event._id, lines: [{ priceId: concert.prices[0]._id, qty: 1 }], requestId: 'named-booking-1', name: 'Bob Holder' },
    });
    expect(booking.body).toMatchObject({ reference: booking.body.reservation.id, orderToken: expect.any(String), reservation: { holder: 'Bob Holder' } });
    clock.advance(1_000);
    const topUp = await api(node, 'POST', '/api/me/topup', { cookie, body: { amount: 700, site: home.slug, requestId: 'named-topup-1' } });
    expect(topUp.body).toMatchObject({ reference: 'topup_named-topup-1', orderToken: expect.any(String) });
    expect((await orderOf(topUp.body.reference, { token: topUp.body.orderToken })).body.order).toEqual({
      reference: 'topup_named-topup-1',
      kind: 'topup',
      state: 'pending',
      amount: 700,
      tickets: [],
    });
    await node.pay(sessionOf(topUp.body.checkoutUrl));
    expect((await orderOf(topUp.body.reference, { cookie })).body.order.state).toBe('paid');
    const payments = (await api(node, 'GET', '/api/me', { cookie })).body.payments;
    expect(payments.map((p: { kind: string; reference: string }) => [p.kind, p.reference])).toEqual([
      ['topup', 'topup_named-topup-1'],
      ['booking', booking.body.reference],
      ['basket', basket.body.reference],
    ]);
  });

  it('answers expired, failed and refunded orders as such', async () => {
    const cookie = await signIn(node, 'states@test.fr', home.slug);
    const book = (requestId: string) =>
      api(node, 'POST', `/api/sites/${home.slug}/bookings`, { cookie, body: { eventId: concert.event._id, lines: [{ priceId: concert.prices[0]._id, qty: 1 }], requestId } });
    const stateOf = async (reference: string) => (await orderOf(reference, { cookie })).body.order.state;

    const late = (await book('state-expired-1')).body;
    clock.advance(defaultHoldMs + 1);
    await node.core.lespass.ticketing.reservations.expireHolds();
    expect(await stateOf(late.reference)).toBe('expired');

    const abandoned = (await book('state-failed-1')).body;
    if (!isDemoProvider(node.core.payments)) throw new Error('tests pay through the demo provider');
    await node.core.payments.expire(sessionOf(abandoned.checkoutUrl));
    await node.settled(sessionOf(abandoned.checkoutUrl), (c) => c.state === 'expired');
    expect(await stateOf(abandoned.reference)).toBe('expired'); // the checkout ran out while the seats were still held
    await node.core.lespass.ticketing.reservationPayments.cancel(home._id, abandoned.reference);
    expect(await stateOf(abandoned.reference)).toBe('failed'); // cancelled unpaid

    const paid = (await book('state-refunded-1')).body;
    await node.pay(sessionOf(paid.checkoutUrl));
    expect(await stateOf(paid.reference)).toBe('paid');
    await node.core.lespass.ticketing.reservationPayments.cancel(home._id, paid.reference);
    const refunded = await orderOf(paid.reference, { cookie });
    expect(refunded.body.order).toMatchObject({ state: 'refunded', tickets: [] });
  });
});

describe('Lespass guest purchases per client', () => {
  let node: LespassNode;
  afterAll(() => node?.close());

  it('bounds guest bookings and baskets together per IP, not signed-in ones', async () => {
    node = await bootLespass();
    const site = await node.core.collectives.create({ name: 'Seule' });
    const { event, prices } = await eventWithPrices(node.core, site._id, { capacity: 100, prices: [{ name: 'Libre', amount: 0 }] });
    const lines = [{ priceId: prices[0]._id, qty: 1 }];
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++)
      statuses.push(
        (await api(node, 'POST', `/api/sites/${site.slug}/bookings`, { body: { eventId: event._id, lines, requestId: `ip-booking-${i}`, email: `g${i}@test.fr` } })).status,
      );
    for (let i = 0; i < 16; i++) {
      statuses.push(
        (
          await api(node, 'POST', `/api/sites/${site.slug}/basket/checkout`, {
            body: { requestId: `ip-basket-${i}`, lines: [{ type: 'tickets', eventId: event._id, lines }], email: `h${i}@test.fr` },
          })
        ).status,
      );
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const cookie = await signIn(node, 'member@test.fr');
    expect(
      (
        await api(node, 'POST', `/api/sites/${site.slug}/basket/checkout`, {
          cookie,
          body: { requestId: 'ip-basket-signed', lines: [{ type: 'tickets', eventId: event._id, lines }] },
        })
      ).status,
    ).toBe(201);
  });
});
