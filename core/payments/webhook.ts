// Receiving a payment webhook, without any HTTP framework: verify, normalise, enqueue by event
// id, answer. The HTTP layer only hands over the raw body and the signature header, and sends
// back the status and body this returns. Nothing is enqueued unless the signature verifies.
import type { Jobs } from '../jobs/port.js';
import { AppError, isAppError } from '../shared/errors.js';
import type { PaymentProvider } from './port.js';
import { enqueuePaymentEvent } from './queue.js';

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

export async function receivePaymentWebhook(deps: { provider: PaymentProvider; jobs: Jobs }, rawBody: Buffer, signature: string | undefined): Promise<WebhookAnswer> {
  let event;
  try {
    event = deps.provider.parseWebhook(rawBody, signature);
  } catch (err) {
    if (isAppError(err)) return answerError(err);
    throw err;
  }
  if (!event) return { status: 200, body: { received: true, ignored: true } }; // a type we do not handle: not retried
  try {
    await enqueuePaymentEvent(deps.jobs, event);
  } catch (err) {
    // The queue is down: a 5xx makes the provider deliver again later.
    return answerError(new AppError('UNAVAILABLE', `cannot queue payment event: ${(err as Error).message}`));
  }
  return { status: 200, body: { received: true } };
}

function answerError(err: AppError): WebhookAnswer {
  return { status: err.status, body: { error: { code: err.code, message: err.message } } };
}
