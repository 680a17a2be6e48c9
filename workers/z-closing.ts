// Nightly Z closing: every register left open before the collective's closing hour (local
// time) is closed and its day's Z ticket written, with the same code as a manual close.
// Idempotent per session: the job names the session it closes, a session is closed (and its Z
// written) once, so a rerun, or two runs at once, find nothing left and write no second Z.
import type { Clock } from '../core/clock/port.js';
import { defaultDayCutoffMinutes, startOfBusinessDay } from '../core/live/business-day.js';
import type { PosService } from '../core/pos/service.js';
import { isAppError } from '../core/shared/errors.js';
import { logger } from '../core/shared/logger.js';

export interface ClosingCollective {
  id: string;
  timezone: string;
  /** Minutes after local midnight at which the business day ends (its cut-off); 04:00 by default (bars close late). */
  cutoffMinutes?: number;
}

export interface ZClosingDeps {
  pos: PosService;
  clock: Clock;
  collectives(): Promise<ClosingCollective[]>;
}

export const zClosingQueue = 'z-closing';

/** The last instant a business day ended for this collective, at or before now. */
export function lastCutoff(nowMs: number, timezone: string, cutoffMinutes = defaultDayCutoffMinutes): number {
  return startOfBusinessDay(nowMs, timezone, cutoffMinutes);
}

export async function closeForgottenRegisters(deps: ZClosingDeps): Promise<Array<{ posId: string; zNumber: number | null }>> {
  const closed: Array<{ posId: string; zNumber: number | null }> = [];
  for (const collective of await deps.collectives()) {
    const cutoff = lastCutoff(deps.clock.now(), collective.timezone, collective.cutoffMinutes);
    const open = (await deps.pos.openSessions(collective.id)).filter((s) => s.openedAt < cutoff);
    for (const { posId, _id: sessionId } of open) {
      try {
        const { z } = await deps.pos.closeRegister(posId, { by: 'nightly-z', byName: 'Clôture automatique', sessionId });
        closed.push({ posId, zNumber: z?.number ?? null });
      } catch (err) {
        if (isAppError(err) && err.code === 'REGISTER_CLOSED') continue; // closed meanwhile by hand
        logger.error({ err, posId }, 'nightly Z failed');
        throw err; // the job retries; what was closed stays closed
      }
    }
  }
  return closed;
}
