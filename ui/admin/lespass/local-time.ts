// <input type="datetime-local"> speaks a wall-clock time without a zone ("2026-07-14T20:30");
// the API speaks epoch milliseconds. These convert between the two in the collective's zone
// (time-zone.ts), not the browser's: the admin types the hour the public site will show.
import { instantOf, wallClock } from '../time-zone.js';

/** Epoch ms → "YYYY-MM-DDTHH:mm" in the collective's time. */
export function toLocalInput(ms: number, timeZone?: string): string {
  const w = wallClock(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** "YYYY-MM-DDTHH:mm" (the collective's time) → epoch ms, or null when it is not such a value. */
export function fromLocalInput(value: string, timeZone?: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  // 31 February is not a real date (Date.UTC would roll it into March).
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return instantOf({ year, month, day, hour, minute }, timeZone);
}
