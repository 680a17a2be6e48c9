// CSV of a collective's members: one line per membership, fixed columns then one column per
// question asked (the union over the listed members), dates in UTC ISO 8601, amounts in euros
// written from integer cents (no floats), RFC 4180 quoting. A cell that a spreadsheet would
// run as a formula (=, +, -, @) is prefixed with a quote.
import { statusAt, type Member } from './types.js';

const columns = ['member_id', 'name', 'email', 'membership', 'subscription', 'status', 'valid_from_utc', 'valid_until_utc', 'renews_at_utc', 'source', 'method', 'amount_eur'];

export function membersCsv(members: Member[], at: number): string {
  const keys = [...new Set(members.flatMap((m) => Object.keys(m.answers)))].sort();
  const rows = members.map((m) => [
    m._id,
    m.name,
    m.email,
    m.productName,
    m.period ?? '',
    statusAt(m, at),
    iso(m.validFrom),
    iso(m.validUntil),
    m.renewsAt ? iso(m.renewsAt) : '',
    m.source,
    m.method,
    euros(m.amount),
    ...keys.map((k) => m.answers[k] ?? ''),
  ]);
  return toCsv([[...columns, ...keys.map((k) => `answer_${k}`)], ...rows]);
}

export function toCsv(rows: Array<Array<string | number>>): string {
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
