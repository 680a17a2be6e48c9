// Payment routes: Stripe's webhook and the demo checkout pages of embedded mode.
// Mount BEFORE any JSON body parser that would cover these paths: the webhook signature is
// computed over the raw bytes, so this router reads the raw body itself.
//   POST /webhooks/stripe                verify signature (400 INVALID_SIGNATURE, nothing
//                                        enqueued), enqueue on `stripe` with jobId = event id, 200
//   GET  /demo-checkout/:sessionId       the labelled demo payment page
//   POST /demo-checkout/:sessionId/pay   "pays" it (event on the same queue), 303 to successUrl
import express, { Router, type Request, type Response } from 'express';
import type { Jobs } from '../../../core/jobs/port.js';
import type { DemoProvider } from '../../../core/payments/demo.js';
import type { PaymentProvider } from '../../../core/payments/port.js';
import { receivePaymentWebhook } from '../../../core/payments/webhook.js';
import { AppError } from '../../../core/shared/errors.js';

export interface PaymentRoutesDeps {
  jobs: Jobs;
  /** The provider whose webhooks arrive at /webhooks/stripe (the demo one refuses them all). */
  provider: PaymentProvider;
  /** Set in embedded mode only: serves the demo checkout pages. */
  demo?: DemoProvider;
}

export const webhookBodyLimit = '1mb';

export function paymentRoutes(deps: PaymentRoutesDeps): Router {
  // Express 5 hands a rejected handler's error to the app's error middleware (errors.ts).
  const router = Router();
  router.post('/webhooks/stripe', express.raw({ type: 'application/json', limit: webhookBodyLimit }), (req, res) => stripeWebhook(deps, req, res));
  router.get('/demo-checkout/:sessionId', (req, res) => demoPage(deps, req, res));
  router.post('/demo-checkout/:sessionId/pay', (req, res) => demoPay(deps, req, res));
  return router;
}

async function stripeWebhook(deps: PaymentRoutesDeps, req: Request, res: Response): Promise<void> {
  if (!Buffer.isBuffer(req.body)) throw new AppError('INVALID_INPUT', 'a webhook body is JSON (application/json)');
  const answer = await receivePaymentWebhook({ provider: deps.provider, jobs: deps.jobs }, req.body, req.get('stripe-signature'));
  res.status(answer.status).json(answer.body);
}

async function demoPage(deps: PaymentRoutesDeps, req: Request, res: Response): Promise<void> {
  const demo = demoOrThrow(deps);
  const page = await demo.page(String(req.params.sessionId));
  res.status(page.status).type('html').setHeader('cache-control', 'no-store').send(page.html);
}

async function demoPay(deps: PaymentRoutesDeps, req: Request, res: Response): Promise<void> {
  const demo = demoOrThrow(deps);
  const { redirectUrl } = await demo.complete(String(req.params.sessionId));
  res.redirect(303, redirectUrl);
}

function demoOrThrow(deps: PaymentRoutesDeps): DemoProvider {
  if (!deps.demo) throw new AppError('NOT_FOUND', 'demo payments are off: real payments are configured');
  return deps.demo;
}
