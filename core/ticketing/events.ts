// Events and their prices, as a collective's admin edits them and the public reads them.
// Every look-up by id is scoped to a collective: another collective's event is NOT_FOUND.
// Seat counters (`sold`) are never written here except by guarded updates that keep them
// within capacity and quota (seats.ts); an edit cannot lower a capacity or quota below `sold`.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import type { Collection, Filter, Store } from '../store/port.js';
import { eventInputSchema, eventUpdateSchema, priceInputSchema, priceUpdateSchema, type EventInput, type EventUpdate, type PriceInput, type PriceUpdate } from './schemas.js';
import type { TicketedEvent, TicketPrice } from './types.js';

export const maxPricesPerEvent = 20;

export interface AgendaQuery {
  collectiveIds: string[];
  /** Events ending at or after this moment (default: now). */
  from?: number;
  to?: number;
  limit?: number;
}

export class EventService {
  readonly events: Collection<TicketedEvent>;
  readonly prices: Collection<TicketPrice>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.events = store.collection<TicketedEvent>('events');
    this.prices = store.collection<TicketPrice>('ticket_prices');
  }

  async start(): Promise<void> {
    await this.events.ensureIndexes([{ name: 'collective_starts', keys: { collectiveId: 1, startsAt: 1 } }]);
    await this.prices.ensureIndexes([{ name: 'event', keys: { eventId: 1 } }]);
  }

  async create(collectiveId: string, input: EventInput): Promise<TicketedEvent> {
    const data = eventInputSchema.parse(input);
    const now = this.clock.now();
    const event: TicketedEvent = { _id: newId('evt_'), collectiveId, ...data, sold: 0, createdAt: now, updatedAt: now };
    await this.events.insertOne(event);
    return event;
  }

  async update(collectiveId: string, eventId: string, patch: EventUpdate): Promise<TicketedEvent> {
    const changes = eventUpdateSchema.parse(patch);
    const event = await this.get(collectiveId, eventId);
    if ((changes.endsAt ?? event.endsAt) <= (changes.startsAt ?? event.startsAt)) {
      throw new AppError('INVALID_INPUT', 'the end must be after the start', { fields: { endsAt: 'must be after the start' } });
    }
    const guard: Filter = { _id: eventId, collectiveId };
    // A capacity below the seats already sold would oversell: the guard refuses it atomically.
    if (changes.capacity !== undefined) guard.sold = { $lte: changes.capacity };
    const { matched } = await this.events.updateOne(guard, { $set: { ...changes, updatedAt: this.clock.now() } });
    if (!matched) throw new AppError('CONFLICT', 'more seats are already sold or held than this capacity', { fields: { capacity: 'below the seats already sold' } });
    return this.get(collectiveId, eventId);
  }

  /** Deletes an event nobody booked; one with reservations is unpublished instead (CONFLICT). */
  async remove(collectiveId: string, eventId: string): Promise<void> {
    const { deleted } = await this.events.deleteOne({ _id: eventId, collectiveId, sold: 0 });
    if (!deleted) {
      await this.get(collectiveId, eventId);
      throw new AppError('CONFLICT', 'this event has bookings: unpublish it or cancel its reservations first');
    }
    await this.prices.deleteMany({ eventId });
  }

  async find(collectiveId: string, eventId: string): Promise<TicketedEvent | null> {
    return this.events.findOne({ _id: eventId, collectiveId });
  }

  async get(collectiveId: string, eventId: string): Promise<TicketedEvent> {
    const event = await this.find(collectiveId, eventId);
    if (!event) throw new AppError('NOT_FOUND', 'no such event');
    return event;
  }

  /** Any collective's event (tickets, fulfilment, door check read it by id). */
  async byId(eventId: string): Promise<TicketedEvent | null> {
    return this.events.findOne({ _id: eventId });
  }

  /** An admin's list: all events of the collective, latest first. */
  async listForAdmin(collectiveId: string, limit: number = limits.pageSize): Promise<TicketedEvent[]> {
    return this.events.find({ collectiveId }, { sort: { startsAt: -1 }, limit: Math.min(limit, limits.pageSize) });
  }

  /** The public agenda: published events not yet over, soonest first. */
  async agenda(query: AgendaQuery): Promise<TicketedEvent[]> {
    if (!query.collectiveIds.length) return [];
    const filter: Filter = { collectiveId: { $in: query.collectiveIds }, published: true, endsAt: { $gte: query.from ?? this.clock.now() } };
    if (query.to !== undefined) filter.startsAt = { $lt: query.to };
    return this.events.find(filter, { sort: { startsAt: 1 }, limit: Math.min(query.limit ?? limits.pageSize, limits.pageSize) });
  }

  // --- prices

  async addPrice(collectiveId: string, eventId: string, input: PriceInput): Promise<TicketPrice> {
    const data = priceInputSchema.parse(input);
    await this.get(collectiveId, eventId);
    const existing = await this.prices.count({ eventId });
    if (existing >= maxPricesPerEvent) throw new AppError('CONFLICT', `an event has at most ${maxPricesPerEvent} prices`);
    const price: TicketPrice = { _id: newId('prc_'), eventId, collectiveId, ...data, sold: 0, order: existing, createdAt: this.clock.now() };
    await this.prices.insertOne(price);
    return price;
  }

  async updatePrice(collectiveId: string, eventId: string, priceId: string, patch: PriceUpdate): Promise<TicketPrice> {
    const changes = priceUpdateSchema.parse(patch);
    await this.getPrice(collectiveId, eventId, priceId);
    const guard: Filter = { _id: priceId, eventId, collectiveId };
    if (changes.quota !== undefined && changes.quota !== null) guard.sold = { $lte: changes.quota };
    const { matched } = await this.prices.updateOne(guard, { $set: changes });
    if (!matched) throw new AppError('CONFLICT', 'more seats are already sold at this price than this quota', { fields: { quota: 'below the seats already sold' } });
    return this.getPrice(collectiveId, eventId, priceId);
  }

  /** Deletes a price never sold; a sold one is archived (no longer offered) instead. */
  async removePrice(collectiveId: string, eventId: string, priceId: string): Promise<{ archived: boolean }> {
    const { deleted } = await this.prices.deleteOne({ _id: priceId, eventId, collectiveId, sold: 0 });
    if (deleted) return { archived: false };
    await this.getPrice(collectiveId, eventId, priceId);
    await this.prices.updateOne({ _id: priceId }, { $set: { active: false } });
    return { archived: true };
  }

  async getPrice(collectiveId: string, eventId: string, priceId: string): Promise<TicketPrice> {
    const price = await this.prices.findOne({ _id: priceId, eventId, collectiveId });
    if (!price) throw new AppError('NOT_FOUND', 'no such price');
    return price;
  }

  /** Prices of events, in the order the admin made them; archived ones only when asked. */
  async pricesOf(eventIds: string[], options: { includeArchived?: boolean } = {}): Promise<TicketPrice[]> {
    if (!eventIds.length) return [];
    const filter: Filter = { eventId: { $in: eventIds } };
    if (!options.includeArchived) filter.active = true;
    const rows = await this.prices.find(filter, { limit: eventIds.length * maxPricesPerEvent });
    return rows.sort((a, b) => a.order - b.order);
  }
}

/** Seats still on offer at a price: the lower of the event's and the price's remainder. */
export function remainingAt(event: Pick<TicketedEvent, 'capacity' | 'sold'>, price: Pick<TicketPrice, 'quota' | 'sold'>): number {
  const ofEvent = Math.max(0, event.capacity - event.sold);
  return price.quota === null ? ofEvent : Math.min(ofEvent, Math.max(0, price.quota - price.sold));
}
