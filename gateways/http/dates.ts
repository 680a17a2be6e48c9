// Dates in queries and bodies: a day (YYYY-MM-DD) must exist. `Date.parse` rolls 2026-02-31
// over to March and answers NaN for month 13, and either way a report came back empty or for
// other days with 200; here an impossible date is a 400 naming the field.
import { z } from 'zod';

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})/;

/** True when `text` starts with a real calendar day (or has no YYYY-MM-DD part at all). */
export function hasRealDay(text: string): boolean {
  const m = dayPattern.exec(text);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar day YYYY-MM-DD that exists. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD')
  .refine(hasRealDay, 'no such day');
