// Tickets: one per seat of a confirmed reservation, each with a signed code (the QR), mailed
// once, and checked at the door once.
// Invariants: issuing is idempotent (ticket ids derive from the reservation, so a retried
// fulfilment inserts only what is missing and mails nothing twice: job id `ticket:<id>`);
// a code is trusted only if its signature verifies (offline, no store needed to refuse a
// forgery); a ticket goes valid -> used once, by a guarded update, so of two scans at two
// doors exactly one lets the person in.
import type { Clock } from '../clock/port.js';
import type { Jobs } from '../jobs/port.js';
import { enqueueTicketMail } from '../lespass/mail-jobs.js';
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import type { Collection, Store } from '../store/port.js';
import type { EventService } from './events.js';
import { normaliseShortCode, shortCodeOf } from './short-code.js';
import { signTicketCode, verifyTicketCode } from './ticket-code.js';
import type { Reservation, Ticket, TicketedEvent } from './types.js';

export interface TicketDeps {
  clock: Clock;
  jobs: Jobs;
  events: EventService;
  /** Signs and verifies codes; the email worker must sign with the same secret. */
  secret: string;
  /** The buyer's Pass wallet if they have a linked card, else null. */
  walletOfUser(userId: string): Promise<string | null>;
  /** Name and time zone of a collective, for the mail. */
  /** `colour` and `logoUrl`: the collective's look on its mails and PDF tickets. */
  collectiveOf(collectiveId: string): Promise<{ name: string; timezone: string; colour?: string; logoUrl?: string | null; lang?: 'fr' | 'en' }>;
}

export interface CheckedIn {
  ticket: Ticket;
  event: Pick<TicketedEvent, '_id' | 'title' | 'startsAt'>;
}

/** A ticket and its event as a Pass tap shows them (terminal, display). */
export interface TicketRight {
  ticketId: string;
  eventId: string;
  eventTitle: string;
  startsAt: number;
  priceName: string;
}

export class TicketBook {
  readonly docs: Collection<Ticket>;

  constructor(
    store: Store,
    private readonly deps: TicketDeps,
  ) {
    this.docs = store.collection<Ticket>('tickets');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([
      { name: 'reservation', keys: { reservationId: 1 } },
      { name: 'user', keys: { userId: 1 } },
      { name: 'wallet', keys: { walletId: 1 } },
      { name: 'event', keys: { eventId: 1 } },
      { name: 'short-code', keys: { shortCode: 1 } },
    ]);
  }

  /** The tickets of a confirmed reservation, created if missing, each mailed once. */
  async issue(reservation: Reservation): Promise<Ticket[]> {
    const now = this.deps.clock.now();
    const walletId = await this.deps.walletOfUser(reservation.userId);
    const drafts: Ticket[] = [];
    for (const line of reservation.lines) {
      for (let i = 0; i < line.qty; i++) {
        const _id = ticketIdOf(reservation._id, drafts.length + 1);
        drafts.push({
          _id,
          reservationId: reservation._id,
          eventId: reservation.eventId,
          collectiveId: reservation.collectiveId,
          priceId: line.priceId,
          priceName: line.name,
          amount: line.amount,
          userId: reservation.userId,
          email: reservation.email,
          holder: reservation.holder,
          walletId,
          state: 'valid',
          code: signTicketCode({ ticketId: _id, eventId: reservation.eventId }, this.deps.secret),
          shortCode: shortCodeOf(_id, this.deps.secret),
          createdAt: now,
        });
      }
    }
    await this.docs.insertMany(drafts); // unordered: tickets issued by an earlier run stay as they are
    const tickets = await this.ofReservation(reservation._id);
    await this.mail(tickets.filter((t) => t.state === 'valid'));
    return tickets;
  }

