// Refunds after the event over real HTTP, with Stripe faked (real SDK): the admin sets the window
// and minimum; a holder asks from the public form with the card's number and its printed secret
// (a wrong secret changes nothing); a replay answers the first result; the admin lists and
// exports the requests and the transfer list; another collective's admin sees none of it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import { startCheckout } from '../core/payments/start-checkout.js';
import { processPaymentEvent } from '../workers/stripe.js';
import { startFakeStripe, type FakeStripe } from './support/fake-stripe.js';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';

describe('payback API: refunds after the event', () => {
  let n: LaBoutikNode;
  let fake: FakeStripe;
  let slug: string;
  const secret = 'K7M2-Q9TX-4WHR';

  beforeAll(async () => {
    fake = await startFakeStripe();
    n = await bootLaBoutik({ env: { STRIPE_SECRET_KEY: 'sk_test_pass', STRIPE_WEBHOOK_SECRET: 'whsec_test_pass', STRIPE_API_URL: `http://127.0.0.1:${fake.port}` } });
    slug = (await n.core.collectives.get(n.a.collectiveId)).slug;
    const card = await n.core.pass.cards.byUidOrThrow(n.a.cards[0]);
    // The printed secret: this card's claim code as a printed batch sets it; the second card has none (made before claim codes).
    await n.core.pass.cards.collection.updateOne({ _id: card._id }, { $set: { claimCode: 'K7M2Q9TX4WHR' } });
    const second = await n.core.pass.cards.byUidOrThrow(n.a.cards[1]);
    await n.core.pass.cards.collection.updateOne({ _id: second._id }, { $unset: { claimCode: '' } });
    n.core.pass.cards.forget(card.uid);
    n.core.pass.cards.forget(second.uid);
    for (const amount of [1_000, 600]) {
      const reference = `ref-${randomUUID().slice(0, 8)}`;
      const metadata = { kind: 'topup', cardUid: card.uid, amount: String(amount), collectiveId: n.a.collectiveId };
      const session = await startCheckout(n.core.payments, n.core.checkouts, { reference, lines: [{ name: 'Recharge', amount, qty: 1 }], customerEmail: 'ana@example.org', successUrl: 'https://p.test/ok', cancelUrl: 'https://p.test/ko', metadata });
      const event = { id: `evt_${reference}`, type: 'checkout.completed' as const, sessionId: session.sessionId, paymentIntentId: `pi_${reference}`, amountTotal: amount, paid: true, metadata: { ...metadata, reference } };
      await processPaymentEvent(event, { checkouts: n.core.checkouts, pass: n.core.pass });
    }
  }, 60_000);

  afterAll(async () => {
    if (n) expect((await verifyLedger(n.core.store)).errors).toEqual([]);
    await n?.close();
    await fake?.close();
  });

  const ask = (body: Record<string, unknown>) => n.api('POST', `/api/sites/${slug}/payback`, { body: { email: 'ana@example.org', ...body } });

  it('pays back a card proven by its printed secret, once, within the window the admin set', async () => {
    const policyPath = `/api/collectives/${n.a.collectiveId}/payback-policy`;
    const requestId = randomUUID();
    expect((await ask({ requestId, number: 'A1-0', secret })).body.error).toMatchObject({ code: 'CONFLICT' }); // no window yet
    const now = Date.now();
    const set = await n.api('PUT', policyPath, { cookie: n.a.cookie, body: { opensAt: now - 1_000, closesAt: now + 86_400_000, minimum: 100 } });
    expect(set.status).toBe(200);
    expect((await n.api('PUT', policyPath, { cookie: n.a.cookie, body: { opensAt: now, closesAt: now - 1, minimum: 100 } })).status).toBe(400);

    const wrong = await ask({ requestId, number: 'A1-0', secret: 'AAAA-BBBB-CCCC' });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const noSecret = await ask({ requestId, number: 'A1-1', secret });
    expect([noSecret.status, noSecret.body.error.details?.reason]).toEqual([403, 'NO_SECRET']);
    expect((await n.core.pass.balance(n.a.cards[0])).balances.find((b) => b.asset === globalAsset)?.amount).toBe(1_600);

    const paid = await ask({ requestId, number: 'A1-0', secret: secret.toLowerCase(), iban: 'FR76 3000 6000 0112 3456 7890 189' });
    expect(paid.status).toBe(200);
    expect(paid.body.payback).toMatchObject({ amount: 1_600, refunded: 1_600, state: 'done', transfer: { amount: 0 }, parts: [{ amount: 600, state: 'refunded' }, { amount: 1_000, state: 'refunded' }] });
    expect((await n.core.pass.balance(n.a.cards[0])).balances).toEqual([]);
    const replay = await ask({ requestId, number: 'A1-0', secret });
    expect(replay.body.payback).toEqual(paid.body.payback);
    expect(fake.requests.filter((r) => r.path === '/v1/refunds')).toHaveLength(2);
    const again = await ask({ requestId: randomUUID(), number: 'A1-0', secret });
    expect(again.body.error).toMatchObject({ code: 'INVALID_AMOUNT' });

    const list = await n.api('GET', `/api/collectives/${n.a.collectiveId}/paybacks`, { cookie: n.a.cookie });
    expect(list.body.paybacks).toEqual([expect.objectContaining({ id: requestId, amount: 1_600, cardNumber: 'A1-0', iban: 'FR7630006000011234567890189' })]);
    const csv = await n.api('GET', `/api/collectives/${n.a.collectiveId}/paybacks.csv`, { cookie: n.a.cookie });
    expect(csv.text.split('\r\n')[1]).toContain(`${requestId},`);
    expect(csv.text).toContain(',1600,1600,0,none,FR7630006000011234567890189');
    expect((await n.api('GET', `/api/collectives/${n.a.collectiveId}/paybacks`, { cookie: n.b.cookie })).status).toBe(403);
  });

  it('a signed-in holder asks from the account; outside the form, nothing is refunded without proof', async () => {
    const res = await n.api('POST', '/api/me/payback', { body: { requestId: randomUUID(), site: slug } });
    expect(res.status).toBe(401);
  });
});
