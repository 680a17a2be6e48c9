// Starts a node's background work: the job processors and the repeating jobs. The same call
// in the worker process (distributed mode) and in the embedded `npm start` process.
import { isDemoProvider } from '../core/payments/from-config.js';
import type { Core } from '../core/runtime/boot.js';
import { mailerFromConfig } from './email/mailer.js';
import { registerLespassFulfilments } from './lespass.js';
import { registerProcessors } from './registry.js';
import { startHoldRelease } from './ticketing.js';
import { closeEndedPeriods } from './period-closing.js';
import { closeForgottenRegisters, zClosingQueue } from './z-closing.js';

const zClosingEveryMs = 5 * 60_000;
const demoBillingEveryMs = 5 * 60_000;

export async function startBackgroundWork(core: Core): Promise<void> {
  registerLespassFulfilments(core.lespass);
  await registerProcessors(core.jobs, {
    store: core.store,
    clock: core.clock,
    pass: core.pass,
    checkouts: core.checkouts,
    payments: core.payments,
    mailer: mailerFromConfig(core.config),
    ticketSecret: core.ticketSecret,
    settlement: core.settlement,
    subscriptions: core.lespass.subscriptions,
    villages: async () => Promise.all((await core.villages.list()).map(async (v) => ({ id: v._id, collectiveIds: (await core.villages.members(v._id)).map((c) => c._id) }))),
  });
  const collectives = async () => Promise.all((await core.collectives.list()).map(async (c) => ({ id: c._id, timezone: c.timezone, fiscalYearStartMonth: c.fiscalYearStartMonth, cutoffMinutes: await core.collectives.dayCutoffOf(c._id) })));
  // Registers first: a month is closed only once no register opened in it is still open.
  await core.jobs.work(zClosingQueue, async () => {
    await closeForgottenRegisters({ pos: core.pos, clock: core.clock, collectives });
    await closeEndedPeriods({ closures: core.closures, clock: core.clock, collectives });
  });
  // Checked often, acting only past each collective's closing hour: one schedule fits every time zone.
  await core.jobs.repeat(zClosingQueue, 'nightly-z', {}, { everyMs: zClosingEveryMs, key: 'z-closing:nightly' });
  // Seats of unpaid bookings come back every minute, not only when someone books that event.
  await startHoldRelease(core.jobs, core.lespass.ticketing.reservations);
  // The demo provider bills recurring subscriptions itself, as Stripe Billing would.
  const demo = core.payments;
  if (isDemoProvider(demo)) {
    await core.jobs.work('demo-billing', () => demo.billing.runBilling().then((events) => ({ charged: events.length })));
    await core.jobs.repeat('demo-billing', 'run', {}, { everyMs: demoBillingEveryMs, key: 'demo-billing:run' });
  }
}
