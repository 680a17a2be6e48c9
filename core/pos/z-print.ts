// Z tickets as people and auditors read them: a printable HTML page, a CSV line per Z, and the
// JSON export of a POS's whole chain that `npm run verify-z` checks offline. The export holds
// the tickets exactly as stored (hashes cover every field), so any edit is detected.
import type { ZTicket } from './records.js';
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

/** A printable page (80 mm receipt width) of one Z ticket. */
export function zTicketHtml(z: ZTicket): string {
  const t = z.totals;
  const row = (label: string, value: string) => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`;
  const section = (title: string, rows: string[]) => (rows.length ? `<h2>${esc(title)}</h2><table>${rows.join('')}</table>` : '');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Z ${z.number} — ${esc(z.posName)}</title>
<style>body{font:13px/1.35 monospace;width:76mm;margin:2mm auto}h1{font-size:16px;margin:0 0 4px}h2{font-size:13px;margin:10px 0 2px;border-bottom:1px dashed #000}
table{width:100%;border-collapse:collapse}th{text-align:left;font-weight:normal}td{text-align:right}.hash{word-break:break-all;font-size:10px}
@media print{body{margin:0}}</style></head><body>
<h1>Ticket Z n° ${z.number}</h1>
<table>${row('Point de vente', z.posName)}${row('Journée', z.businessDay)}${row('Du', dateTime(z.from))}${row('Au', dateTime(z.to))}${row('Clôturé par', z.closedBy)}</table>
${section('Ventes', [row('Nombre de ventes', String(t.salesCount)), row('Tickets', t.firstSale === null ? '—' : `${t.firstSale} à ${t.lastSale}`), row('Total TTC', euros(t.sales))])}
${section('Par moyen de paiement', [row('Espèces', euros(t.byMethod.cash)), row('Carte bancaire', euros(t.byMethod.card)), row('Pass', euros(t.byMethod.pass))])}
${section('Par taux de TVA', t.byVat.map((v) => row(`${percent(v.rate)} (TVA ${euros(v.vat)})`, euros(v.total))))}
${section('Par produit', t.byProduct.map((p) => row(`${p.qty} × ${p.name}`, euros(p.total))))}
${section('Par monnaie Pass', Object.entries(t.byAsset).map(([asset, amount]) => row(asset, euros(amount))))}
${section('Recharges', [row('Total', euros(t.topups.total)), ...Object.entries(t.topups.byMethod).map(([m, a]) => row(m, euros(a)))])}
${section('Remboursements', [row('Total', euros(t.refunds.total)), row('Espèces', euros(t.refunds.byMethod.cash)), row('Carte bancaire', euros(t.refunds.byMethod.card)), row('Pass', euros(t.refunds.byMethod.pass))])}
${section('Consignes (hors CA, sans TVA)', t.deposits ? [row(`Encaissées (${t.deposits.heldQty})`, euros(t.deposits.held)), row(`Rendues (${t.deposits.returnedQty})`, euros(t.deposits.returned)), row('dont sur cartes', euros(t.deposits.returnedToCards)), row('dont en espèces', euros(t.deposits.returnedInCash)), row('Gobelets dehors', String(t.deposits.cupsOut))] : [])}
${section('Remboursements de solde (cash-out)', t.cashouts ? [row('Payé en fin d’événement', euros(t.cashouts))] : [])}
${section('Caisse', z.sessions.map((s) => row(`Fond ${euros(s.float)} · attendu ${euros(s.expectedCash ?? 0)}`, s.countedCash === undefined ? 'non compté' : `compté ${euros(s.countedCash)} (écart ${euros(s.difference ?? 0)})`)))}
${section('Ventes hors ligne', offlineRows(t, row))}
${section('Grand total perpétuel', [row('Net depuis l’origine', euros(z.grandTotal))])}
<h2>Intégrité</h2><p class="hash">précédent ${esc(z.prevHash)}<br>empreinte ${esc(z.hash)}</p>
</body></html>
`;
}

/** The marked section of offline sales; late ones belong to a day whose Z was already written. */
function offlineRows(t: ZTicket['totals'], row: (label: string, value: string) => string): string[] {
  if (!t.offline) return [];
  const o = t.offline;
  return [
    row('Ventes synchronisées', `${o.count} · ${euros(o.total)}`),
    row('Dont découvert (dette des cartes)', euros(o.shortfall)),
    ...(o.late.count ? [row('Dont arrivées après le Z de leur journée', `${o.late.count} · ${euros(o.late.total)}`)] : []),
  ];
}

/** Integer cents as "1 234,56 €", computed without floats. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${units},${String(abs % 100).padStart(2, '0')} €`;
}

/** Basis points as "5,5 %". */
export function percent(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  return `${whole}${rest ? ',' + String(rest).padStart(2, '0').replace(/0$/, '') : ''} %`;
}

export function dateTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote when needed; a leading formula character is neutralised (CSV injection in spreadsheets).
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
