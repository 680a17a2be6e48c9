// Offline selling over HTTP (admin):
//   GET   /api/collectives/:collectiveId/offline?from&to              offline sales and shortfalls per POS and
//                                                                       day, cards in debt, silent terminals
//   GET   /api/collectives/:collectiveId/pos/:posId/offline-policy     the POS's policy (defaults filled in)
//   PATCH /api/collectives/:collectiveId/pos/:posId/offline-policy     change some of its ceilings
// `from`/`to` are epoch milliseconds (default: the last 7 days).
import type { Router } from 'express';
import { z } from 'zod';
import { offlinePolicyOf, offlinePolicyPatch } from '../../../core/pos/offline-policy.js';
import { offlineReport, type OfflineReportDeps } from '../../../core/pos/offline-report.js';
import { requireSession } from '../session.js';
import { validate } from '../validate.js';

export type OfflineRoutesCore = Omit<OfflineReportDeps, 'timezoneOf'> & { collectives: { timezoneOf(collectiveId: string): Promise<string> } };

const id = z.string().min(1).max(80);
const ms = z
  .string()
  .regex(/^\d{1,15}$/, 'epoch milliseconds')
  .transform(Number);
const weekMs = 7 * 86_400_000;

export function adminOfflineRoutes(router: Router, core: OfflineRoutesCore): void {
  const deps: OfflineReportDeps = { ...core, timezoneOf: (c) => core.collectives.timezoneOf(c).catch(() => 'Europe/Paris') };
  router.get(
    '/collectives/:collectiveId/offline',
    requireSession,
    validate({ params: z.object({ collectiveId: id }), query: z.object({ from: ms.optional(), to: ms.optional() }) }, async ({ params, query }) => {
      const toMs = query.to ?? core.clock.now() + 1;
      return offlineReport(deps, params.collectiveId, { fromMs: query.from ?? toMs - weekMs, toMs });
    }),
  );
  router.get(
    '/collectives/:collectiveId/pos/:posId/offline-policy',
    requireSession,
    validate({ params: z.object({ collectiveId: id, posId: id }) }, async ({ params }) => ({
      policy: offlinePolicyOf(await core.catalog.getPos(params.posId, params.collectiveId)),
    })),
  );
  router.patch(
    '/collectives/:collectiveId/pos/:posId/offline-policy',
    requireSession,
    validate({ params: z.object({ collectiveId: id, posId: id }), body: offlinePolicyPatch }, async ({ params, body }) => {
      const pos = await core.catalog.getPos(params.posId, params.collectiveId);
      const updated = await core.catalog.updatePos(pos._id, params.collectiveId, { offlinePolicy: { ...(pos.offlinePolicy ?? {}), ...body } });
      return { policy: offlinePolicyOf(updated) };
    }),
  );
}
