// Settlement periods: half-open [from, to) in UTC. The default period is one UTC day, keyed
// YYYY-MM-DD, so the statement id `<village>:<day>` is the same on every node and every run.
import { AppError } from '../shared/errors.js';

export interface Period {
  key: string;
  from: number;
  to: number;
}

const dayMs = 86_400_000;

export function dailyPeriod(key: string): Period {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  const from = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || new Date(from).toISOString().slice(0, 10) !== key) throw new AppError('INVALID_INPUT', `not a day: ${key} (YYYY-MM-DD)`);
  return { key, from, to: from + dayMs };
}

/** The last UTC day fully over at `nowMs`. */
export function previousDayKey(nowMs: number): string {
  return new Date(Math.floor(nowMs / dayMs) * dayMs - dayMs).toISOString().slice(0, 10);
}
