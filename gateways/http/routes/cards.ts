// A collective's Pass cards as batches from the printer (tenant-checked on :collectiveId):
//   POST /api/collectives/:collectiveId/cards/import     {csv: "uid,number[,claim_code]\n..."}
//        201 {created, existing} or 400 INVALID_INPUT naming the bad lines (nothing written)
//   GET  /api/collectives/:collectiveId/cards/print.csv  number, uid, claim code, QR link of
//        every card not yet linked to an account: what the printer puts on the back
// The CSV comes inside JSON: cookie routes take JSON bodies only (CSRF, app.ts).
import type { Router } from 'express';
import { z } from 'zod';
import { toCsv } from '../../../core/memberships/index.js';
import { importCardBatch, parseCardBatch, printRows } from '../../../core/pass/index.js';
import type { Core } from '../../../core/runtime/boot.js';
import { limits } from '../../../core/shared/limits.js';
import { requireSession } from '../session.js';
import { validate } from '../validate.js';

const onCollective = z.object({ collectiveId: z.string().min(1).max(64) });

export function adminCardRoutes(router: Router, core: Core): void {
  router.post(
    '/collectives/:collectiveId/cards/import',
    requireSession,
    validate({ params: onCollective, body: z.object({ csv: z.string().min(1).max(limits.httpBodyBytes) }).strict() }, async ({ params, body }, _req, res) => {
      const lines = parseCardBatch(body.csv);
      res.status(201);
      return importCardBatch(core.pass, params.collectiveId, lines);
    }),
  );
  router.get(
    '/collectives/:collectiveId/cards/print.csv',
    requireSession,
    validate({ params: onCollective }, async ({ params }, _req, res) => {
      const collective = await core.collectives.get(params.collectiveId);
      const site = `${core.lespass.publicUrl}/${encodeURIComponent(collective.slug)}/account`;
      const rows = printRows(await core.pass.cards.ofIssuer(collective._id), (c) => `${site}?card=${encodeURIComponent(c.number)}&code=${c.claimCode}`);
      res.type('text/csv; charset=utf-8').attachment(`pass-cards-${collective.slug}.csv`).send(toCsv(rows));
    }),
  );
}
