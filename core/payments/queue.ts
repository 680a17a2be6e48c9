// Payment events go through the `stripe` job queue whatever their provider: the job id is the
// provider's event id, so a webhook delivered five times is one job (and the processor is
// idempotent anyway, for deliveries that arrive after the job was cleaned up).
import type { Jobs } from '../jobs/port.js';
import type { PaymentEvent } from './port.js';

export const paymentQueue = 'stripe';

export const paymentJobOptions = { attempts: 10, backoffMs: 2_000 } as const;

export function enqueuePaymentEvent(jobs: Jobs, event: PaymentEvent): Promise<string> {
  return jobs.enqueue(paymentQueue, event.type, event, { jobId: event.id, ...paymentJobOptions });
}
