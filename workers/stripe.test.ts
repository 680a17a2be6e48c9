import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryJobs } from '../core/jobs/memory.js';
import type { Jobs } from '../core/jobs/port.js';
import { globalAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import { Checkouts } from '../core/payments/checkouts.js';
import { createStripeProvider } from '../core/payments/stripe.js';
import { startCheckout } from '../core/payments/start-checkout.js';
import type { PaymentProvider } from '../core/payments/port.js';
import { createMemoryStore } from '../core/store/memory.js';
import { errorHandler } from '../gateways/http/errors.js';
import { paymentRoutes } from '../gateways/http/routes/payments.js';
import { moneyNode, seedCards, type MoneyNode } from '../test/support/money.js';
import { drainQueue, signedStripeEvent, startFakeStripe, type FakeStripe } from '../test/support/fake-stripe.js';
import { stripeProcessor, stripeQueue, topUpTxId } from './stripe.js';

const webhookSecret = 'whsec_test_secret_for_pass';

interface World {
  node: MoneyNode;
  uids: string[];
  jobs: Jobs;
  checkouts: Checkouts;
  provider: PaymentProvider;
  fake: FakeStripe;
  server: Server;
  baseUrl: string;
}

describe('Stripe top-ups through the webhook route and the stripe queue', () => {
  let w: World;
  afterEach(async () => {
    const report = await verifyLedger(w.node.store);
    expect(report.errors).toEqual([]);
    await w.jobs.close();
    await new Promise((r) => w.server.close(r));
    await w.fake.close();
    await w.node.stop();
  });

  async function setup(): Promise<World> {
    const node = await moneyNode(createMemoryStore(), { groupCommitMs: 1 });
    const uids = await seedCards(node, 'c1', 2);
    const checkouts = new Checkouts(node.store, { now: () => Date.now() });
    await checkouts.start();
    const fake = await startFakeStripe();
    const provider = createStripeProvider({ secretKey: 'sk_test_pass', webhookSecret, host: '127.0.0.1', port: fake.port, protocol: 'http' });
    const jobs = createMemoryJobs();
    await jobs.work(stripeQueue, stripeProcessor({ checkouts, pass: node.pass, provider }));
    const app = express();
    app.use(paymentRoutes({ jobs, provider }));
    app.use(errorHandler);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return { node, uids, jobs, checkouts, provider, fake, server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  async function topUpCheckout(amount: number, reference = `ref-${Math.random().toString(36).slice(2)}`) {
    const metadata = { kind: 'topup', cardUid: w.uids[0], amount: String(amount), collectiveId: 'c1' };
    const session = await startCheckout(w.provider, w.checkouts, {
      reference,
      lines: [{ name: 'Recharge Pass', amount, qty: 1 }],
      customerEmail: 'ana@example.org',
      successUrl: 'https://pass.test/ok',
      cancelUrl: 'https://pass.test/cancel',
      metadata,
    });
    return { ...session, reference, metadata: { ...metadata, reference }, paymentIntentId: `pi_${reference}` };
  }

  type Session = Awaited<ReturnType<typeof topUpCheckout>>;

  const completed = (s: Session, id: string, extra: Record<string, unknown> = {}) => ({
    id,
    type: 'checkout.session.completed',
    object: { id: s.sessionId, object: 'checkout.session', payment_intent: s.paymentIntentId, amount_total: Number(s.metadata.amount), payment_status: 'paid', metadata: s.metadata, ...extra },
  });
  const refunded = (s: Session, id: string, amountRefunded: number) => ({
    id,
    type: 'charge.refunded',
    object: { id: `ch_${s.reference}`, object: 'charge', payment_intent: s.paymentIntentId, amount: Number(s.metadata.amount), amount_refunded: amountRefunded, metadata: s.metadata },
  });

  async function post(body: string, signature: string | undefined) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== undefined) headers['stripe-signature'] = signature;
    const res = await fetch(`${w.baseUrl}/webhooks/stripe`, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function deliver(event: { id: string; type: string; object: Record<string, unknown> }) {
    const { body, signature } = signedStripeEvent(event, webhookSecret);
    const res = await post(body, signature);
    expect(res).toEqual({ status: 200, body: { received: true } });
  }

  async function globalBalance(uid = w.uids[0]) {
    const { balances } = await w.node.pass.balance(uid);
    return balances.find((b) => b.asset === globalAsset)?.amount ?? 0;
  }

  it('creates a Checkout Session through the real SDK with our lines, metadata and idempotency key', async () => {
    w = await setup();
    const s = await topUpCheckout(2500, 'ref-create-1');
    expect(s.url).toBe(`https://checkout.stripe.test/c/pay/${s.sessionId}`);
    const sent = w.fake.sessions.get(s.sessionId)!;
    expect(Object.fromEntries(sent)).toMatchObject({
      mode: 'payment',
      client_reference_id: 'ref-create-1',
      customer_email: 'ana@example.org',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][unit_amount]': '2500',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][product_data][name]': 'Recharge Pass',
      'metadata[kind]': 'topup',
      'metadata[cardUid]': w.uids[0],
      'metadata[reference]': 'ref-create-1',
      'payment_intent_data[metadata][amount]': '2500',
    });
    expect(w.fake.requests[0].idempotencyKey).toBe('checkout:ref-create-1');
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'pending', kind: 'topup', amountTotal: 2500, reference: 'ref-create-1' });
  });

  it('refuses a bad signature with 400 INVALID_SIGNATURE, enqueues nothing and credits nothing', async () => {
    w = await setup();
    const s = await topUpCheckout(2000);
    const good = signedStripeEvent(completed(s, 'evt_forged'), webhookSecret);
    const forged = signedStripeEvent(completed(s, 'evt_forged'), 'whsec_someone_else');
    const tampered = good.body.replace('"amount_total":2000', '"amount_total":200000');
    for (const [body, signature] of [[forged.body, forged.signature], [tampered, good.signature], [good.body, undefined], [good.body, 't=1,v1=00']] as const) {
      const res = await post(body, signature);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_SIGNATURE');
    }
    expect(await w.jobs.counts(stripeQueue)).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
    expect(await globalBalance()).toBe(0);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'pending' });
  });

  it('credits once when the same event is delivered 5 times, and again under another event id', async () => {
    w = await setup();
    const s = await topUpCheckout(2000);
    await Promise.all(Array.from({ length: 5 }, () => deliver(completed(s, 'evt_completed_1'))));
    await drainQueue(w.jobs, stripeQueue);
    // Stripe may also send another event for the same session (and jobs get cleaned up): still one credit.
    await deliver(completed(s, 'evt_completed_1_again'));
    await deliver({ ...completed(s, 'evt_async_ok'), type: 'checkout.session.async_payment_succeeded' });
    await drainQueue(w.jobs, stripeQueue);
    expect((await w.jobs.counts(stripeQueue)).completed).toBe(3);
    expect(await globalBalance()).toBe(2000);
    const rows = await w.node.store.collection('ledger').find({ txId: topUpTxId(s.sessionId) });
    expect(rows).toHaveLength(1);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'paid', paymentIntentId: s.paymentIntentId, fulfilment: { credited: 2000 } });
  });

  it('a refund takes the credit back once; what was already spent is recorded as a shortfall', async () => {
    w = await setup();
    const s = await topUpCheckout(2000);
    await deliver(completed(s, 'evt_paid'));
    await drainQueue(w.jobs, stripeQueue);
    await w.node.pass.pay({ txId: 'spend-after-topup-1', cardUid: w.uids[0], amount: 500, collectiveId: 'c1' });

    await deliver(refunded(s, 'evt_refund_1', 1000));
    await deliver(refunded(s, 'evt_refund_1', 1000));
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance()).toBe(500);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'paid', refundedTotal: 1000, reversedTotal: 1000, shortfall: 0 });

    await deliver(refunded(s, 'evt_refund_2', 2000));
    await deliver(refunded(s, 'evt_refund_1_late', 1000)); // an older total arriving late changes nothing
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance()).toBe(0);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'refunded', refundedTotal: 2000, reversedTotal: 1500, shortfall: 500 });
    const report = await verifyLedger(w.node.store);
    expect(report.balances.get('stripe')?.get('eur')).toBe(500); // 2000 in, 1500 back out through the ledger
    expect(report.balances.get('issuance:global')?.get('global')).toBe(-500); // the 500 spent at c1 still circulates
  });

  it('a delayed payment method: completed-unpaid credits nothing, async failure marks the checkout failed', async () => {
    w = await setup();
    const s = await topUpCheckout(3000);
    await deliver(completed(s, 'evt_pending', { payment_status: 'unpaid' }));
    await drainQueue(w.jobs, stripeQueue);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'pending' });
    await deliver({ ...completed(s, 'evt_failed', { payment_status: 'unpaid' }), type: 'checkout.session.async_payment_failed' });
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance()).toBe(0);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'failed' });
    expect(await w.node.store.collection('ledger').count({})).toBe(0);
  });

  it('a refund that arrives before the payment is kept and applied right after the credit', async () => {
    w = await setup();
    const s = await topUpCheckout(1500);
    w.fake.paymentIntents.set(s.paymentIntentId, s.sessionId);
    // The charge carries no session id: found from our record (payment intent / reference) or Stripe's list.
    await deliver(refunded(s, 'evt_refund_first', 1500));
    await drainQueue(w.jobs, stripeQueue);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'pending', refundedTotal: 1500 });
    expect(await globalBalance()).toBe(0);

    await deliver(completed(s, 'evt_paid_late'));
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance()).toBe(0);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'refunded', reversedTotal: 1500, shortfall: 0 });
    const kinds = (await w.node.store.collection<any>('ledger').find({}, { sort: { seq: 1 } })).map((r) => r.kind);
    expect(kinds).toEqual(['topup', 'cashout']);
  });

  it('finds the session of a refund through Stripe when no record names its payment intent', async () => {
    w = await setup();
    const s = await topUpCheckout(1200);
    await deliver(completed(s, 'evt_paid_pi', { payment_intent: null }));
    await drainQueue(w.jobs, stripeQueue);
    w.fake.paymentIntents.set('pi_unknown_to_us', s.sessionId);
    await deliver({ ...refunded(s, 'evt_refund_via_api', 1200), object: { ...refunded(s, 'x', 1200).object, payment_intent: 'pi_unknown_to_us', metadata: {} } });
    await drainQueue(w.jobs, stripeQueue);
    expect(w.fake.requests.some((r) => r.method === 'GET' && r.params.get('payment_intent') === 'pi_unknown_to_us')).toBe(true);
    expect(await globalBalance()).toBe(0);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ state: 'refunded' });
  });

  it('a paid amount that differs from the top-up amount credits nothing and is flagged', async () => {
    w = await setup();
    const s = await topUpCheckout(2000);
    await deliver(completed(s, 'evt_mismatch', { amount_total: 200 }));
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance()).toBe(0);
    expect((await w.checkouts.get(s.sessionId))?.error).toMatch(/AMOUNT_MISMATCH|paid 200 cents/);
  });

  it('credits only what its own checkout record says: an event claiming 700.00 for a 7.00 top-up credits nothing', async () => {
    w = await setup();
    const s = await topUpCheckout(700);
    const inflated = { ...s.metadata, amount: '70000' };
    await deliver(completed(s, 'evt_inflated', { amount_total: 70000, metadata: inflated }));
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance()).toBe(0);
    const record = await w.checkouts.get(s.sessionId);
    expect(record).toMatchObject({ state: 'pending', amountTotal: 700, metadata: { amount: '700' } });
    expect(record?.error).toMatch(/AMOUNT_MISMATCH: paid 70000 cents/);
    // The event cannot point the credit at another wallet either.
    await deliver(completed(s, 'evt_redirected', { metadata: { ...s.metadata, cardUid: w.uids[1] } }));
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance(w.uids[1])).toBe(0);
    expect(await globalBalance()).toBe(700);
  });

  it('a payment in another currency than the checkout’s credits nothing', async () => {
    w = await setup();
    const s = await topUpCheckout(1500);
    expect(await w.checkouts.get(s.sessionId)).toMatchObject({ currency: 'eur' });
    await deliver(completed(s, 'evt_usd', { currency: 'usd' }));
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance()).toBe(0);
    expect((await w.checkouts.get(s.sessionId))?.error).toMatch(/paid in usd/);
    await deliver(completed(s, 'evt_eur', { currency: 'eur' }));
    await drainQueue(w.jobs, stripeQueue);
    expect(await globalBalance()).toBe(1500);
  });

  it('a signed event for a session Pass never created credits nothing, keeps no record and is not retried', async () => {
    w = await setup();
    const foreign = { sessionId: 'cs_never_made_by_pass', reference: 'ref-foreign', paymentIntentId: 'pi_foreign', url: '', metadata: { kind: 'topup', cardUid: w.uids[0], amount: '5000', collectiveId: 'c1', reference: 'ref-foreign' } };
    await deliver(completed(foreign, 'evt_foreign'));
    await drainQueue(w.jobs, stripeQueue);
    expect(await w.jobs.counts(stripeQueue)).toMatchObject({ completed: 1, failed: 0, delayed: 0 });
    expect(await globalBalance()).toBe(0);
    expect(await w.checkouts.get('cs_never_made_by_pass')).toBeNull();
  });

  it('a signed body that is not an event answers 400 and queues nothing', async () => {
    w = await setup();
    const body = JSON.stringify({ hello: 'world' });
    const signature = new (await import('stripe')).default('sk_test_x').webhooks.generateTestHeaderString({ payload: body, secret: webhookSecret });
    const res = await post(body, signature);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect((await w.jobs.counts(stripeQueue)).waiting).toBe(0);
  });

  it('a webhook body over its 1 MB limit answers 413 naming that limit', async () => {
    w = await setup();
    const res = await post(JSON.stringify({ pad: 'x'.repeat(1_100_000) }), 't=1,v1=00');
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than 1048576 bytes' });
  });

  it('acknowledges event types it does not handle without queueing them', async () => {
    w = await setup();
    const { body, signature } = signedStripeEvent({ id: 'evt_other', type: 'customer.created', object: { id: 'cus_1', object: 'customer' } }, webhookSecret);
    expect(await post(body, signature)).toEqual({ status: 200, body: { received: true, ignored: true } });
    expect((await w.jobs.counts(stripeQueue)).completed + (await w.jobs.counts(stripeQueue)).waiting).toBe(0);
  });
});
