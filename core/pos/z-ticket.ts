// The Z ticket: the day's sales summary a French cash register must produce (inalterability:
// each Z is hash-chained to the previous one; conservation: stored immutable; archiving:
// exportable and verifiable offline). Totals: z-totals.ts.
import { businessDayOf, defaultDayCutoffMinutes } from '../live/business-day.js';
import { chainHash } from '../shared/canonical.js';
import { genesisHash } from '../money/ledger-row.js';
import type { RegisterSession, ZTicket } from './records.js';

export function sealZ(body: Omit<ZTicket, 'hash' | 'prevHash'>, previous: ZTicket | null): ZTicket {
  const prevHash = previous?.hash ?? genesisHash;
  const withPrev = { ...body, prevHash };
  return { ...withPrev, hash: chainHash(prevHash, withPrev) };
}

/** Checks an exported chain of Z tickets offline: numbering, links and content hashes. */
export function verifyZChain(tickets: ZTicket[]): { ok: boolean; errors: string[] } {
  const errors: string[] = [];
  let prev = genesisHash;
  const sorted = [...tickets].sort((a, b) => a.number - b.number);
  sorted.forEach((z, i) => {
    if (z.number !== i + 1) errors.push(`Z ${z.number}: expected number ${i + 1}`);
    if (z.prevHash !== prev) errors.push(`Z ${z.number}: previous hash does not match`);
    const { hash, ...body } = z;
    if (chainHash(z.prevHash, body) !== hash) errors.push(`Z ${z.number}: content was altered`);
    prev = z.hash;
  });
  return { ok: errors.length === 0, errors };
}

/** The business day of an instant: from the collective's cut-off (04:00 by default) to the next (core/live/business-day.ts). */
export function businessDay(atMs: number, timeZone: string, cutoffMinutes = defaultDayCutoffMinutes): string {
  return businessDayOf(atMs, timeZone, cutoffMinutes);
}

export function sessionSummary(s: RegisterSession): ZTicket['sessions'][number] {
  return {
    _id: s._id, openedAt: s.openedAt, openedBy: s.openedBy, openedByName: s.openedByName, openedOn: s.openedOn, floatCarried: s.floatCarried,
    closedAt: s.closedAt, float: s.float, expectedCash: s.expectedCash, countedCash: s.countedCash, difference: s.difference,
  };
}
