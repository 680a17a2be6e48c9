// Card batches: the cards a collective ordered from the printer, imported from the CSV the
// printer or the card maker sends (one card per line: `uid,number[,claim_code]`; a header line
// naming those columns is optional), and exported back for printing (number, claim code and the
// QR code's link on the back of each card). A missing claim code is made here.
// Import is checked whole before anything is written: one bad line refuses the batch, naming it.
import { AppError } from '../shared/errors.js';
import type { Card } from './cards.js';
import { normalizeClaimCode, printedClaimCode } from './claim-code.js';
import type { PassService } from './service.js';
import { normalizeCardUid } from './uid.js';

export const maxCardsPerBatch = 2_000;

export interface BatchLine {
  uid: string;
  number: string;
  claimCode?: string;
}

export interface BatchResult {
  created: number;
  /** Lines whose UID or number was already registered: left as they are. */
  existing: Array<{ line: number; number: string }>;
}

/** The lines of a batch CSV, or INVALID_INPUT naming every bad line (`details.lines`). */
export function parseCardBatch(csv: string): BatchLine[] {
  const rows = csv.split(/\r?\n/).map((l) => l.trim());
  const lines: BatchLine[] = [];
  const bad: Array<{ line: number; reason: string }> = [];
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    if (!row || (i === 0 && /^uid\s*,/i.test(row))) continue;
    const [rawUid = '', number = '', rawCode = '', ...rest] = row.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    const uid = normalizeCardUid(rawUid);
    const claimCode = rawCode ? normalizeClaimCode(rawCode) : undefined;
    const reason = !uid
      ? 'UID must be 4, 7 or 10 bytes of hex'
      : !/^[\w.-]{1,40}$/.test(number)
        ? 'number must be 1 to 40 letters, digits, dots, dashes'
        : claimCode === null
          ? 'claim code must be 12 characters of Crockford base 32'
          : rest.length
            ? 'too many columns (uid,number,claim_code)'
            : seen.has(uid) || seen.has(`#${number}`)
              ? 'UID or number repeated in this batch'
              : null;
    if (reason) bad.push({ line: i + 1, reason });
    else lines.push({ uid: uid!, number, ...(claimCode ? { claimCode } : {}) });
    seen.add(uid ?? '').add(`#${number}`);
  }
  if (bad.length) throw new AppError('INVALID_INPUT', `${bad.length} bad line(s) in the card batch, first: line ${bad[0]!.line}: ${bad[0]!.reason}`, { lines: bad.slice(0, 50) });
  if (!lines.length) throw new AppError('INVALID_INPUT', 'the card batch has no card');
  if (lines.length > maxCardsPerBatch) throw new AppError('INVALID_INPUT', `a batch has at most ${maxCardsPerBatch} cards`);
  return lines;
}

export async function importCardBatch(pass: PassService, issuerId: string, lines: BatchLine[]): Promise<BatchResult> {
  const result: BatchResult = { created: 0, existing: [] };
  for (const [i, line] of lines.entries()) {
    try {
      await pass.registerCard({ ...line, issuerId });
      result.created++;
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CARD_ALREADY_EXISTS') throw err;
      result.existing.push({ line: i + 1, number: line.number });
    }
  }
  return result;
}

/** What the printer puts on each card: number, claim code, and the QR code's link to claim it. */
export function printRows(cards: Card[], claimUrl: (card: Card) => string): string[][] {
  const rows = cards.filter((c) => c.claimCode && c.state === 'active' && !c.userId);
  return [['number', 'uid', 'claim_code', 'qr_url'], ...rows.map((c) => [c.number, c.uid, printedClaimCode(c.claimCode!), claimUrl(c)])];
}
