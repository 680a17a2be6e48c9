// Lespass over HTTP, public side: sites, agenda, booking, basket, magic-link sign-in and the
// person's account, with the demo payment provider and the real `stripe` queue processor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalAsset } from '../core/money/assets.js';
import { api, bootLespass, eventWithPrices, magicTokenFor, sessionOf, signIn, type LespassNode } from './support/lespass.js';

describe('Lespass public API', () => {
  let node: LespassNode;
  let a: { _id: string; slug: string };
  let b: { _id: string; slug: string };
  let alone: { _id: string; slug: string };
  let concert: Awaited<ReturnType<typeof eventWithPrices>>;
  let bal: Awaited<ReturnType<typeof eventWithPrices>>;

  beforeAll(async () => {
    node = await bootLespass();
    const { core } = node;
    const village = await core.villages.create({ name: 'Village des Possibles' });
    a = await core.collectives.create({ name: 'La Fourmilière', description: 'Tiers-lieu' });
    b = await core.collectives.create({ name: 'Radio Piaf' });
    alone = await core.collectives.create({ name: 'Seule' });
    await core.villages.join(a._id, village._id);
    await core.villages.join(b._id, village._id);
    for (const c of [a, b, alone]) await core.currencies.defineCollectiveCurrencies(c._id, `Local ${c.slug}`, c.slug);
    concert = await eventWithPrices(core, a._id, { title: 'Concert', capacity: 3, prices: [{ name: 'Plein', amount: 1500 }, { name: 'Gratuit', amount: 0, quota: 2 }] });
    bal = await eventWithPrices(core, b._id, { title: 'Bal', capacity: 50, prices: [{ name: 'Entrée', amount: 800 }] });
    await eventWithPrices(core, alone._id, { title: 'Ailleurs', capacity: 5, prices: [{ name: 'Entrée', amount: 0 }] });
    await core.lespass.ticketing.events.create(a._id, { title: 'Brouillon', startsAt: core.clock.now() + 1e6, endsAt: core.clock.now() + 2e6, capacity: 5 }); // unpublished
    await core.lespass.memberships.products.create(a._id, { name: 'Adhésion Fourmilière', price: 1000, durationDays: 365, fields: [{ key: 'city', label: 'Ville', required: true }] });
    await core.lespass.memberships.products.create(b._id, { name: 'Soutien Radio', price: 500, period: 'month' });
    await core.lespass.memberships.products.create(alone._id, { name: 'Pas du village', price: 100, durationDays: 30 });
  });
  afterAll(() => node?.close());

  it('shows a site with its village, and answers 404 for an unknown one', async () => {
    const site = await api(node, 'GET', `/api/sites/${a.slug}`);
    expect(site.status).toBe(200);
    expect(site.body.collective).toMatchObject({ id: a._id, name: 'La Fourmilière', description: 'Tiers-lieu' });
    expect(site.body.village).toMatchObject({ name: 'Village des Possibles' });
    expect(site.body.village.collectives.map((c: { slug: string }) => c.slug).sort()).toEqual([a.slug, b.slug].sort());
    expect((await api(node, 'GET', `/api/sites/${alone.slug}`)).body.village).toBeNull();
    expect((await api(node, 'GET', '/api/sites/nobody-here')).status).toBe(404);
  });

  it('lists the published agenda of the collective or of its whole village', async () => {
    const mine = await api(node, 'GET', `/api/sites/${a.slug}/agenda`);
    expect(mine.body.events.map((e: { title: string }) => e.title)).toEqual(['Concert']);
    expect(mine.body.events[0]).toMatchObject({ remaining: 3, collective: { slug: a.slug }, prices: [{ name: 'Plein', amount: 1500, remaining: 3 }, { name: 'Gratuit', remaining: 2 }] });
    expect(mine.body.events[0].prices[0].sold).toBeUndefined();
    const village = await api(node, 'GET', `/api/sites/${a.slug}/agenda?scope=village`);
    expect(village.body.events.map((e: { title: string }) => e.title).sort()).toEqual(['Bal', 'Concert']);
    const bad = await api(node, 'GET', `/api/sites/${a.slug}/agenda?scope=world`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { scope: expect.any(String) } });
  });

  it('shows an event of the collective or its village, never another’s', async () => {
    expect((await api(node, 'GET', `/api/sites/${a.slug}/events/${concert.event._id}`)).body.event).toMatchObject({ title: 'Concert', place: 'La Grange' });
    expect((await api(node, 'GET', `/api/sites/${a.slug}/events/${bal.event._id}`)).body.event).toMatchObject({ title: 'Bal', collective: { slug: b.slug } });
    expect((await api(node, 'GET', `/api/sites/${alone.slug}/events/${concert.event._id}`)).status).toBe(404);
    expect((await api(node, 'GET', `/api/sites/${a.slug}/events/evt_nothing`)).status).toBe(404);
  });

  it('lists its memberships and its village’s', async () => {
    const res = await api(node, 'GET', `/api/sites/${a.slug}/memberships`);
    expect(res.body.mine.map((m: { name: string }) => m.name)).toEqual(['Adhésion Fourmilière']);
    expect(res.body.mine[0].fields).toEqual([{ key: 'city', label: 'Ville', kind: 'text', required: true }]);
    expect(res.body.village).toEqual([{ collective: expect.objectContaining({ slug: b.slug }), memberships: [expect.objectContaining({ name: 'Soutien Radio', subscription: true, period: 'month' })] }]);
  });

  it('signs in with a single-use magic link read from the mail job, and keeps the session in pass_user', async () => {
    const asked = await api(node, 'POST', '/api/auth/magic-link', { body: { email: 'Zoe@Test.fr', site: a.slug } });
    expect(asked.status).toBe(202);
    const mail = node.mails('magic-link').find((m) => m.to === 'zoe@test.fr');
    expect(mail).toMatchObject({ collectiveName: 'La Fourmilière', expiresInMinutes: 15 });
    const token = magicTokenFor(node, 'zoe@test.fr');
    expect(await node.core.store.collection('magic_links').count({ _id: token })).toBe(0); // only its hash is stored
    const opened = await api(node, 'GET', `/api/auth/magic/${token}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/${a.slug}/account`);
    const setCookie = opened.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^pass_user=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(';')[0];
    const me = await api(node, 'GET', '/api/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'zoe@test.fr' });
    const again = await api(node, 'GET', `/api/auth/magic/${token}`);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/${a.slug}/account?login=expired`);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect((await api(node, 'GET', '/api/me')).status).toBe(401);
    // An anonymous page asks with ?guest=ok: a 200 that says "guest", no 401 in the browser's console.
    expect(await api(node, 'GET', '/api/me?guest=ok')).toMatchObject({ status: 200, body: { guest: true } });
    expect((await api(node, 'GET', '/api/me?guest=ok', { cookie })).body.user.email).toBe(me.body.user.email);
    expect((await api(node, 'GET', '/api/me', { cookie: `pass_user=${token}.forged` })).status).toBe(401);
    // An admin cookie is no user session, and a user cookie no admin session.
    expect((await api(node, 'GET', '/api/me', { cookie: cookie.replace('pass_user', 'pass_session') })).status).toBe(401);
    expect((await api(node, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await api(node, 'POST', '/api/me/logout', { cookie })).status).toBe(204);
    expect((await api(node, 'GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('refuses malformed sign-in requests next to the field, and rate-limits requests per email', async () => {
    const bad = await api(node, 'POST', '/api/auth/magic-link', { body: { email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { email: expect.any(String) } });
    expect((await api(node, 'POST', '/api/auth/magic-link', { body: { email: 'x@test.fr', site: 'nowhere' } })).body.error.fields).toEqual({ site: 'no such site' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await api(node, 'POST', '/api/auth/magic-link', { body: { email: 'spam@test.fr' } })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect(node.mails('magic-link').filter((m) => m.to === 'spam@test.fr')).toHaveLength(5);
    expect((await api(node, 'GET', '/api/auth/magic/garbage')).headers.get('location')).toBe('/?login=expired');
  });

  it('books free tickets as a guest with an email, and refuses bad input next to its field', async () => {
    const book = (body: unknown, cookie?: string) => api(node, 'POST', `/api/sites/${a.slug}/bookings`, { body, cookie });
    const free = concert.prices[1]._id;
    const ok = await book({ eventId: concert.event._id, lines: [{ priceId: free, qty: 1 }], requestId: 'guest-booking-1', email: 'guest@test.fr', name: 'Gaby' });
    expect(ok.status).toBe(201);
    expect(ok.body.reservation).toMatchObject({ state: 'confirmed', holder: 'Gaby', total: 0 });
    expect(ok.body.tickets).toEqual([expect.objectContaining({ eventTitle: 'Concert', code: expect.stringMatching(/^T1\./), state: 'valid' })]);
    const noEmail = await book({ eventId: concert.event._id, lines: [{ priceId: free, qty: 1 }], requestId: 'guest-booking-2' });
    expect(noEmail.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { email: 'required' } });
    const badQty = await book({ eventId: concert.event._id, lines: [{ priceId: free, qty: 0 }], requestId: 'guest-booking-3', email: 'guest@test.fr' });
    expect(badQty.status).toBe(400);
    expect(Object.keys(badQty.body.error.fields)).toEqual(['lines.0.qty']);
    const badPrice = await book({ eventId: concert.event._id, lines: [{ priceId: 'prc_nope', qty: 1 }], requestId: 'guest-booking-4', email: 'guest@test.fr' });
    expect(badPrice.body.error.fields).toEqual({ 'lines.0.priceId': 'not on offer' });
    const soldOut = await book({ eventId: concert.event._id, lines: [{ priceId: free, qty: 2 }], requestId: 'guest-booking-5', email: 'guest@test.fr' });
    expect(soldOut.status).toBe(409);
    expect(soldOut.body.error.code).toBe('SOLD_OUT');
    expect((await book({ eventId: bal.event._id, lines: [{ priceId: bal.prices[0]._id, qty: 1 }], requestId: 'guest-booking-6', email: 'g@test.fr' })).status).toBe(404); // another collective's event
  });

  it('books paid tickets through a checkout; once paid, the account shows them with their codes', async () => {
    const cookie = await signIn(node, 'payer@test.fr', a.slug);
    const res = await api(node, 'POST', `/api/sites/${a.slug}/bookings`, { cookie, body: { eventId: concert.event._id, lines: [{ priceId: concert.prices[0]._id, qty: 1 }], requestId: 'paid-booking-1' } });
    expect(res.status).toBe(201);
    expect(res.body.reservation).toMatchObject({ state: 'pending', total: 1500, holder: 'payer' });
    expect(res.body.checkoutUrl).toContain('/demo-checkout/');
    const before = await api(node, 'GET', '/api/me', { cookie });
    expect(before.body.bookings).toEqual([expect.objectContaining({ state: 'pending', checkoutUrl: res.body.checkoutUrl })]);
    await node.pay(sessionOf(res.body.checkoutUrl));
    const me = await api(node, 'GET', '/api/me', { cookie });
    expect(me.body.bookings).toEqual([expect.objectContaining({ state: 'confirmed', checkoutUrl: null })]);
    expect(me.body.tickets).toEqual([expect.objectContaining({ eventTitle: 'Concert', priceName: 'Plein', amount: 1500, state: 'valid', code: expect.stringMatching(/^T1\./) })]);
    expect(me.body.payments).toEqual([expect.objectContaining({ kind: 'booking', state: 'paid', amount: 1500 })]);
  });

  it('pays a membership, a Pass top-up and tickets in one basket checkout', async () => {
    const anonymous = await api(node, 'POST', `/api/sites/${b.slug}/basket/checkout`, { body: { requestId: 'basket-anon-1', lines: [{ type: 'topup', amount: 500 }] } });
    expect(anonymous.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { email: 'required' } }); // a guest gives an email (test/lespass-orders-api.test.ts)
    const cookie = await signIn(node, 'basket@test.fr', b.slug);
    const [product] = await node.core.lespass.memberships.products.list([b._id]);
    const lines = [{ type: 'membership', productId: product._id }, { type: 'topup', amount: 2000 }, { type: 'tickets', eventId: bal.event._id, lines: [{ priceId: bal.prices[0]._id, qty: 2 }] }];
    const bad = await api(node, 'POST', `/api/sites/${b.slug}/basket/checkout`, { cookie, body: { requestId: 'basket-bad', lines: [{ type: 'topup', amount: -5 }] } });
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'lines.0.amount': expect.any(String) } });
    const res = await api(node, 'POST', `/api/sites/${b.slug}/basket/checkout`, { cookie, body: { requestId: 'basket-http-1', lines } });
    expect(res.status).toBe(201);
    expect(res.body.basket).toMatchObject({ total: 500 + 2000 + 1600, state: 'pending' });
    const again = await api(node, 'POST', `/api/sites/${b.slug}/basket/checkout`, { cookie, body: { requestId: 'basket-http-1', lines } });
    expect(again.body.checkoutUrl).toBe(res.body.checkoutUrl); // a double click is one checkout
    await node.pay(sessionOf(res.body.checkoutUrl));
    const me = await api(node, 'GET', '/api/me', { cookie });
    expect(me.body.subscriptions).toEqual([expect.objectContaining({ productName: 'Soutien Radio', status: 'active', renewsAt: expect.any(Number) })]);
    expect(me.body.wallet.balances).toEqual([expect.objectContaining({ asset: globalAsset, amount: 2000 })]);
    expect(me.body.tickets).toHaveLength(2);
    expect(me.body.payments).toEqual([expect.objectContaining({ kind: 'basket', state: 'paid', amount: 4100 })]);
  });

  it('links a Pass by its printed number and claim code (its money follows), reports it lost, and tops up online', async () => {
    const { core } = node;
    const card = await core.pass.registerCard({ uid: '04AA0001', number: 'FOURMI-0001', issuerId: a._id });
    const bar = await core.catalog.createPos(a._id, { name: 'Bar du haut' });
    await core.pass.topUp({ txId: 'cash-topup-fourmi-1', cardUid: card.uid, asset: 'local', amount: 700, method: 'cash', collectiveId: a._id, posId: bar._id });
    const other = await core.pass.registerCard({ uid: '04AA0002', number: 'FOURMI-0002', issuerId: a._id });
    const cookie = await signIn(node, 'holder@test.fr');
    const link = (number: string, c = cookie) => api(node, 'POST', '/api/me/cards/link', { cookie: c, body: { number, claimCode: card.claimCode, txId: `link-${number}` } });
    const unknown = await link('NOPE-1');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.fields).toEqual({ claimCode: 'no Pass has this number and claim code' });
    expect((await link('FOURMI-0001')).body.card).toMatchObject({ number: 'FOURMI-0001', state: 'active' });
    expect((await link('FOURMI-0001')).status).toBe(200); // again: a replay, nothing moves twice
    const me = await api(node, 'GET', '/api/me', { cookie });
    // The card's history: the cash top-up at the bar, with its place and time, in the local currency.
    expect(me.body.history).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'topup', collective: 'La Fourmilière', pos: 'Bar du haut', amounts: [{ asset: `local:${a._id}`, amount: 700 }], at: expect.any(Number) })]));
    expect(me.body.history.filter((e: { kind: string }) => e.kind.startsWith('transfer'))).toEqual([]); // the link moved money between own wallets: no line
    expect(me.body.cards).toEqual([expect.objectContaining({ id: card._id, number: 'FOURMI-0001', balances: [expect.objectContaining({ asset: `local:${a._id}`, amount: 700 })] })]);
    expect(me.body.wallet.balances).toEqual([expect.objectContaining({ asset: `local:${a._id}`, amount: 700 })]);
    const stranger = await signIn(node, 'stranger@test.fr');
    expect((await link('FOURMI-0001', stranger)).status).toBe(409);
    expect((await api(node, 'POST', `/api/me/cards/${card._id}/lost`, { cookie: stranger })).status).toBe(404);
    expect((await api(node, 'POST', `/api/me/cards/${other._id}/lost`, { cookie })).status).toBe(404);
    const lost = await api(node, 'POST', `/api/me/cards/${card._id}/lost`, { cookie });
    expect(lost.body.card).toMatchObject({ state: 'blocked' });
    await expect(core.pass.pay({ txId: 'pay-with-lost-card', cardUid: card.uid, amount: 100, collectiveId: a._id })).rejects.toMatchObject({ code: 'CARD_BLOCKED' });

    const badTopUp = await api(node, 'POST', '/api/me/topup', { cookie, body: { amount: 0 } });
    expect(badTopUp.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { amount: expect.any(String) } });
    const topUp = await api(node, 'POST', '/api/me/topup', { cookie, body: { amount: 2500 } }); // recorded at the card's issuer
    expect(topUp.status).toBe(201);
    const paid = await node.pay(sessionOf(topUp.body.checkoutUrl));
    expect(paid.fulfilment).toMatchObject({ credited: 2500 });
    const after = await api(node, 'GET', '/api/me', { cookie });
    expect(after.body.wallet.balances.find((l: { asset: string }) => l.asset === globalAsset).amount).toBe(2500);
    expect((await api(node, 'POST', '/api/me/topup', { cookie: stranger, body: { amount: 100 } })).body.error.fields).toEqual({ site: 'required' });
  });
});
