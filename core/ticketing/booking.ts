// Booking, the story of one reservation: seats are taken (seats.ts) before anything is
// written, so a refused booking holds nothing; a free booking is confirmed and ticketed at
// once; a paid one holds its seats for `holdMs` while the buyer pays through the payment port.
// A crash between taking seats and writing the reservation leaks those seats (they stay
// counted): the safe side, never an oversell.
import type { Clock } from '../clock/port.js';
import type { Checkouts } from '../payments/checkouts.js';
import type { CheckoutLine, PaymentProvider } from '../payments/port.js';
import { startCheckout } from '../payments/start-checkout.js';
import { chosenPrice, linesAfterDiscount, promoNotApplicable, termsMetadata, type PromoClaim, type PromoCodes, type PromoDiscount, type PurchaseTerms } from '../promotions/index.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { isDuplicateKey } from '../store/port.js';
import type { EventService } from './events.js';
import type { ReservationBook } from './reservations.js';
import type { BookingLines } from './schemas.js';
import type { Seats } from './seats.js';
import type { TicketBook } from './tickets.js';
import type { Reservation, ReservationLine, Ticket, TicketedEvent } from './types.js';

export const defaultHoldMs = 30 * 60_000;

export interface Buyer {
  userId: string;
  email: string;
  holder: string;
  /** Proved their email (magic-link session): only then may member prices apply. */
  signedIn: boolean;
}

export interface BookingRequest {
  collectiveId: string;
  /** The Lespass site the buyer books on: the checkout returns there. */
  siteSlug: string;
  eventId: string;
  requestId: string;
  buyer: Buyer;
  lines: BookingLines;
  /** A promo code the buyer typed (promotions/). */
  promoCode?: string;
}

export interface BookingResult {
  reservation: Reservation;
  tickets: Ticket[];
  /** Where to send the buyer to pay; null for a free (or already settled) booking. */
  checkoutUrl: string | null;
}

export interface PaymentDeps {
  provider: PaymentProvider;
  checkouts: Checkouts;
  /** Public base URL of the app, without a trailing slash (checkout return pages). */
  publicUrl: string;
}

export interface BookingDeps {
  clock: Clock;
  events: EventService;
  seats: Seats;
  book: ReservationBook;
  tickets: TicketBook;
  payments: PaymentDeps;
  /** Whether the user holds a valid membership of the collective at that moment. */
  isMember(collectiveId: string, userId: string, at: number): Promise<boolean>;
  promos: PromoCodes;
  holdMs?: number;
}

export class BookingService {
  constructor(private readonly deps: BookingDeps) {}

  /** Books and, for a paid booking, opens its checkout. The same requestId returns the same booking. */
  async book(request: BookingRequest): Promise<BookingResult> {
    const replayed = await this.deps.book.byRequest(request.requestId);
    const claim = request.promoCode && !replayed ? await this.deps.promos.claim(request.collectiveId, request.promoCode, request.requestId) : null;
    try {
      return await this.bookWith(request, claim);
    } catch (err) {
      if (claim) await this.deps.promos.giveBack(claim);
      throw err;
    }
  }

  private async bookWith(request: BookingRequest, claim: PromoClaim | null): Promise<BookingResult> {
    const reservation = await this.hold(request, { promo: claim?.discount });
    if (claim && !claim.discount.total) {
      await this.abandon(reservation);
      throw promoNotApplicable();
    }
    if (reservation.state === 'confirmed') return { reservation, tickets: await this.deps.tickets.issue(reservation), checkoutUrl: null };
    if (reservation.state !== 'pending') return { reservation, tickets: [], checkoutUrl: null };
    const event = await this.deps.events.get(request.collectiveId, request.eventId);
    const checkoutUrl = await this.ensureCheckout(reservation, event, request.siteSlug);
    return { reservation: await this.deps.book.get(reservation._id), tickets: [], checkoutUrl };
  }

  /**
   * Takes the seats and writes the reservation: confirmed when free (and not part of a basket,
   * which confirms everything together), else pending with a hold.
   */
  /** `membershipInBasket`: the buyer joins the collective in the same payment, so members-only prices are open. */
  async hold(request: BookingRequest, options: { basketId?: string; promo?: PromoDiscount; membershipInBasket?: boolean } = {}): Promise<Reservation> {
    const { book, events, seats, clock } = this.deps;
    const existing = await book.byRequest(request.requestId);
    if (existing) return sameRequest(existing, request);
    const event = await events.find(request.collectiveId, request.eventId);
    if (!event || !event.published) throw new AppError('NOT_FOUND', 'no such event', { fields: { eventId: 'no such event' } });
    const now = clock.now();
    if (event.endsAt < now) throw new AppError('CONFLICT', 'this event is over', { fields: { eventId: 'this event is over' } });
    await book.expireHolds(event._id); // seats of abandoned payments come back first
    const lines = await this.priced(event, request, Boolean(options.membershipInBasket));
    await seats.take(event._id, lines);
    const gross = lines.reduce((sum, l) => sum + l.amount * l.qty, 0);
    const discount = options.promo?.take({ eventId: event._id }, gross) ?? 0;
    const total = gross - discount;
    const free = total === 0 && !options.basketId;
    const reservation: Reservation = {
      _id: newId('rsv_'), // ticket ids derive from it (tickets.ts)
      collectiveId: event.collectiveId,
      eventId: event._id,
      requestId: request.requestId,
      userId: request.buyer.userId,
      email: request.buyer.email,
      holder: request.buyer.holder,
      lines,
      total,
      ...(discount ? { discount, promoCode: options.promo!.code.code } : {}),
      state: free ? 'confirmed' : 'pending',
      holdUntil: free ? null : now + (this.deps.holdMs ?? defaultHoldMs),
      ...(free ? { confirmedAt: now, paidAmount: 0 } : {}),
      ...(options.basketId ? { basketId: options.basketId } : {}),
      createdAt: now,
    };
    try {
      await book.docs.insertOne(reservation);
    } catch (err) {
      await seats.release(event._id, lines);
      if (!isDuplicateKey(err)) throw err;
      return sameRequest((await book.byRequest(request.requestId))!, request); // a double click won the race
    }
    return reservation;
  }

