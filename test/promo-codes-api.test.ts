// Promo codes over HTTP: an admin manages the codes of their collective (form errors next to
// their fields, another collective's code answers 404 inside one's own, 403 across); the
// public types a code when booking; the payments export shows what it took off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectiveWithAdmin, login } from './support/boot.js';
import { api, bootLespass, eventWithPrices, sessionOf, type LespassNode } from './support/lespass.js';

describe('promo codes API', () => {
  let node: LespassNode;
  let a: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let b: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let cookieA: string;
  const base = () => `/api/collectives/${a.collectiveId}/promo-codes`;

  beforeAll(async () => {
    node = await bootLespass();
    a = await collectiveWithAdmin(node.core, 'Collectif A');
    b = await collectiveWithAdmin(node.core, 'Collectif B');
    cookieA = await login(node.url, a.email, a.password);
  });
  afterAll(() => node?.close());

  const call = (method: string, path: string, body?: unknown, cookie = cookieA) => api(node, method, path, { body, cookie });

  it('creates, lists, edits and switches off a code; refuses bad input and a limit below the uses taken', async () => {
    const created = await call('POST', base(), { code: 'ete-25', label: 'Été', kind: 'percent', value: 25, maxUses: 3, validUntil: '2099-09-01T00:00:00+02:00' });
    expect(created.status).toBe(201);
    expect(created.body.promoCode).toMatchObject({ code: 'ETE-25', kind: 'percent', value: 25, maxUses: 3, used: 0, active: true, validUntil: Date.parse('2099-08-31T22:00:00Z') });
    const id = created.body.promoCode.id;
    expect((await call('POST', base(), { code: 'ETE-25', kind: 'amount', value: 100 })).body.error).toMatchObject({ code: 'CONFLICT', fields: { code: 'already exists' } });
    const bad = await call('POST', base(), { code: 'x', kind: 'percent', value: 150 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['code', 'value']);
    expect((await call('GET', base())).body.promoCodes.map((p: { code: string }) => p.code)).toEqual(['ETE-25']);
    expect((await call('PATCH', `${base()}/${id}`, { maxUses: 5, label: 'Été 2099' })).body.promoCode).toMatchObject({ maxUses: 5, label: 'Été 2099' });
    expect((await call('PATCH', `${base()}/${id}`, { code: 'NEW' })).status).toBe(400); // the code itself stays

    await node.core.lespass.promos.docs.updateOne({ _id: id }, { $set: { used: 4 } });
    expect((await call('PATCH', `${base()}/${id}`, { maxUses: 3 })).body.error).toMatchObject({ code: 'CONFLICT', fields: { maxUses: 'at least 4' } });
    expect((await call('DELETE', `${base()}/${id}`)).body.promoCode).toMatchObject({ active: false, used: 4 });
  });

  it("answers 404 for another collective's code inside one's own, 403 across, 401 without a session", async () => {
    const ofB = await node.core.lespass.promos.create(b.collectiveId, { code: 'BCODE', kind: 'amount', value: 100 });
    expect((await call('GET', `${base()}/${ofB._id}`)).status).toBe(404);
    expect((await call('PATCH', `${base()}/${ofB._id}`, { active: false })).status).toBe(404);
    expect((await call('GET', `/api/collectives/${b.collectiveId}/promo-codes`)).status).toBe(403);
    expect((await api(node, 'GET', base())).status).toBe(401);
    expect((await node.core.lespass.promos.get(b.collectiveId, ofB._id)).active).toBe(true);
  });

  it("takes a code at the public booking, refuses another collective's code, and exports the discount", async () => {
    const { event, prices } = await eventWithPrices(node.core, a.collectiveId, { capacity: 10, prices: [{ name: 'Plein', amount: 1200 }] });
    await call('POST', base(), { code: 'MOINS3', kind: 'amount', value: 300, eventIds: [event._id] });
    const book = (requestId: string, promoCode: string) =>
      api(node, 'POST', `/api/sites/${a.slug}/bookings`, {
        body: { eventId: event._id, lines: [{ priceId: prices[0]._id, qty: 2 }], requestId, email: 'guest@test.fr', name: 'Gaby', promoCode },
      });
    const foreign = await book('promo-http-1', 'BCODE');
    expect(foreign.body.error).toMatchObject({ code: 'NOT_FOUND', fields: { promoCode: 'no such promo code' }, details: { reason: 'PROMO_UNKNOWN' } });
    const ok = await book('promo-http-2', 'moins3');
    expect(ok.status).toBe(201);
    expect(ok.body.reservation).toMatchObject({ total: 2100, discount: 300, promoCode: 'MOINS3' });
    await node.pay(sessionOf(ok.body.checkoutUrl));
    const csv = String((await call('GET', `/api/collectives/${a.collectiveId}/payments.csv`)).body)
      .trim()
      .split('\r\n');
    expect(csv[0].split(',').slice(-3)).toEqual(['promo_code', 'discount_eur', 'pay_what_you_want_eur']);
    expect(csv[1].split(',').slice(-3)).toEqual(['MOINS3', '3.00', '0.00']);
    expect(csv[1].split(',')[3]).toBe('21.00');
  });
});
