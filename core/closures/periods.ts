// The bounds of a closure period in the collective's local time: a calendar month, or a fiscal
// year starting on the first of a given month. Days are compared as "YYYY-MM-DD" strings.
import { startOfLocalDay } from '../live/index.js';
import { AppError } from '../shared/errors.js';
import type { ClosureKind } from './types.js';

export interface PeriodBounds {
  firstDay: string;
  /** The first day after the period. */
  nextDay: string;
  from: number;
  to: number;
}

export function periodBounds(kind: ClosureKind, period: string, timezone: string, fiscalYearStartMonth = 1): PeriodBounds {
  let year: number;
  let month: number;
  let months: number;
  if (kind === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(period);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new AppError('INVALID_INPUT', 'a month is YYYY-MM');
    [year, month, months] = [Number(m[1]), Number(m[2]), 1];
  } else {
    if (!/^\d{4}$/.test(period)) throw new AppError('INVALID_INPUT', 'a fiscal year is the year it starts in, YYYY');
    [year, month, months] = [Number(period), fiscalYearStartMonth, 12];
  }
  const next = new Date(Date.UTC(year, month - 1 + months, 1));
  const firstDay = dayString(year, month);
  const nextDay = dayString(next.getUTCFullYear(), next.getUTCMonth() + 1);
  return { firstDay, nextDay, from: localMidnight(firstDay, timezone), to: localMidnight(nextDay, timezone) };
}

/** The month and fiscal year that ended last, as of a local day. */
export function lastEnded(kind: ClosureKind, today: string, fiscalYearStartMonth = 1): string {
  const [y, m] = today.split('-').map(Number);
  if (kind === 'month') return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const startYear = m >= fiscalYearStartMonth ? y : y - 1; // the fiscal year running today
  return String(startYear - 1);
}

/** Months (YYYY-MM) of a fiscal year. */
export function monthsOf(bounds: PeriodBounds): string[] {
  const out: string[] = [];
  let [y, m] = bounds.firstDay.split('-').map(Number);
  while (dayString(y, m) < bounds.nextDay) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

function dayString(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

function localMidnight(day: string, timezone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return startOfLocalDay(Date.UTC(y, m - 1, d, 12), timezone);
}
