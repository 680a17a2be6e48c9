// Operators' view of the whole installation (never a collective admin's: 403 FORBIDDEN):
//   GET  /api/ops/queues                             per background queue: counts and failed jobs
//   POST /api/ops/queues/:queue/jobs/:jobId/retry    runs a failed job again (fresh attempts)
//   GET  /api/ops/verify-ledger                      the ledger's invariants checked now
//   POST /api/ops/login-locks/lift {email?, address?} ends a sign-in lockout now
//   GET  /api/ops/ledger-export                      the whole ledger as a file that
//                                                    `npm run verify-ledger -- --file` checks offline
// A failed job never vanishes silently: both job adapters keep it in the failed list until it is
// retried, and this list shows it (newest first, up to `failedShown`; `counts.failed` says how
// many there are in all).
import type { Router } from 'express';
import { z } from 'zod';
import { assertOperator } from '../../../core/accounts/access.js';
import type { LoginThrottle } from '../../../core/accounts/login-throttle.js';
import type { FailedJob, Jobs, QueueCounts } from '../../../core/jobs/port.js';
import { verifyLedger } from '../../../core/money/verify.js';
import { ledgerExport } from '../../../core/money/ledger-export.js';
import { AppError } from '../../../core/shared/errors.js';
import type { Store } from '../../../core/store/port.js';
import { backgroundQueues } from '../../../workers/registry.js';
import { ticketingQueue } from '../../../workers/ticketing.js';
import { zClosingQueue } from '../../../workers/z-closing.js';
import { principalOf } from '../session.js';
import { validate } from '../validate.js';
import type { Request, RequestHandler } from 'express';

export interface OpsRoutesCore {
  jobs: Jobs;
  store: Store;
  accounts: { loginThrottle: Pick<LoginThrottle, 'lift'> };
}

/** The queues the installation runs (workers/registry.ts, the nightly Z closing, the release of expired seat holds). */
export const opsQueues: readonly string[] = [...backgroundQueues, zClosingQueue, ticketingQueue];
export const failedShown = 100;

export interface QueueView {
  name: string;
  counts: QueueCounts;
  failed: FailedJob[];
}

export interface LedgerCheckView {
  ok: boolean;
  errors: string[];
  warnings: string[];
  rows: number;
  chains: number;
  checkedAt: number;
  tookMs: number;
}

const retryParams = z.object({ queue: z.string().min(1).max(40), jobId: z.string().min(1).max(200) });

export function opsRoutes(router: Router, core: OpsRoutesCore): void {
  router.get(
    '/ops/queues',
    requireOperator,
    validate({}, async () => ({ queues: await Promise.all(opsQueues.map((name) => queueView(core.jobs, name))) })),
  );

  router.post(
    '/ops/queues/:queue/jobs/:jobId/retry',
    requireOperator,
    validate({ params: retryParams }, async ({ params }) => {
      if (!opsQueues.includes(params.queue)) throw new AppError('NOT_FOUND', `no queue ${params.queue}`);
      const retried = await core.jobs.retry(params.queue, params.jobId);
      if (!retried) throw new AppError('NOT_FOUND', `no failed job ${params.jobId} in ${params.queue}`);
      return { retried: true, queue: await queueView(core.jobs, params.queue) };
    }),
  );

  router.post(
    '/ops/login-locks/lift',
    requireOperator,
    validate({ body: z.object({ email: z.string().min(1).max(254).optional(), address: z.string().min(1).max(64).optional() }).strict() }, async ({ body }) => {
      if (!body.email && !body.address) throw new AppError('INVALID_INPUT', 'name the email or the address to unlock');
      await core.accounts.loginThrottle.lift(body);
      return { lifted: true };
    }),
  );

  // Reads the whole ledger: one check at a time per node, callers arriving meanwhile share it.
  let running: Promise<LedgerCheckView> | undefined;
  router.get(
    '/ops/verify-ledger',
    requireOperator,
    validate({}, async () => {
      running ??= checkLedger(core.store).finally(() => (running = undefined));
      return { report: await running };
    }),
  );

  router.get(
    '/ops/ledger-export',
    requireOperator,
    validate({}, async (_input, _req, res) => {
      const exported = await ledgerExport(core.store, Date.now());
      // The digest in a header too: the operator notes it, an auditor compares it with the file's.
      res.set('X-Ledger-Digest', exported.digest).attachment(`ledger-${new Date(exported.exportedAt).toISOString().slice(0, 10)}.json`).json(exported);
    }),
  );
}

/** Session first (401), then the operator role (403). */
const requireOperator: RequestHandler = async (req: Request, _res, next) => {
  assertOperator(await principalOf(req));
  next();
};

async function queueView(jobs: Jobs, name: string): Promise<QueueView> {
  const [counts, failed] = await Promise.all([jobs.counts(name), jobs.failed(name, failedShown)]);
  return { name, counts, failed };
}

async function checkLedger(store: Store): Promise<LedgerCheckView> {
  const started = Date.now();
  const { ok, errors, warnings, rows, chains } = await verifyLedger(store);
  return { ok, errors, warnings, rows, chains, checkedAt: Date.now(), tookMs: Date.now() - started };
}
