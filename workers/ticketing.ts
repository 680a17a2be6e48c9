// The periodic `ticketing` job: seats held for a payment that never came go back on offer.
// A booking of the same event also expires that event's holds before it looks
// (core/ticketing/booking.ts), but an event nobody books would otherwise show itself full
// until then: this job frees every expired hold, whichever the event, every minute.
// Idempotent and safe on several nodes at once: each hold ends by one compare-and-set move
// (pending -> expired) that alone releases its seats (core/ticketing/reservations.ts).
import type { Jobs } from '../core/jobs/port.js';
import { logger } from '../core/shared/logger.js';
import type { ReservationBook } from '../core/ticketing/reservations.js';

export const ticketingQueue = 'ticketing';
export const holdReleaseEveryMs = 60_000;
/** Rounds of one page each per run: a backlog beyond them waits for the next minute. */
const maxRoundsPerRun = 20;

/** Expires every hold past its time, page by page; how many this run ended. */
export async function releaseExpiredHolds(reservations: Pick<ReservationBook, 'expireHolds'>): Promise<{ released: number }> {
  let released = 0;
  for (let round = 0; round < maxRoundsPerRun; round++) {
    const expired = await reservations.expireHolds();
    released += expired;
    if (expired === 0) break;
  }
  if (released) logger.info({ released }, 'expired seat holds released');
  return { released };
}

/** Consumes the `ticketing` queue and declares its run every minute (one schedule however many nodes). */
export async function startHoldRelease(jobs: Jobs, reservations: Pick<ReservationBook, 'expireHolds'>, everyMs = holdReleaseEveryMs): Promise<void> {
  await jobs.work(ticketingQueue, () => releaseExpiredHolds(reservations), { concurrency: 1 });
  await jobs.repeat(ticketingQueue, 'release-holds', {}, { everyMs, key: 'ticketing:release-holds' });
}
