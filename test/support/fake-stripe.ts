// A local fake of the few Stripe API calls we make (node http on port 0), and signed webhook
// payloads made with the real SDK's generateTestHeaderString. The SDK under test is real.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { Jobs } from '../../core/jobs/port.js';

export interface FakeStripe {
  port: number;
  /** Requests received: method, path, form params, idempotency key. */
  requests: Array<{ method: string; path: string; params: URLSearchParams; idempotencyKey?: string }>;
  /** Sessions created, by id, with the form params they were created with. */
  sessions: Map<string, URLSearchParams>;
  /** payment intent -> session id, as Stripe would know it once paid. */
  paymentIntents: Map<string, string>;
  /** Payment intents whose refunds Stripe refuses (e.g. a card account closed). */
  refuseRefundsOf: Set<string>;
  /** Refunds made, by idempotency key: the same key answers the same refund, as Stripe does. */
  refunds: Map<string, { id: string; amount: number; paymentIntent: string }>;
  close(): Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const fake: Omit<FakeStripe, 'port' | 'close'> = { requests: [], sessions: new Map(), paymentIntents: new Map(), refuseRefundsOf: new Set(), refunds: new Map() };
  let sessionCount = 0;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = req.method === 'GET' ? url.searchParams : new URLSearchParams(await readBody(req));
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    fake.requests.push({ method: req.method ?? '', path: url.pathname, params, idempotencyKey });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const id = `cs_test_${String(++sessionCount).padStart(58, 'a')}`; // as long as Stripe's (66)
      fake.sessions.set(id, params);
      return reply(200, { id, object: 'checkout.session', url: `https://checkout.stripe.test/c/pay/${id}`, payment_status: 'unpaid', status: 'open' });
    }
    if (req.method === 'GET' && url.pathname === '/v1/checkout/sessions') {
      const id = fake.paymentIntents.get(params.get('payment_intent') ?? '');
      return reply(200, { object: 'list', data: id ? [{ id, object: 'checkout.session' }] : [], has_more: false, url: '/v1/checkout/sessions' });
    }
    const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'POST' && subscription) {
      return reply(200, { id: subscription[1], object: 'subscription', status: 'active', cancel_at_period_end: params.get('cancel_at_period_end') === 'true' });
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const paymentIntent = params.get('payment_intent') ?? '';
      if (fake.refuseRefundsOf.has(paymentIntent)) {
        return reply(400, { error: { type: 'invalid_request_error', code: 'charge_disputed', message: `refunds of ${paymentIntent} are refused` } });
      }
      const key = idempotencyKey ?? `no-key-${fake.requests.length}`;
      const refund = fake.refunds.get(key) ?? { id: `re_test_${fake.requests.length}`, amount: Number(params.get('amount')), paymentIntent };
      fake.refunds.set(key, refund);
      return reply(200, { id: refund.id, object: 'refund', amount: refund.amount, payment_intent: refund.paymentIntent, status: 'succeeded' });
    }
    reply(404, { error: { type: 'invalid_request_error', message: `no fake for ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...fake,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const signer = new Stripe('sk_test_signer');

/** A Stripe event as its webhook sends it, with a valid (or, given another secret, invalid) signature. */
export function signedStripeEvent(event: { id: string; type: string; object: Record<string, unknown> }, secret: string): { body: string; signature: string } {
  const body = JSON.stringify({ id: event.id, object: 'event', api_version: '2026-01-01', type: event.type, created: Math.floor(Date.now() / 1000), data: { object: event.object } });
  return { body, signature: signer.webhooks.generateTestHeaderString({ payload: body, secret }) };
}

/** Waits until a queue has nothing waiting, running or delayed (bounded). */
export async function drainQueue(jobs: Jobs, queue: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await jobs.counts(queue);
    if (c.waiting + c.active + c.delayed === 0) return;
    if (Date.now() > deadline) throw new Error(`queue ${queue} not drained: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
