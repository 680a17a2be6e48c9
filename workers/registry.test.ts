import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { createMemoryJobs } from '../core/jobs/memory.js';
import { globalAsset, localAsset } from '../core/money/assets.js';
import { isDemoProvider, paymentProviderFromConfig } from '../core/payments/from-config.js';
import { startCheckout } from '../core/payments/start-checkout.js';
import { createMemoryStore } from '../core/store/memory.js';
import { moneyNode, seedCards } from '../test/support/money.js';
import { drainQueue } from '../test/support/fake-stripe.js';
import { mailerFromConfig } from './email/mailer.js';
import { enqueueTicketMail, emailQueue } from './email/processor.js';
import { backgroundQueues, registerProcessors, startBackgroundServices } from './registry.js';
import { settlementQueue } from './settlement.js';
import { stripeQueue } from './stripe.js';

describe('registerProcessors (the embedded runner’s wiring)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('runs stripe, email and settlement jobs with the same processors a worker process uses', async () => {
    const clock = new FakeClock(Date.parse('2026-07-14T10:00:00Z'));
    const node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    cleanups.push(() => node.stop());
    const [uid] = await seedCards(node, 'A', 1);
    await node.currencies.defineCollectiveCurrencies('B', 'Sou B', 'B');
    await node.currencies.setAcceptance('B', localAsset('A'), true, clock.now());
    const dataDir = await mkdtemp(join(tmpdir(), 'pass-registry-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const jobs = createMemoryJobs();
    cleanups.push(() => jobs.close());
    const payments = paymentProviderFromConfig({ HOST: '127.0.0.1', PORT: 3000 }, { store: node.store, clock, jobs });
    const services = await startBackgroundServices({ store: node.store, clock, ledger: node.ledger });
    await registerProcessors(jobs, {
      store: node.store,
      clock,
      pass: node.pass,
      payments,
      mailer: mailerFromConfig({ DATA_DIR: dataDir, MAIL_FROM: 'Pass <no-reply@pass.test>' }),
      ticketSecret: 'registry-test-secret-0123',
      villages: async () => [{ id: 'vil_1', collectiveIds: ['A', 'B'] }],
      scheduleSettlement: false,
      ...services,
    });
    expect(backgroundQueues).toEqual(['stripe', 'email', 'settlement']);

    if (!isDemoProvider(payments)) throw new Error('demo expected');
    const session = await startCheckout(payments, services.checkouts, {
      reference: 'registry-ref',
      lines: [{ name: 'Recharge', amount: 800, qty: 1 }],
      successUrl: 'http://x/ok',
      cancelUrl: 'http://x/no',
      metadata: { kind: 'topup', cardUid: uid, amount: '800', collectiveId: 'A' },
    });
    await payments.complete(session.sessionId);
    await drainQueue(jobs, stripeQueue);
    await node.pass.pay({ txId: 'registry-pay-0001', cardUid: uid, amount: 300, collectiveId: 'A' });
    await node.pass.topUp({ txId: 'registry-top-0002', cardUid: uid, asset: 'local', amount: 500, method: 'cash', collectiveId: 'A', posId: 'p' });
    await node.pass.pay({ txId: 'registry-pay-0003', cardUid: uid, amount: 400, collectiveId: 'B' });
    expect((await node.pass.balance(uid)).balances.find((b) => b.asset === globalAsset)?.amount).toBe(500);

    await enqueueTicketMail(jobs, { ticketId: 't1', eventId: 'e1', to: 'a@b.test', holder: 'A', eventTitle: 'Bal', startsAt: clock.now(), place: 'Ici', price: 0, collectiveName: 'A' });
    clock.set(Date.parse('2026-07-15T01:00:00Z'));
    await jobs.enqueue(settlementQueue, 'daily', {}, { jobId: 'settle-now' });
    await Promise.all([drainQueue(jobs, emailQueue, 10_000), drainQueue(jobs, settlementQueue)]);

    expect((await readdir(join(dataDir, 'outbox'))).length).toBe(1);
    const statement = await services.settlement.get('vil_1:2026-07-14');
    expect(statement.pairs).toMatchObject([{ a: 'A', b: 'B', net: 400, debtor: 'A', creditor: 'B' }]);
    for (const q of backgroundQueues) expect((await jobs.counts(q)).failed).toBe(0);
  });
});
