// The one wiring of background queues to their processors, used by the worker process
// (workers/main.ts, distributed mode) and by the in-process runner of embedded mode alike.
//   stripe      payment events (Stripe webhooks, demo checkouts): fulfil, fail, refund
//   email       tickets (PDF + signed QR), magic links, membership receipts
//   settlement  daily village settlement statements (declared repeating here)
import type { Clock } from '../core/clock/port.js';
import type { Jobs } from '../core/jobs/port.js';
import type { Ledger } from '../core/money/ledger.js';
import { Checkouts } from '../core/payments/checkouts.js';
import type { PaymentProvider } from '../core/payments/port.js';
import type { PassService } from '../core/pass/service.js';
import { SettlementService } from '../core/settlement/service.js';
import type { Store } from '../core/store/port.js';
import type { CheckoutFulfilments } from './checkout-fulfilment.js';
import type { Mailer } from './email/mailer.js';
import { emailProcessor, emailQueue } from './email/processor.js';
import { scheduleSettlement, settlementProcessor, settlementQueue, type VillageMembers } from './settlement.js';
import { stripeProcessor, stripeQueue, type StripeWorkerDeps } from './stripe.js';

export interface ProcessorDeps {
  store: Store;
  clock: Clock;
  pass: PassService;
  checkouts: Checkouts;
  /** The configured provider (paymentProviderFromConfig): finds the session of a refund. */
  payments: PaymentProvider;
  /** Fulfilment per checkout kind; the shared registry (registerCheckoutFulfilment) by default. */
  fulfilments?: CheckoutFulfilments;
  mailer: Mailer;
  /** TICKET_SIGNING_SECRET (at least 16 characters). */
  ticketSecret: string;
  settlement: SettlementService;
  /** Villages and their member collective ids, read at each run. */
  villages(): Promise<VillageMembers[]>;
  /** Declare the repeating settlement job (default true; one declaration per key however many nodes). */
  scheduleSettlement?: boolean;
  concurrency?: Partial<Record<'stripe' | 'email' | 'settlement', number>>;
  /** Recurring payments' events (invoice.paid, invoice.payment_failed, subscription.deleted). */
  subscriptions?: StripeWorkerDeps['subscriptions'];
}

export const backgroundQueues = [stripeQueue, emailQueue, settlementQueue] as const;

export async function registerProcessors(jobs: Jobs, deps: ProcessorDeps): Promise<void> {
  const { store, clock } = deps;
  await jobs.work(stripeQueue, stripeProcessor({ checkouts: deps.checkouts, pass: deps.pass, provider: deps.payments, fulfilments: deps.fulfilments, subscriptions: deps.subscriptions }), {
    concurrency: deps.concurrency?.stripe ?? 4,
  });
  await jobs.work(emailQueue, emailProcessor({ mailer: deps.mailer, store, clock, ticketSecret: deps.ticketSecret }), { concurrency: deps.concurrency?.email ?? 2 });
  await jobs.work(settlementQueue, settlementProcessor({ settlement: deps.settlement, clock, villages: deps.villages }), { concurrency: deps.concurrency?.settlement ?? 1 });
  if (deps.scheduleSettlement !== false) await scheduleSettlement(jobs);
}

/** The stores the background processors keep (checkout records, settlement statements), with their indexes. */
export async function startBackgroundServices(deps: { store: Store; clock: Clock; ledger: Ledger }): Promise<{ checkouts: Checkouts; settlement: SettlementService }> {
  const checkouts = new Checkouts(deps.store, deps.clock);
  await checkouts.start();
  const settlement = new SettlementService(deps.store, deps.ledger, deps.clock);
  await settlement.start();
  return { checkouts, settlement };
}
