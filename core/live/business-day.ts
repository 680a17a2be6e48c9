// The business day of a collective: a night that runs past midnight is one day. It starts at the
// collective's cut-off (local time, 04:00 by default, as TiBillet pivots) and ends at the next
// one; Z tickets, the nightly closing, revenue per day and the live board all use it.
import { localDay, startOfLocalDay } from './local-time.js';

/** 04:00: bars close late; what is sold at 02:00 belongs to the evening before. */
export const defaultDayCutoffMinutes = 4 * 60;
const minuteMs = 60_000;

export interface DayCalendar {
  timezone: string;
  /** Minutes after local midnight at which a business day starts (0..719). */
  cutoffMinutes: number;
}

/** The business day (YYYY-MM-DD, the date it started) an instant belongs to. */
export function businessDayOf(atMs: number, timezone: string, cutoffMinutes = defaultDayCutoffMinutes): string {
  return localDay(startOfBusinessDay(atMs, timezone, cutoffMinutes), timezone);
}

/** The instant the business day containing `atMs` started (the last cut-off at or before it). */
export function startOfBusinessDay(atMs: number, timezone: string, cutoffMinutes = defaultDayCutoffMinutes): number {
  const today = cutoffOfLocalDay(startOfLocalDay(atMs, timezone), timezone, cutoffMinutes);
  if (today <= atMs) return today;
  // Before today's cut-off: the day started at yesterday's (a DST day is 23 or 25 h: ask the calendar).
  return cutoffOfLocalDay(startOfLocalDay(startOfLocalDay(atMs, timezone) - 1, timezone), timezone, cutoffMinutes);
}

/** The instant the next business day starts. */
export function startOfNextBusinessDay(atMs: number, timezone: string, cutoffMinutes = defaultDayCutoffMinutes): number {
  const start = startOfBusinessDay(atMs, timezone, cutoffMinutes);
  return startOfBusinessDay(start + 36 * 3_600_000, timezone, cutoffMinutes);
}

/** The cut-off instant of the local day that started at `midnightMs`, corrected when a DST change falls before it. */
function cutoffOfLocalDay(midnightMs: number, timezone: string, cutoffMinutes: number): number {
  const guess = midnightMs + cutoffMinutes * minuteMs;
  const drift = guess - startOfLocalDay(guess, timezone) - cutoffMinutes * minuteMs;
  return guess - drift;
}
