// What happens to a reservation once money is involved: a payment confirms it (or, when it
// arrives too late for any seat, is refunded), an admin's cancel releases its seats and
// refunds what was paid. Invariants: a payment confirms at most one reservation state change
// (compare-and-set moves, reservations.ts); tickets are issued only for a confirmed
// reservation; a refund is first recorded as due, then asked of the provider with an
// idempotency key per reservation, so a crash in between is repaired by retrying, never paid
// twice; seats are released exactly once, by the move that ends the hold.
import type { Clock } from '../clock/port.js';
import { AppError, isAppError } from '../shared/errors.js';
import type { PaymentDeps } from './booking.js';
import type { ReservationBook } from './reservations.js';
import type { Seats } from './seats.js';
import type { TicketBook } from './tickets.js';
import type { Reservation, Ticket } from './types.js';

export interface PaymentReceived {
  sessionId: string;
  paymentIntentId?: string;
  /** What was paid for this reservation, in cents: must equal its total. */
  amount: number;
}

export interface FulfilmentOutcome {
  reservationId: string;
  state: Reservation['state'];
  tickets: string[];
  refunded?: number;
}

const maxMoves = 4;

export class ReservationPayments {
  constructor(
    private readonly deps: { clock: Clock; book: ReservationBook; seats: Seats; tickets: TicketBook; payments: PaymentDeps },
  ) {}

  /** A paid checkout delivers: confirm and ticket, or refund when no seat is left. Idempotent. */
  async fulfil(reservationId: string, payment: PaymentReceived): Promise<FulfilmentOutcome> {
    const { book } = this.deps;
    for (let i = 0; i < maxMoves; i++) {
      const r = await book.get(reservationId);
      if (payment.amount !== r.total) {
        throw new AppError('CONFLICT', `paid ${payment.amount} cents for a reservation of ${r.total}`, { reason: 'AMOUNT_MISMATCH' });
      }
      const paid = { paidAt: this.deps.clock.now(), paidAmount: payment.amount, checkoutSessionId: payment.sessionId, ...(payment.paymentIntentId ? { paymentIntentId: payment.paymentIntentId } : {}) };
      switch (r.state) {
        case 'confirmed':
          return outcome(r, await this.deps.tickets.issue(r));
        case 'pending':
          await book.move(r._id, 'pending', { ...paid, state: 'confirmed', confirmedAt: paid.paidAt, holdUntil: null });
          break;
        case 'expired':
          await this.confirmLate(r, paid);
          break;
        case 'cancelled':
        case 'refunded': {
          // Cancelled before the money arrived: it goes back. A payment already recorded here
          // (a replayed fulfilment) is not refunded again, nor one an admin chose to keep.
          if (r.paidAt === undefined) await book.docs.updateOne({ _id: r._id, state: r.state, paidAt: { $exists: false } }, { $set: { ...paid, refund: this.due(payment.amount) } });
          const after = await this.requestRefund(await book.get(r._id));
          return { ...outcome(after, []), refunded: after.refund?.amount ?? 0 };
        }
      }
    }
    throw new AppError('CONFLICT', 'the reservation keeps changing: retry later');
  }

  /** Admin cancel: releases seats, cancels tickets, refunds what was paid (unless told not to). Idempotent. */
  async cancel(collectiveId: string, reservationId: string, options: { refund?: boolean } = {}): Promise<Reservation> {
    const { book, seats, tickets, clock } = this.deps;
    for (let i = 0; i < maxMoves; i++) {
      const r = await book.getIn(collectiveId, reservationId);
      const now = clock.now();
      if (r.state === 'cancelled' || r.state === 'refunded') return this.requestRefund(r); // a refund left due is retried
      const refundDue = r.state === 'confirmed' && options.refund !== false && (r.paidAmount ?? 0) > 0;
      const set: Partial<Reservation> = { state: 'cancelled', cancelledAt: now, holdUntil: null, ...(refundDue ? { refund: this.due(r.paidAmount!) } : {}) };
      const { moved, reservation } = await book.move(r._id, r.state, set);
      if (!moved) continue;
      // An expired hold already gave its seats back.
      if (r.state !== 'expired') await seats.release(r.eventId, r.lines);
      await tickets.cancelOfReservation(r._id);
      return this.requestRefund(reservation);
    }
    throw new AppError('CONFLICT', 'the reservation keeps changing: retry');
  }

  /** Asks the provider for a refund recorded as due; no-op otherwise. */
  async requestRefund(r: Reservation): Promise<Reservation> {
    if (!r.refund || r.refund.state !== 'due') return r;
    const { provider, checkouts } = this.deps.payments;
    const paymentIntentId = r.paymentIntentId ?? (r.checkoutSessionId ? (await checkouts.get(r.checkoutSessionId))?.paymentIntentId : undefined);
    if (!paymentIntentId) throw new AppError('UNAVAILABLE', 'the payment of this reservation is not known yet: retry later');
    let refundId: string;
    try {
      ({ refundId } = await provider.refund(paymentIntentId, r.refund.amount, { idempotencyKey: `refund:${r._id}` }));
    } catch (err) {
      // Kept due: cancelling again (or the payment job's retry) asks again with the same key.
      if (isAppError(err)) throw new AppError(err.code, `refund not done yet: ${err.message}`, { ...err.details, refundDue: r.refund.amount });
      throw err;
    }
    await this.deps.book.update(r._id, { refund: { ...r.refund, state: 'requested', refundId } });
    return this.deps.book.get(r._id);
  }

  /** Paid after its hold expired: retake the seats if any are left, else refund. */
  private async confirmLate(r: Reservation, paid: Partial<Reservation>): Promise<void> {
    const { book, seats } = this.deps;
    try {
      await seats.take(r.eventId, r.lines);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'SOLD_OUT') throw err;
      await book.move(r._id, 'expired', { ...paid, state: 'refunded', refund: this.due(r.total) });
      return;
    }
    const { moved } = await book.move(r._id, 'expired', { ...paid, state: 'confirmed', confirmedAt: paid.paidAt, holdUntil: null });
    if (!moved) await seats.release(r.eventId, r.lines); // someone else moved it: give back what this call took
  }

  private due(amount: number): Reservation['refund'] {
    return { amount, state: 'due', at: this.deps.clock.now() };
  }
}

function outcome(r: Reservation, tickets: Ticket[]): FulfilmentOutcome {
  return { reservationId: r._id, state: r.state, tickets: tickets.map((t) => t._id) };
}