  /**
   * The door: verifies the code's signature first (a forgery is refused without any look-up),
   * then lets the ticket in once. INVALID_INPUT (reason TICKET_INVALID) for a forged or altered
   * code, ALREADY_USED for a second scan, CONFLICT (TICKET_CANCELLED) for a cancelled ticket.
   */
  async checkIn(collectiveId: string, code: string, eventId?: string): Promise<CheckedIn> {
    const payload = verifyTicketCode(code, this.deps.secret);
    if (!payload) throw new AppError('INVALID_INPUT', 'this is not a genuine ticket', { reason: 'TICKET_INVALID', fields: { code: 'not a genuine ticket' } });
    const ticket = await this.docs.findOne({ _id: payload.ticketId });
    // Another collective's ticket is as unknown here as a missing one.
    if (!ticket || ticket.collectiveId !== collectiveId || ticket.eventId !== payload.eventId) throw new AppError('NOT_FOUND', 'no such ticket for this collective');
    if (eventId && ticket.eventId !== eventId) throw new AppError('INVALID_INPUT', 'this ticket is for another event', { reason: 'WRONG_EVENT', eventId: ticket.eventId });
    const now = this.deps.clock.now();
    const { matched } = await this.docs.updateOne({ _id: ticket._id, state: 'valid' }, { $set: { state: 'used', usedAt: now } });
    const after = (await this.docs.findOne({ _id: ticket._id }))!;
    if (!matched) {
      if (after.state === 'used') throw new AppError('ALREADY_USED', 'this ticket was already scanned', { usedAt: after.usedAt, holder: after.holder });
      throw new AppError('CONFLICT', 'this ticket was cancelled', { reason: 'TICKET_CANCELLED' });
    }
    const event = await this.deps.events.byId(ticket.eventId);
    return { ticket: after, event: { _id: ticket.eventId, title: event?.title ?? '', startsAt: event?.startsAt ?? 0 } };
  }

  /**
   * The ticket a scanned QR or a typed short code names, within a collective, or null. A QR is
   * trusted only if its signature verifies; a short code is only a look-up key.
   */
  async byCode(collectiveId: string, code: string): Promise<Ticket | null> {
    const trimmed = code.trim();
    const payload = trimmed.startsWith('T1.') ? verifyTicketCode(trimmed, this.deps.secret) : null;
    const short = payload ? null : normaliseShortCode(trimmed);
    if (!payload && !short) return null;
    const ticket = payload ? await this.docs.findOne({ _id: payload.ticketId }) : await this.docs.findOne({ shortCode: short! });
    if (!ticket || ticket.collectiveId !== collectiveId || (payload && ticket.eventId !== payload.eventId)) return null;
    return ticket;
  }

  /** The short code of a ticket (stored since issue; derived for tickets issued before short codes). */
  shortCodeOf(ticket: Ticket): string {
    return ticket.shortCode ?? shortCodeOf(ticket._id, this.deps.secret);
  }

  /** Cancels the still-valid tickets of a reservation (a used ticket stays used: the person came). */
  async cancelOfReservation(reservationId: string): Promise<number> {
    const { matched } = await this.docs.updateMany({ reservationId, state: 'valid' }, { $set: { state: 'cancelled' } });
    return matched;
  }

  /** A card linked later: tickets bought before it now show on a Pass tap too. */
  async attachToWallet(userId: string, walletId: string): Promise<number> {
    const { matched } = await this.docs.updateMany({ userId, walletId: null }, { $set: { walletId } });
    return matched;
  }

  ofReservation(reservationId: string): Promise<Ticket[]> {
    return this.docs.find({ reservationId }, { sort: { _id: 1 }, limit: 100 });
  }

  ofUser(userId: string): Promise<Ticket[]> {
    return this.docs.find({ userId }, { sort: { createdAt: -1 }, limit: limits.pageSize });
  }

  /** Valid tickets on a wallet, for events not over yet. */
  async rightsOf(walletId: string): Promise<TicketRight[]> {
    const tickets = await this.docs.find({ walletId, state: 'valid' }, { limit: 50 });
    const now = this.deps.clock.now();
    const out: TicketRight[] = [];
    for (const t of tickets) {
      const event = await this.deps.events.byId(t.eventId);
      if (event && event.endsAt >= now) out.push({ ticketId: t._id, eventId: t.eventId, eventTitle: event.title, startsAt: event.startsAt, priceName: t.priceName });
    }
    return out.sort((a, b) => a.startsAt - b.startsAt);
  }

  private async mail(tickets: Ticket[]): Promise<void> {
    if (!tickets.length) return;
    const event = await this.deps.events.byId(tickets[0].eventId);
    if (!event) return;
    const collective = await this.deps.collectiveOf(event.collectiveId);
    for (const t of tickets) {
      await enqueueTicketMail(this.deps.jobs, {
        ticketId: t._id,
        eventId: t.eventId,
        to: t.email,
        holder: t.holder,
        eventTitle: event.title,
        startsAt: event.startsAt,
        timezone: collective.timezone,
        place: event.place,
        price: t.amount,
        priceName: t.priceName,
        collectiveName: collective.name,
        ...(collective.colour ? { colour: collective.colour } : {}),
        lang: collective.lang,
      });
    }
  }
}

/** Derived from the reservation: a retried issue finds the same ids. */
export function ticketIdOf(reservationId: string, n: number): string {
  return `tkt_${reservationId.replace(/^rsv_/, '')}_${n}`;
}
