import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryJobs } from '../core/jobs/memory.js';
import { globalAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import { Checkouts } from '../core/payments/checkouts.js';
import { isDemoProvider, paymentProviderFromConfig } from '../core/payments/from-config.js';
import { startCheckout } from '../core/payments/start-checkout.js';
import { createMemoryStore } from '../core/store/memory.js';
import { errorHandler } from '../gateways/http/errors.js';
import { paymentRoutes } from '../gateways/http/routes/payments.js';
import { moneyNode, seedCards } from '../test/support/money.js';
import { drainQueue, signedStripeEvent } from '../test/support/fake-stripe.js';
import { stripeProcessor, stripeQueue } from './stripe.js';

describe('demo payments of embedded mode', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('serves a labelled demo page whose "pay" credits once through the same queue, and refunds reverse', async () => {
    const node = await moneyNode(createMemoryStore(), { groupCommitMs: 1 });
    closers.push(() => node.stop());
    const [uid] = await seedCards(node, 'c1', 1);
    const jobs = createMemoryJobs();
    closers.push(() => jobs.close());
    const clock = { now: () => Date.now() };
    const checkouts = new Checkouts(node.store, clock);
    await checkouts.start();
    const provider = paymentProviderFromConfig({ HOST: '127.0.0.1', PORT: 0, PUBLIC_URL: 'http://pass.test/' }, { store: node.store, clock, jobs });
    if (!isDemoProvider(provider)) throw new Error('expected the demo provider without Stripe keys');
    await jobs.work(stripeQueue, stripeProcessor({ checkouts, pass: node.pass, provider }));
    const app = express().use(paymentRoutes({ jobs, provider, demo: provider })).use(errorHandler);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    closers.push(() => new Promise((r) => server.close(r)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const request = {
      reference: 'demo-ref-1',
      lines: [{ name: 'Recharge <Pass>', amount: 1000, qty: 2 }],
      successUrl: 'http://pass.test/ok',
      cancelUrl: 'http://pass.test/cancel',
      metadata: { kind: 'topup', cardUid: uid, amount: '2000', collectiveId: 'c1' },
    };
    const session = await startCheckout(provider, checkouts, request);
    expect(session.url).toBe(`http://pass.test/demo-checkout/${session.sessionId}`);
    expect((await startCheckout(provider, checkouts, request)).sessionId).toBe(session.sessionId); // same reference, same session

    const page = await fetch(`${base}/demo-checkout/${session.sessionId}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('MODE DÉMO');
    expect(html).toContain('Recharge &lt;Pass&gt;');
    expect(html).toContain('20,00 €');
    expect((await fetch(`${base}/demo-checkout/cs_demo_nope`)).status).toBe(404);

    for (let i = 0; i < 3; i++) {
      const paid = await fetch(`${base}/demo-checkout/${session.sessionId}/pay`, { method: 'POST', redirect: 'manual' });
      expect(paid.status).toBe(303);
      expect(paid.headers.get('location')).toBe('http://pass.test/ok');
    }
    await drainQueue(jobs, stripeQueue);
    expect((await node.pass.balance(uid)).balances).toMatchObject([{ asset: globalAsset, amount: 2000 }]);
    expect(await checkouts.get(session.sessionId)).toMatchObject({ state: 'paid', provider: 'demo' });
    expect((await jobs.counts(stripeQueue)).completed).toBe(1);

    const pi = (await checkouts.get(session.sessionId))!.paymentIntentId!;
    await provider.refund(pi, 500);
    await drainQueue(jobs, stripeQueue);
    expect((await node.pass.balance(uid)).balances).toMatchObject([{ asset: globalAsset, amount: 1500 }]);

    // No Stripe in demo mode: anything posted to the webhook is refused.
    const { body, signature } = signedStripeEvent({ id: 'evt_x', type: 'checkout.session.completed', object: { id: session.sessionId } }, 'whsec_any');
    const hook = await fetch(`${base}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
    expect(hook.status).toBe(400);
    expect((await verifyLedger(node.store)).errors).toEqual([]);
  });
});