  /** Ends a hold nobody will pay for (checkout could not start, basket abandoned). */
  async abandon(reservation: Reservation): Promise<void> {
    const { moved } = await this.deps.book.move(reservation._id, 'pending', { state: 'cancelled', cancelledAt: this.deps.clock.now(), holdUntil: null });
    if (moved) await this.deps.seats.release(reservation.eventId, reservation.lines);
  }

  private async ensureCheckout(reservation: Reservation, event: TicketedEvent, siteSlug: string): Promise<string> {
    if (reservation.checkoutUrl) return reservation.checkoutUrl;
    const { provider, checkouts, publicUrl } = this.deps.payments;
    const site = `${publicUrl}/${encodeURIComponent(siteSlug)}`;
    try {
      const session = await startCheckout(provider, checkouts, {
        reference: reservation._id,
        lines: checkoutLinesOf(reservation, event),
        customerEmail: reservation.email,
        successUrl: `${site}/account?reservation=${reservation._id}`,
        cancelUrl: `${site}/events/${event._id}`,
        metadata: { kind: 'booking', reservationId: reservation._id, collectiveId: reservation.collectiveId, userId: reservation.userId, ...termsMetadata(reservationTerms(reservation)) },
      });
      await this.deps.book.update(reservation._id, { checkoutSessionId: session.sessionId, checkoutUrl: session.url });
      return session.url;
    } catch (err) {
      await this.abandon(reservation);
      throw err;
    }
  }

  /** Lines with their names and prices as of now; member prices only for signed-in members. */
  private async priced(event: TicketedEvent, request: BookingRequest, joining: boolean): Promise<ReservationLine[]> {
    const prices = new Map((await this.deps.events.pricesOf([event._id])).map((p) => [p._id, p]));
    const lines: ReservationLine[] = [];
    for (const [i, line] of request.lines.entries()) {
      const price = prices.get(line.priceId);
      if (!price) throw new AppError('INVALID_INPUT', 'this price is not on offer', { fields: { [`lines.${i}.priceId`]: 'not on offer' } });
      if (price.membersOnly && !joining) await this.checkMember(event, request.buyer, `lines.${i}.priceId`);
      lines.push({ priceId: price._id, name: price.name, qty: line.qty, amount: chosenPrice(price, line.amount, `lines.${i}.amount`), ...(price.payWhatYouWant ? { payWhatYouWant: true as const } : {}) });
    }
    return lines;
  }

  private async checkMember(event: TicketedEvent, buyer: Buyer, field: string): Promise<void> {
    const member = buyer.signedIn && (await this.deps.isMember(event.collectiveId, buyer.userId, this.deps.clock.now()));
    if (!member) {
      const why = buyer.signedIn ? 'reserved to members of the collective' : 'reserved to members: sign in first';
      throw new AppError('FORBIDDEN', `this price is ${why}`, { reason: 'MEMBERS_ONLY', fields: { [field]: why } });
    }
  }
}

/** A reservation's checkout lines: its paid lines, less its discount. */
export function checkoutLinesOf(reservation: Reservation, event: Pick<TicketedEvent, 'title'>): CheckoutLine[] {
  const lines = reservation.lines.filter((l) => l.amount > 0).map((l) => ({ name: `${event.title} — ${l.name}`, amount: l.amount, qty: l.qty }));
  return linesAfterDiscount(lines, reservation.discount ?? 0);
}

/** A reservation's discount and what it pays at pay-what-you-want prices, for the payments report. */
export function reservationTerms(r: Pick<Reservation, 'lines' | 'discount' | 'promoCode'>): PurchaseTerms {
  const chosen = r.lines.reduce((n, l) => n + (l.payWhatYouWant ? l.amount * l.qty : 0), 0);
  return { discount: r.discount ?? 0, promoCode: r.promoCode, payWhatYouWant: chosen };
}

function sameRequest(existing: Reservation, request: BookingRequest): Reservation {
  if (existing.eventId !== request.eventId || existing.userId !== request.buyer.userId) {
    throw new AppError('DUPLICATE_TX_CONFLICT', 'this request id was used for another booking', { fields: { requestId: 'already used' } });
  }
  return existing;
}
