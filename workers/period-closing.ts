// Monthly and annual closures by the nightly job: once a collective's month (or fiscal year) has
// ended in its time zone, it is closed with the same code as a closure made by hand. Idempotent:
// a closed period is returned as it is, so reruns write nothing. A period that cannot be closed
// yet (a register opened in it still open) is left for the next run.
import type { Clock } from '../core/clock/port.js';
import { lastEnded, type ClosureKind, type ClosureService } from '../core/closures/index.js';
import { localDay } from '../core/live/index.js';
import { isAppError } from '../core/shared/errors.js';
import { logger } from '../core/shared/logger.js';

export interface PeriodClosingDeps {
  closures: ClosureService;
  clock: Clock;
  collectives(): Promise<Array<{ id: string; timezone: string; fiscalYearStartMonth?: number }>>;
}

export async function closeEndedPeriods(deps: PeriodClosingDeps): Promise<Array<{ collectiveId: string; kind: ClosureKind; period: string }>> {
  const made: Array<{ collectiveId: string; kind: ClosureKind; period: string }> = [];
  for (const c of await deps.collectives()) {
    const today = localDay(deps.clock.now(), c.timezone);
    for (const kind of ['month', 'year'] as const) {
      const period = lastEnded(kind, today, c.fiscalYearStartMonth);
      try {
        const { created } = await deps.closures.close(c.id, kind, period, 'nightly-closure');
        if (created) made.push({ collectiveId: c.id, kind, period });
      } catch (err) {
        if (isAppError(err) && err.code === 'CONFLICT') {
          logger.warn({ collectiveId: c.id, kind, period, reason: err.message }, 'period closure postponed');
          continue;
        }
        throw err;
      }
    }
  }
  return made;
}
