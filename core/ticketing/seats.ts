// Seat counters: the atomic step of booking, kept apart from its orchestration.
// Invariants: for every price, 0 <= sold <= quota; for every event, 0 <= sold <= capacity,
// however many bookings run at once on however many nodes. Each take is a guarded update
// (`{_id, sold: {$lte: limit - qty}}` with `$inc`), which the store applies atomically; no
// read-then-write decides anything. Seats of a booking are taken price by price, then for
// the event as a whole; when a later guard refuses, what the earlier ones took is given back
// (compensation), so a refused booking holds nothing. The limit read is part of the guard
// (`quota: q`), so an admin editing it meanwhile makes the update retry, never overshoot.
import { AppError } from '../shared/errors.js';
import type { Collection, Filter } from '../store/port.js';
import type { TicketedEvent, TicketPrice } from './types.js';

export interface SeatLine {
  priceId: string;
  qty: number;
}

const maxGuardRetries = 3;

export class Seats {
  constructor(
    private readonly events: Collection<TicketedEvent>,
    private readonly prices: Collection<TicketPrice>,
  ) {}

  /** Takes every line's seats and the event's, or nothing: SOLD_OUT names what ran out. */
  async take(eventId: string, lines: SeatLine[]): Promise<void> {
    const taken: SeatLine[] = [];
    try {
      for (const line of lines) {
        await this.takeAtPrice(eventId, line);
        taken.push(line);
      }
      await this.takeAtEvent(eventId, total(lines));
    } catch (err) {
      await this.releasePrices(taken);
      throw err;
    }
  }

  /** Gives seats back (a hold expired, a reservation was cancelled). */
  async release(eventId: string, lines: SeatLine[]): Promise<void> {
    await this.releasePrices(lines);
    await this.events.updateOne({ _id: eventId }, { $inc: { sold: -total(lines) } });
  }

  private async takeAtPrice(eventId: string, line: SeatLine): Promise<void> {
    for (let attempt = 0; attempt < maxGuardRetries; attempt++) {
      const price = await this.prices.findOne({ _id: line.priceId, eventId });
      if (!price || !price.active) throw new AppError('NOT_FOUND', 'this price is not on offer', { priceId: line.priceId });
      const guard: Filter = { _id: price._id, quota: price.quota, active: true };
      if (price.quota !== null) guard.sold = { $lte: price.quota - line.qty };
      const { matched } = await this.prices.updateOne(guard, { $inc: { sold: line.qty } });
      if (matched) return;
      const now = await this.prices.findOne({ _id: line.priceId });
      // Only a changed quota (or state) is worth another try; otherwise it is simply full.
      if (!now || now.quota === price.quota || !now.active) {
        throw new AppError('SOLD_OUT', `no seat left at “${price.name}”`, { priceId: price._id, remaining: remaining(now?.quota ?? price.quota, now?.sold ?? price.sold) });
      }
    }
    throw new AppError('CONFLICT', 'the price changed while booking: try again');
  }

  private async takeAtEvent(eventId: string, qty: number): Promise<void> {
    for (let attempt = 0; attempt < maxGuardRetries; attempt++) {
      const event = await this.events.findOne({ _id: eventId });
      if (!event) throw new AppError('NOT_FOUND', 'no such event');
      const { matched } = await this.events.updateOne({ _id: eventId, capacity: event.capacity, sold: { $lte: event.capacity - qty } }, { $inc: { sold: qty } });
      if (matched) return;
      const now = await this.events.findOne({ _id: eventId });
      if (!now || now.capacity === event.capacity) {
        throw new AppError('SOLD_OUT', 'this event is full', { eventId, remaining: remaining(now?.capacity ?? event.capacity, now?.sold ?? event.sold) });
      }
    }
    throw new AppError('CONFLICT', 'the event changed while booking: try again');
  }

  private async releasePrices(lines: SeatLine[]): Promise<void> {
    for (const line of lines) await this.prices.updateOne({ _id: line.priceId }, { $inc: { sold: -line.qty } });
  }
}

function total(lines: SeatLine[]): number {
  return lines.reduce((n, l) => n + l.qty, 0);
}

function remaining(limit: number | null, sold: number): number | null {
  return limit === null ? null : Math.max(0, limit - sold);
}
