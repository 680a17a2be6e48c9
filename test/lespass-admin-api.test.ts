// Lespass over HTTP, a collective's admin panel: memberships, members, payments received,
// events and prices, reservations, cancel/refund and the door check; with tenant isolation
// (another collective's resources answer 404 inside one's own collective, 403 across) and
// form errors next to their fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectiveWithAdmin, login } from './support/boot.js';
import { api, bootLespass, buyer, eventWithPrices, sessionOf, type LespassNode } from './support/lespass.js';

describe('Lespass admin API', () => {
  let node: LespassNode;
  let a: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let b: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let cookieA: string;
  let ofB: Record<string, string>;
  const base = () => `/api/collectives/${a.collectiveId}`;

  beforeAll(async () => {
    node = await bootLespass();
    a = await collectiveWithAdmin(node.core, 'Collectif A');
    b = await collectiveWithAdmin(node.core, 'Collectif B');
    cookieA = await login(node.url, a.email, a.password);
    // Resources of B, to try from inside A's panel.
    const { core } = node;
    const product = await core.lespass.memberships.products.create(b.collectiveId, { name: 'Adhésion B', price: 100, durationDays: 30 });
    const member = await core.lespass.memberships.members.addByHand(b.collectiveId, { productId: product._id, email: 'member-of-b@test.fr' });
    const { event, prices } = await eventWithPrices(core, b.collectiveId, { capacity: 5, prices: [{ name: 'Libre', amount: 0 }] });
    const booked = await core.lespass.ticketing.booking.book({ collectiveId: b.collectiveId, siteSlug: b.slug, eventId: event._id, requestId: 'b-booking-1', buyer: await buyer(core, 'fan-of-b@test.fr'), lines: [{ priceId: prices[0]._id, qty: 1 }] });
    ofB = { productId: product._id, memberId: member._id, eventId: event._id, priceId: prices[0]._id, reservationId: booked.reservation._id, code: booked.tickets[0].code };
  });
  afterAll(() => node?.close());

  const call = (method: string, path: string, body?: unknown, cookie = cookieA) => api(node, method, path, { body, cookie });

  it("answers 404 for another collective's resources inside one's own collective, 403 across, 401 without a session", async () => {
    const inside = [
      ['GET', `${base()}/membership-products/${ofB.productId}`],
      ['PATCH', `${base()}/membership-products/${ofB.productId}`, { name: 'mine now' }],
      ['DELETE', `${base()}/membership-products/${ofB.productId}`],
      ['POST', `${base()}/members`, { productId: ofB.productId, email: 'x@test.fr' }],
      ['GET', `${base()}/events/${ofB.eventId}`],
      ['PATCH', `${base()}/events/${ofB.eventId}`, { title: 'mine now' }],
      ['DELETE', `${base()}/events/${ofB.eventId}`],
      ['POST', `${base()}/events/${ofB.eventId}/prices`, { name: 'x', amount: 0 }],
      ['PATCH', `${base()}/events/${ofB.eventId}/prices/${ofB.priceId}`, { quota: 1 }],
      ['DELETE', `${base()}/events/${ofB.eventId}/prices/${ofB.priceId}`],
      ['GET', `${base()}/events/${ofB.eventId}/reservations`],
      ['POST', `${base()}/reservations/${ofB.reservationId}/cancel`, {}],
      ['POST', `${base()}/checkin`, { code: ofB.code }],
    ] as const;
    for (const [method, path, body] of inside) expect((await call(method, path, body)).status, `${method} ${path}`).toBe(404);
    expect((await call('GET', `${base()}/members`)).body.members).toEqual([]);
    expect((await call('GET', `${base()}/reservations`)).body.reservations).toEqual([]);
    expect((await call('GET', `/api/collectives/${b.collectiveId}/members`)).status).toBe(403);
    expect((await call('POST', `/api/collectives/${b.collectiveId}/checkin`, { code: ofB.code })).status).toBe(403);
    expect((await api(node, 'GET', `${base()}/events`)).status).toBe(401);
    // B's things are untouched.
    expect((await node.core.lespass.ticketing.tickets.docs.findOne({ code: ofB.code }))!.state).toBe('valid');
    expect((await node.core.lespass.ticketing.reservations.get(ofB.reservationId)).state).toBe('confirmed');
  });

  it('edits events and prices, refusing bad input next to its field and quotas below what is sold', async () => {
    const startsAt = '2027-07-14T20:00:00+02:00';
    const bad = await call('POST', `${base()}/events`, { title: '', startsAt, endsAt: '2027-07-14T19:00:00+02:00', capacity: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { title: expect.any(String), capacity: expect.any(String) } });
    const wrongOrder = await call('POST', `${base()}/events`, { title: 'Fête', startsAt, endsAt: '2027-07-14T19:00:00+02:00', capacity: 10 });
    expect(wrongOrder.body.error.fields).toEqual({ endsAt: 'must be after the start' });
    const created = await call('POST', `${base()}/events`, { title: 'Fête', place: 'Cour', startsAt, endsAt: '2027-07-15T02:00:00+02:00', capacity: 10, published: true });
    expect(created.status).toBe(201);
    const eventId = created.body.event.id;
    expect(created.body.event).toMatchObject({ startsAt: Date.parse(startsAt), capacity: 10, sold: 0, published: true, prices: [] });
    const withPrice = await call('POST', `${base()}/events/${eventId}/prices`, { name: 'Plein', amount: 1200, quota: 5 });
    expect(withPrice.status).toBe(201);
    const priceId = withPrice.body.event.prices[0].id;
    expect((await call('POST', `${base()}/events/${eventId}/prices`, { name: 'Négatif', amount: -1 })).body.error.fields).toEqual({ amount: expect.any(String) });
    // 3 seats sold (free booking through the core), then quota and capacity edits are checked against them.
    await call('PATCH', `${base()}/events/${eventId}/prices/${priceId}`, { amount: 0 });
    await node.core.lespass.ticketing.booking.book({ collectiveId: a.collectiveId, siteSlug: a.slug, eventId, requestId: 'a-booking-edit', buyer: await buyer(node.core, 'edit@test.fr'), lines: [{ priceId, qty: 3 }] });
    const tooLow = await call('PATCH', `${base()}/events/${eventId}/prices/${priceId}`, { quota: 2 });
    expect(tooLow.status).toBe(409);
    expect(tooLow.body.error.fields).toEqual({ quota: 'below the seats already sold' });
    expect((await call('PATCH', `${base()}/events/${eventId}`, { capacity: 2 })).body.error.fields).toEqual({ capacity: 'below the seats already sold' });
    const edited = await call('PATCH', `${base()}/events/${eventId}`, { title: 'Grande fête', capacity: 4 });
    expect(edited.body.event).toMatchObject({ title: 'Grande fête', capacity: 4, sold: 3, remaining: 1 });
    const removed = await call('DELETE', `${base()}/events/${eventId}/prices/${priceId}`);
    expect(removed.body).toMatchObject({ archived: true, event: { prices: [expect.objectContaining({ id: priceId, active: false, sold: 3 })] } });
    expect((await call('DELETE', `${base()}/events/${eventId}`)).status).toBe(409);
    expect((await call('GET', `${base()}/events`)).body.events.map((e: { title: string }) => e.title)).toContain('Grande fête');
    const draft = await call('POST', `${base()}/events`, { title: 'Brouillon', startsAt, endsAt: '2027-07-15T02:00:00+02:00', capacity: 10 });
    expect((await call('DELETE', `${base()}/events/${draft.body.event.id}`)).status).toBe(204);
  });

  it('manages memberships and members, with CSV export and field errors on answers', async () => {
    const bad = await call('POST', `${base()}/membership-products`, { name: 'Sans durée', price: 100 });
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { durationDays: expect.any(String) } });
    const created = await call('POST', `${base()}/membership-products`, { name: 'Adhésion A', price: 1500, durationDays: 365, fields: [{ key: 'city', label: 'Ville', required: true }] });
    expect(created.status).toBe(201);
    const productId = created.body.membership.id;
    expect((await call('PATCH', `${base()}/membership-products/${productId}`, { price: 2000 })).body.membership).toMatchObject({ price: 2000, active: true });
    const noAnswer = await call('POST', `${base()}/members`, { productId, email: 'joe@test.fr' });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.body.error.fields).toEqual({ 'answers.city': 'required' });
    const added = await call('POST', `${base()}/members`, { productId, email: 'joe@test.fr', name: 'Joe', answers: { city: 'Nantes' }, amount: 2000, method: 'cash' });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ name: 'Joe', status: 'active', productName: 'Adhésion A', amount: 2000 });
    const list = await call('GET', `${base()}/members?status=active`);
    expect(list.body.members.map((m: { email: string }) => m.email)).toEqual(['joe@test.fr']);
    expect((await call('GET', `${base()}/members?status=expired`)).body.members).toEqual([]);
    expect((await call('GET', `${base()}/members?status=zombie`)).body.error.fields).toEqual({ status: expect.any(String) });
    const csv = await call('GET', `${base()}/members.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('answer_city');
    expect(csv.body).toContain('Joe,joe@test.fr,Adhésion A,,active');
    expect((await call('DELETE', `${base()}/membership-products/${productId}`)).body.membership.active).toBe(false);
    expect((await call('GET', `${base()}/membership-products`)).body.memberships).toEqual([expect.objectContaining({ id: productId, active: false })]);
  });

  it('lists and cancels reservations (refunded through the payment port), and checks tickets at the door once', async () => {
    const { core } = node;
    const { event, prices } = await eventWithPrices(core, a.collectiveId, { title: 'Soirée', capacity: 10, prices: [{ name: 'Plein', amount: 900 }] });
    const res = await core.lespass.ticketing.booking.book({ collectiveId: a.collectiveId, siteSlug: a.slug, eventId: event._id, requestId: 'a-booking-door', buyer: await buyer(core, 'door@test.fr'), lines: [{ priceId: prices[0]._id, qty: 2 }] });
    const sessionId = sessionOf(res.checkoutUrl!);
    await node.pay(sessionId);
    const listed = await call('GET', `${base()}/events/${event._id}/reservations`);
    expect(listed.body.reservations).toEqual([expect.objectContaining({ id: res.reservation._id, state: 'confirmed', paidAmount: 1800, holder: 'door' })]);
    expect((await call('GET', `${base()}/reservations?state=confirmed&eventId=${event._id}`)).body.reservations).toHaveLength(1);

    const [t1, t2] = await core.lespass.ticketing.tickets.ofReservation(res.reservation._id);
    const scan = (code: string, eventId?: string) => call('POST', `${base()}/checkin`, { code, ...(eventId ? { eventId } : {}) });
    const first = await scan(t1.code, event._id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ticket: { id: t1._id, state: 'used', holder: 'door' }, event: { title: 'Soirée' } });
    const second = await scan(t1.code);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ALREADY_USED');
    const forged = await scan(t2.code.slice(0, -3) + (t2.code.endsWith('abc') ? 'abd' : 'abc'));
    expect(forged.status).toBe(400);
    expect(forged.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { code: 'not a genuine ticket' }, details: { reason: 'TICKET_INVALID' } });
    expect((await call('POST', `${base()}/checkin`, {})).body.error.fields).toEqual({ code: expect.any(String) });

    const cancelled = await call('POST', `${base()}/reservations/${res.reservation._id}/cancel`, {});
    expect(cancelled.body.reservation).toMatchObject({ state: 'cancelled', refund: { amount: 1800, state: 'requested' } });
    expect((await scan(t2.code)).body.error).toMatchObject({ code: 'CONFLICT' });
    expect((await core.lespass.ticketing.events.byId(event._id))!.sold).toBe(0);
    await node.settled(sessionId, (c) => c.state === 'refunded');
  });

  it('lists payments received (online, at the bar, by hand) with filters, totals and CSV', async () => {
    const { core } = node;
    const c = await collectiveWithAdmin(core, 'Collectif C');
    const cookieC = await login(node.url, c.email, c.password);
    const at = `/api/collectives/${c.collectiveId}`;
    await core.currencies.defineCollectiveCurrencies(c.collectiveId, 'Sous', 'C');
    const { event, prices } = await eventWithPrices(core, c.collectiveId, { capacity: 10, prices: [{ name: 'Plein', amount: 1000 }] });
    const booked = await core.lespass.ticketing.booking.book({ collectiveId: c.collectiveId, siteSlug: c.slug, eventId: event._id, requestId: 'c-booking-pay', buyer: await buyer(core, 'pay@test.fr'), lines: [{ priceId: prices[0]._id, qty: 1 }] });
    await node.pay(sessionOf(booked.checkoutUrl!));
    const card = await core.pass.registerCard({ uid: '04CC0001', number: 'C-1', issuerId: c.collectiveId });
    await core.pass.topUp({ txId: 'c-topup-cash-1', cardUid: card.uid, asset: 'local', amount: 2000, method: 'cash', collectiveId: c.collectiveId, posId: 'pos_c' });
    await core.pass.topUp({ txId: 'c-topup-card-1', cardUid: card.uid, asset: 'local', amount: 500, method: 'card', collectiveId: c.collectiveId, posId: 'pos_c' });
    const product = await core.lespass.memberships.products.create(c.collectiveId, { name: 'Adhésion C', price: 300, durationDays: 30 });
    await core.lespass.memberships.members.addByHand(c.collectiveId, { productId: product._id, email: 'bar@test.fr', amount: 300, method: 'cash' });

    const all = await api(node, 'GET', `${at}/payments`, { cookie: cookieC });
    expect(all.status).toBe(200);
    expect(all.body.lines.map((l: { kind: string; method: string; amount: number }) => `${l.kind}/${l.method}/${l.amount}`).sort()).toEqual(['booking/online/1000', 'membership/cash/300', 'topup/card/500', 'topup/cash/2000']);
    expect(all.body.totals).toMatchObject({ count: 4, amount: 3800, net: 3800, byMethod: { cash: { amount: 2300 }, online: { amount: 1000 }, card: { amount: 500 } } });
    const cash = await api(node, 'GET', `${at}/payments?method=cash&kind=topup`, { cookie: cookieC });
    expect(cash.body.totals).toMatchObject({ count: 1, amount: 2000 });
    const future = await api(node, 'GET', `${at}/payments?from=2099-01-01&to=2099-02-01`, { cookie: cookieC });
    expect(future.body.lines).toEqual([]);
    const bad = await api(node, 'GET', `${at}/payments?from=2026-02-01&to=2026-01-01`, { cookie: cookieC });
    expect(bad.body.error.fields).toEqual({ to: 'must be after from' });
    const csv = await api(node, 'GET', `${at}/payments.csv`, { cookie: cookieC });
    const rows = String(csv.body).trim().split('\r\n');
    expect(rows[0]).toBe('at_utc,kind,method,amount_eur,refunded_eur,net_eur,source,reference,promo_code,discount_eur,pay_what_you_want_eur');
    expect(rows.at(-1)).toBe('total,,,38.00,0.00,38.00,,4,,0.00,0.00');
    // A's admin sees none of C's payments.
    expect((await call('GET', `${at}/payments`)).status).toBe(403);
  });
});
