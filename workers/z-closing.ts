// Nightly Z closing: every register left open before the collective's closing hour (local
// time) is closed and its day's Z ticket written, with the same code as a manual close.
// Idempotent per session: the job names the session it closes, a session is closed (and its Z
// written) once, so a rerun, or two runs at once, find nothing left and write no second Z.
import type { Clock } from '../core/clock/port.js';
import { startOfLocalDay } from '../core/live/local-time.js';
import type { PosService } from '../core/pos/service.js';
import { isAppError } from '../core/shared/errors.js';
import { logger } from '../core/shared/logger.js';

export interface ClosingCollective {
  id: string;
  timezone: string;
  /** Local hour (0..23) at which the business day ends; 4 by default (bars close late). */
  closingHour?: number;
}

export interface ZClosingDeps {
  pos: PosService;
  clock: Clock;
  collectives(): Promise<ClosingCollective[]>;
}

export const zClosingQueue = 'z-closing';
const hourMs = 3_600_000;

/** The last instant a business day ended for this collective, at or before now. */
export function lastCutoff(nowMs: number, timezone: string, closingHour = 4): number {
  const today = startOfLocalDay(nowMs, timezone) + closingHour * hourMs;
  return today <= nowMs ? today : today - 24 * hourMs;
}

export async function closeForgottenRegisters(deps: ZClosingDeps): Promise<Array<{ posId: string; zNumber: number | null }>> {
  const closed: Array<{ posId: string; zNumber: number | null }> = [];
  for (const collective of await deps.collectives()) {
    const cutoff = lastCutoff(deps.clock.now(), collective.timezone, collective.closingHour);
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
