// Village settlement statements, seen by the admins of the collectives they involve:
//   GET  /api/collectives/:collectiveId/settlements                       statements (newest first)
//   GET  /api/collectives/:collectiveId/settlements/:statementId          one statement
//   GET  /api/collectives/:collectiveId/settlements/:statementId/csv      CSV export
//   POST /api/collectives/:collectiveId/settlements {day}                 compute a day now (admin button; idempotent)
//   POST /api/collectives/:collectiveId/settlements/:statementId/pairs/:index/paid {txId}  record a pair as paid
// Tenant-checked on :collectiveId; a statement or pair that does not involve it answers 404.
import type { Router } from 'express';
import { z } from 'zod';
import type { CollectiveService } from '../../../core/collectives/service.js';
import type { VillageService } from '../../../core/collectives/villages.js';
import { dailyPeriod } from '../../../core/settlement/periods.js';
import type { SettlementService, SettlementStatement } from '../../../core/settlement/service.js';
import { statementCsv } from '../../../core/settlement/csv.js';
import { AppError } from '../../../core/shared/errors.js';
import { txIdPattern } from '../../../core/shared/limits.js';
import { requireSession } from '../session.js';
import { calendarDay } from '../dates.js';
import { validate } from '../validate.js';

interface SettlementCore {
  settlement: SettlementService;
  collectives: CollectiveService;
  villages: VillageService;
}

const id = z.string().min(1).max(120);
const inCollective = z.object({ collectiveId: id });
const statementParams = z.object({ collectiveId: id, statementId: id });

export function adminSettlementRoutes(router: Router, core: SettlementCore): void {
  const involving = async (collectiveId: string, statementId: string): Promise<SettlementStatement> => {
    const statement = await core.settlement.get(statementId).catch(() => null);
    if (!statement?.collectiveIds.includes(collectiveId)) throw new AppError('NOT_FOUND', 'no such settlement statement');
    return statement;
  };

  router.get(
    '/collectives/:collectiveId/settlements',
    requireSession,
    validate({ params: inCollective }, async ({ params }) => ({ statements: await core.settlement.forCollective(params.collectiveId) })),
  );
  router.get(
    '/collectives/:collectiveId/settlements/:statementId',
    requireSession,
    validate({ params: statementParams }, async ({ params }) => ({ statement: await involving(params.collectiveId, params.statementId) })),
  );
  router.get(
    '/collectives/:collectiveId/settlements/:statementId/csv',
    requireSession,
    validate({ params: statementParams }, async ({ params }, _req, res) => {
      const statement = await involving(params.collectiveId, params.statementId);
      res.type('text/csv').attachment(`settlement-${statement.periodKey}.csv`).send(statementCsv(statement));
    }),
  );
  router.post(
    '/collectives/:collectiveId/settlements',
    requireSession,
    validate({ params: inCollective, body: z.object({ day: calendarDay }).strict() }, async ({ params, body }) => {
      const collective = await core.collectives.get(params.collectiveId);
      if (!collective.villageId) throw new AppError('CONFLICT', 'this collective is in no village: nothing to settle');
      const members = (await core.villages.members(collective.villageId)).map((c) => c._id);
      return { statement: await core.settlement.settle({ villageId: collective.villageId, collectiveIds: members, period: dailyPeriod(body.day) }) };
    }),
  );
  router.post(
    '/collectives/:collectiveId/settlements/:statementId/pairs/:index/paid',
    requireSession,
    validate(
      { params: statementParams.extend({ index: z.coerce.number().int().min(0).max(10_000) }), body: z.object({ txId: z.string().regex(txIdPattern) }).strict() },
      async ({ params, body }) => {
        const statement = await involving(params.collectiveId, params.statementId);
        const pair = statement.pairs[params.index];
        if (!pair || (pair.a !== params.collectiveId && pair.b !== params.collectiveId)) throw new AppError('NOT_FOUND', 'no such pair for this collective');
        return { payment: await core.settlement.markPaid(statement._id, params.index, body.txId) };
      },
    ),
  );
}
