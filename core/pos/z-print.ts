// Z tickets as people and auditors read them: a printable HTML page, a CSV line per Z, and the
// JSON export of a POS's whole chain that `npm run verify-z` checks offline. The export holds
// the tickets exactly as stored (hashes cover every field), so any edit is detected.
import type { ZTicket } from './records.js';
import type { DocLang } from '../documents/format.js';
import { documentHtml } from '../documents/html.js';
import type { DocLayout } from '../documents/model.js';
import { zDocument } from './z-document.js';
import { verifyZChain } from './z-ticket.js';

export const zExportFormat = 'pass-z-chain/1';

export interface ZChainExport {
  format: typeof zExportFormat;
  posId: string;
  exportedAt: number;
  tickets: ZTicket[];
}

export function zChainExport(posId: string, tickets: ZTicket[], exportedAt: number): ZChainExport {
  return { format: zExportFormat, posId, exportedAt, tickets: [...tickets].sort((a, b) => a.number - b.number) };
}

/** Verifies an export read from a file: `{format, tickets}` or a bare array of tickets. */
export function verifyZExport(data: unknown): { ok: boolean; errors: string[]; count: number } {
  const tickets = Array.isArray(data) ? data : (data as { tickets?: unknown } | null)?.tickets;
  if (!Array.isArray(tickets)) return { ok: false, errors: ['not a Z chain export: no tickets array'], count: 0 };
  const malformed = tickets.findIndex((t) => !t || typeof t !== 'object' || typeof t.hash !== 'string' || typeof t.number !== 'number');
  if (malformed >= 0) return { ok: false, errors: [`ticket at position ${malformed} is malformed`], count: tickets.length };
  const posIds = new Set(tickets.map((t) => t.posId));
  const result = verifyZChain(tickets as ZTicket[]);
  const errors = posIds.size > 1 ? ['tickets of several points of sale are mixed', ...result.errors] : result.errors;
  return { ok: errors.length === 0, errors, count: tickets.length };
}

const csvColumns = [
  'number', 'businessDay', 'from', 'to', 'salesCount', 'firstSale', 'lastSale', 'sales', 'cash', 'card', 'pass',
  'refunds', 'topups', 'cashouts', 'grandTotal', 'closedBy', 'prevHash', 'hash',
  // Offline sales synced in the period (French rules: offline state appears in exports).
  'offlineSales', 'offlineTotal', 'offlineShortfall', 'lateOfflineSales', 'lateOfflineTotal',
] as const;

/** One line per Z ticket, amounts in cents (a spreadsheet-friendly view; the JSON is the proof). */
export function zChainCsv(tickets: ZTicket[]): string {
  const rows = [...tickets].sort((a, b) => a.number - b.number).map((z) => [
    z.number, z.businessDay, new Date(z.from).toISOString(), new Date(z.to).toISOString(), z.totals.salesCount, z.totals.firstSale ?? '',
    z.totals.lastSale ?? '', z.totals.sales, z.totals.byMethod.cash, z.totals.byMethod.card, z.totals.byMethod.pass, z.totals.refunds.total,
    z.totals.topups.total, z.totals.cashouts, z.grandTotal, z.closedBy, z.prevHash, z.hash,
    z.totals.offline?.count ?? 0, z.totals.offline?.total ?? 0, z.totals.offline?.shortfall ?? 0, z.totals.offline?.late.count ?? 0, z.totals.offline?.late.total ?? 0,
  ]);
  return [csvColumns.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/** A printable page of one Z ticket (80 mm receipt width, or A4). */
export function zTicketHtml(z: ZTicket, options: { layout?: DocLayout; lang?: DocLang } = {}): string {
  return documentHtml(zDocument(z, options.lang), options.layout ?? 'receipt');
}

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote when needed; a leading formula character is neutralised (CSV injection in spreadsheets).
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
