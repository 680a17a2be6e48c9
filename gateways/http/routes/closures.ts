// Monthly and annual closures over HTTP (admin; :collectiveId is checked by the tenant guard):
//   GET  /api/collectives/:collectiveId/closures                        the closures, chained per kind
//   POST /api/collectives/:collectiveId/closures {kind, period}         close a period by hand (again: the same one)
//   GET  /api/collectives/:collectiveId/closures/:kind/:period/archive  the signed zip (`npm run verify-z`)
import type { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../../core/clock/port.js';
import { archiveSigningKey, closureArchive, type ClosureService } from '../../../core/closures/index.js';
import type { Store } from '../../../core/store/port.js';
import { principalOf, requireSession } from '../session.js';
import { validate } from '../validate.js';

export interface ClosureRoutesCore {
  closures: ClosureService;
  store: Store;
  clock: Clock;
}

const onCollective = z.object({ collectiveId: z.string().min(1).max(80) });
const period = z.string().regex(/^\d{4}(-\d{2})?$/, 'YYYY-MM for a month, YYYY for a fiscal year');
const kind = z.enum(['month', 'year']);

export function adminClosureRoutes(router: Router, core: ClosureRoutesCore): void {
  router.get(
    '/collectives/:collectiveId/closures',
    requireSession,
    validate({ params: onCollective }, async ({ params }) => ({ closures: await core.closures.list(params.collectiveId) })),
  );
  router.post(
    '/collectives/:collectiveId/closures',
    requireSession,
    validate({ params: onCollective, body: z.object({ kind, period }).strict() }, async ({ params, body }, req, res) => {
      const who = await principalOf(req);
      const result = await core.closures.close(params.collectiveId, body.kind, body.period, who.email);
      res.status(result.created ? 201 : 200);
      return result;
    }),
  );
  router.get(
    '/collectives/:collectiveId/closures/:kind/:period/archive',
    requireSession,
    validate({ params: onCollective.extend({ kind, period }) }, async ({ params }, _req, res) => {
      const closure = await core.closures.get(params.collectiveId, params.kind, params.period);
      const zip = closureArchive(closure, await core.closures.zTicketsOf(closure), await archiveSigningKey(core.store, core.clock.now()));
      res.type('application/zip').attachment(`cloture-${params.kind}-${params.period}.zip`).send(zip);
    }),
  );
}
