// Z tickets and revenue over HTTP (admin):
//   GET /api/pos/:posId/z                       the POS's Z tickets, in order
//   GET /api/pos/:posId/z/verify                the chain checked (numbering, links, hashes)
//   GET /api/pos/:posId/z/export?format=json|csv  the whole chain to archive (`npm run verify-z`)
//   GET /api/pos/:posId/z/:number[/print|/pdf]  one Z as JSON, printable HTML, or PDF (?layout=receipt|a4&lang=fr|en)
//   GET /api/collectives/:collectiveId/revenue?from&to&posId   per POS, day, method, product, asset, VAT rate
//   GET /api/collectives/:collectiveId/sales-export?from&to&posId&by=product|pos|method|vat|day&format=csv|xlsx&lang=fr|en&french=true|false
// `from`/`to` are epoch milliseconds, ISO instants, or days (YYYY-MM-DD, in the collective's time
// zone; `to` day included).
import type { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../../core/clock/port.js';
import { startOfBusinessDay } from '../../../core/live/index.js';
import type { Ledger } from '../../../core/money/ledger.js';
import type { CatalogService } from '../../../core/pos/catalog.js';
import { csvTable } from '../../../core/documents/csv.js';
import { writeXlsx } from '../../../core/documents/xlsx.js';
import { revenueOf } from '../../../core/pos/revenue.js';
import { salesBreakdowns, salesTable } from '../../../core/pos/sales-export.js';
import { businessDay } from '../../../core/pos/z-ticket.js';
import type { PosService } from '../../../core/pos/service.js';
import { zTicketPdf } from '../../../core/pos/z-pdf.js';
import { zChainCsv, zChainExport, zTicketHtml } from '../../../core/pos/z-print.js';
import { AppError } from '../../../core/shared/errors.js';
import { requireSession } from '../session.js';
import { hasRealDay } from '../dates.js';
import { validate } from '../validate.js';

export interface PosReportsCore {
  catalog: CatalogService;
  pos: PosService;
  ledger: Ledger;
  clock: Clock;
  collectives: { timezoneOf(collectiveId: string): Promise<string>; dayCutoffOf(collectiveId: string): Promise<number>; langOf(collectiveId: string): Promise<'fr' | 'en'> };
}

const id = z.string().min(1).max(80);
const onPos = z.object({ posId: id });
const zParams = z.object({ posId: id, number: z.string().regex(/^\d{1,9}$/, 'a Z number').transform(Number) });
const dayMs = 86_400_000;
const maxPeriodMs = 400 * dayMs;
const instant = z
  .string()
  .max(40)
  .refine((s) => /^\d{1,15}$/.test(s) || (hasRealDay(s) && (/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isFinite(Date.parse(s)))), 'epoch milliseconds, an ISO instant or a day YYYY-MM-DD that exists');
const printQuery = z.object({ layout: z.enum(['receipt', 'a4']).default('receipt'), lang: z.enum(['fr', 'en']).optional() }); // unset: the collective's language
const revenueQuery = z.object({ from: instant.optional(), to: instant.optional(), posId: id.optional() });

export function adminPosReportRoutes(router: Router, core: PosReportsCore): void {
  router.get(
    '/pos/:posId/z',
    requireSession,
    validate({ params: onPos }, async ({ params }) => ({ tickets: await core.pos.listZ(params.posId) })),
  );
  router.get(
    '/pos/:posId/z/verify',
    requireSession,
    validate({ params: onPos }, async ({ params }) => {
      const tickets = await core.pos.listZ(params.posId);
      return { ...(await core.pos.verifyZ(params.posId)), count: tickets.length };
    }),
  );
  router.get(
    '/pos/:posId/z/export',
    requireSession,
    validate({ params: onPos, query: z.object({ format: z.enum(['json', 'csv']).default('json') }) }, async ({ params, query }, _req, res) => {
      const tickets = await core.pos.listZ(params.posId);
      const file = `z-chain-${params.posId}`;
      if (query.format === 'csv') {
        res.type('text/csv; charset=utf-8').attachment(`${file}.csv`).send(zChainCsv(tickets));
        return;
      }
      res.attachment(`${file}.json`).json(zChainExport(params.posId, tickets, core.clock.now()));
    }),
  );
  router.get(
    '/pos/:posId/z/:number',
    requireSession,
    validate({ params: zParams }, async ({ params }) => ({ z: await zTicketOf(core, params.posId, params.number) })),
  );
  router.get(
    '/pos/:posId/z/:number/print',
    requireSession,
    validate({ params: zParams, query: printQuery }, async ({ params, query }, _req, res) => {
      const z = await zTicketOf(core, params.posId, params.number);
      const html = zTicketHtml(z, { ...query, lang: query.lang ?? (await core.collectives.langOf(z.collectiveId)) });
      res.type('html').set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").send(html);
    }),
  );
  router.get(
    '/pos/:posId/z/:number/pdf',
    requireSession,
    validate({ params: zParams, query: printQuery }, async ({ params, query }, _req, res) => {
      const z = await zTicketOf(core, params.posId, params.number);
      const pdf = await zTicketPdf(z, { ...query, lang: query.lang ?? (await core.collectives.langOf(z.collectiveId)) });
      res.type('application/pdf').attachment(`z-${z.posName.replace(/[^\w-]+/g, '_')}-${params.number}-${query.layout}.pdf`).send(pdf);
    }),
  );

  salesExportRoute(router, core);
  router.get(
    '/collectives/:collectiveId/revenue',
    requireSession,
    validate({ params: z.object({ collectiveId: id }), query: revenueQuery }, async ({ params, query }) => {
      const timezone = await core.collectives.timezoneOf(params.collectiveId);
      const cutoffMinutes = await core.collectives.dayCutoffOf(params.collectiveId);
      if (query.posId) await core.catalog.getPos(query.posId, params.collectiveId); // another's POS: 404
      // Dates are business days: from the collective's cut-off (04:00 by default) to the next one.
      const to = query.to ? toInstant(query.to, timezone, cutoffMinutes, 'end') : core.clock.now();
      const from = query.from ? toInstant(query.from, timezone, cutoffMinutes, 'start') : startOfBusinessDay(to - 1, timezone, cutoffMinutes);
      if (from >= to || to - from > maxPeriodMs) throw new AppError('INVALID_INPUT', 'the period must be positive and at most 400 days');
      return revenueOf(core, { collectiveId: params.collectiveId, from, to, timezone, cutoffMinutes, posId: query.posId });
    }),
  );
}

/** Sales of a period as CSV (one breakdown; `french`: semicolons, comma decimals) or XLSX (every breakdown, one sheet each). */
function salesExportRoute(router: Router, core: PosReportsCore): void {
  const query = revenueQuery.extend({
    by: z.enum(['product', 'pos', 'method', 'vat', 'day']).default('product'),
    format: z.enum(['csv', 'xlsx']).default('csv'),
    lang: z.enum(['fr', 'en']).default('fr'),
    french: z.enum(['true', 'false']).optional(),
  });
  router.get(
    '/collectives/:collectiveId/sales-export',
    requireSession,
    validate({ params: z.object({ collectiveId: id }), query }, async ({ params, query }, _req, res) => {
      const timezone = await core.collectives.timezoneOf(params.collectiveId);
      if (query.posId) await core.catalog.getPos(query.posId, params.collectiveId);
      const cutoffMinutes = await core.collectives.dayCutoffOf(params.collectiveId);
      const to = query.to ? toInstant(query.to, timezone, cutoffMinutes, 'end') : core.clock.now();
      const from = query.from ? toInstant(query.from, timezone, cutoffMinutes, 'start') : startOfBusinessDay(to - 1, timezone, cutoffMinutes);
      if (from >= to || to - from > maxPeriodMs) throw new AppError('INVALID_INPUT', 'the period must be positive and at most 400 days');
      const report = await revenueOf(core, { collectiveId: params.collectiveId, from, to, timezone, cutoffMinutes, posId: query.posId });
      const points = new Map((await core.catalog.listPos(params.collectiveId)).map((p) => [p._id, p.name]));
      const posName = (posId: string) => points.get(posId) ?? posId;
      const file = `ventes-${businessDay(from, timezone, cutoffMinutes)}-${businessDay(to - 1, timezone, cutoffMinutes)}`;
      if (query.format === 'xlsx') {
        const sheets = salesBreakdowns.map((by) => salesTable(report, by, posName, query.lang));
        res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`${file}.xlsx`).send(writeXlsx(sheets, core.clock.now()));
        return;
      }
      const table = salesTable(report, query.by, posName, query.lang);
      const french = query.french ? query.french === 'true' : query.lang === 'fr';
      res.type('text/csv; charset=utf-8').attachment(`${file}-${query.by}.csv`).send(csvTable(table.header, table.rows, { french }));
    }),
  );
}

async function zTicketOf(core: PosReportsCore, posId: string, number: number) {
  const pos = await core.catalog.getPos(posId);
  return core.pos.getZ(`${pos._id}#${number}`, pos.collectiveId);
}

/** A query bound as an instant; a bare day is local midnight (the end bound: the next one). */
function toInstant(value: string, timezone: string, cutoffMinutes: number, bound: 'start' | 'end'): number {
  if (/^\d{1,15}$/.test(value)) return Number(value);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!day) return Date.parse(value);
  const noonUtc = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12) + (bound === 'end' ? dayMs : 0);
  return startOfBusinessDay(noonUtc, timezone, cutoffMinutes);
}
