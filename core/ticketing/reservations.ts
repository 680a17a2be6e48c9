// The reservation book: where reservations are stored and how they move between states.
// Every move is a compare-and-set on the current state (`{_id, state: from}`), so two workers
// (a payment arriving as a hold expires, an admin cancelling as the payment lands) never both
// win; the loser re-reads and acts on what happened. Seats are released only by the one move
// that ends a hold (pending -> expired | cancelled, confirmed -> cancelled), so exactly once.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import type { Collection, Filter, Store } from '../store/port.js';
import type { Seats } from './seats.js';
import type { Reservation, ReservationState } from './types.js';

export interface ReservationQuery {
  eventId?: string;
  state?: ReservationState;
  limit?: number;
}

export class ReservationBook {
  readonly docs: Collection<Reservation>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly seats: Seats,
  ) {
    this.docs = store.collection<Reservation>('reservations');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([
      { name: 'request_unique', keys: { requestId: 1 }, unique: true },
      { name: 'collective_event', keys: { collectiveId: 1, eventId: 1 } },
      { name: 'state_hold', keys: { state: 1, holdUntil: 1 } },
      { name: 'user', keys: { userId: 1 } },
      { name: 'basket', keys: { basketId: 1 } },
    ]);
  }

  find(id: string): Promise<Reservation | null> {
    return this.docs.findOne({ _id: id });
  }

  async get(id: string): Promise<Reservation> {
    const found = await this.find(id);
    if (!found) throw new AppError('NOT_FOUND', 'no such reservation');
    return found;
  }

  /** A collective's reservation; another collective's is NOT_FOUND. */
  async getIn(collectiveId: string, id: string): Promise<Reservation> {
    const found = await this.docs.findOne({ _id: id, collectiveId });
    if (!found) throw new AppError('NOT_FOUND', 'no such reservation');
    return found;
  }

  byRequest(requestId: string): Promise<Reservation | null> {
    return this.docs.findOne({ requestId });
  }

  list(collectiveId: string, query: ReservationQuery = {}): Promise<Reservation[]> {
    const filter: Filter = { collectiveId };
    if (query.eventId) filter.eventId = query.eventId;
    if (query.state) filter.state = query.state;
    return this.docs.find(filter, { sort: { createdAt: -1 }, limit: Math.min(query.limit ?? limits.pageSize, limits.pageSize) });
  }

  ofUser(userId: string): Promise<Reservation[]> {
    return this.docs.find({ userId }, { sort: { createdAt: -1 }, limit: limits.pageSize });
  }

  ofBasket(basketId: string): Promise<Reservation[]> {
    return this.docs.find({ basketId }, { limit: 50 });
  }

  /** Compare-and-set from `from`; the reservation as it is now, and whether this call moved it. */
  async move(id: string, from: ReservationState, set: Partial<Reservation>): Promise<{ moved: boolean; reservation: Reservation }> {
    const { matched } = await this.docs.updateOne({ _id: id, state: from }, { $set: set });
    return { moved: matched > 0, reservation: await this.get(id) };
  }

  async update(id: string, set: Partial<Reservation>): Promise<void> {
    await this.docs.updateOne({ _id: id }, { $set: set });
  }

  /** Ends a hold: pending -> expired, seats back on offer. True when this call did it. */
  async expire(reservation: Reservation): Promise<boolean> {
    const { moved } = await this.move(reservation._id, 'pending', { state: 'expired' });
    if (moved) await this.seats.release(reservation.eventId, reservation.lines);
    return moved;
  }

  /** Expires every hold past its time (of one event, or all): seats come back before a booking looks. */
  async expireHolds(eventId?: string): Promise<number> {
    const filter: Filter = { state: 'pending', holdUntil: { $lt: this.clock.now() } };
    if (eventId) filter.eventId = eventId;
    const due = await this.docs.find(filter, { limit: limits.pageSize });
    let expired = 0;
    for (const r of due) if (await this.expire(r)) expired++;
    return expired;
  }
}
