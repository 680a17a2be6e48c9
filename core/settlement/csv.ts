// CSV export of a settlement statement, one line per pair, amounts in euros with two decimals
// written from integer cents (no floats), RFC 4180 quoting.
import type { SettlementStatement } from './service.js';

const header = [
  'statement_id',
  'period',
  'period_start_utc',
  'period_end_utc',
  'pair',
  'collective_a',
  'collective_b',
  'a_currency_spent_at_b_eur',
  'a_currency_refunded_at_b_eur',
  'b_currency_spent_at_a_eur',
  'b_currency_refunded_at_a_eur',
  'net_eur',
  'debtor',
  'creditor',
  'paid_tx_id',
  'paid_at_utc',
];

export function statementCsv(statement: SettlementStatement): string {
  const lines = [header];
  statement.pairs.forEach((p, i) => {
    const paid = statement.payments[String(i)];
    lines.push([
      statement._id,
      statement.periodKey,
      iso(statement.from),
      iso(statement.to),
      String(i),
      p.a,
      p.b,
      eur(p.aToB.spent),
      eur(p.aToB.refunded),
      eur(p.bToA.spent),
      eur(p.bToA.refunded),
      eur(p.net),
      p.debtor ?? '',
      p.creditor ?? '',
      paid?.txId ?? '',
      paid ? iso(paid.at) : '',
    ]);
  });
  return lines.map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** 123456 -> "1234.56", -5 -> "-0.05" */
export function eur(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function quote(cell: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: such text cells are prefixed.
  const safe = /^[=+\-@]/.test(cell) && !/^-\d/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
