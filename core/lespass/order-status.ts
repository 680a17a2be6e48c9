// Where one purchase made on a site stands, for the page a buyer lands on after paying: its
// state and, once paid, its tickets. A purchase is named by its reference: a reservation id
// (rsv_…), a basket id (bsk_…) or an online top-up's reference (topup_…), as the checkout
// calls answer it and /api/me payments show it.
// Who may read it: only its buyer, proved by their own user session, or by the order token
// the checkout call answered to the browser that made the purchase (HMAC of the reference with
// a server secret: a guest has no session). Without either, or for a purchase of another site,
// the answer is NOT_FOUND, the same as for a reference that does not exist: the read tells
// nothing to whoever only knows (or guesses) a reference, which ends up in return URLs.
// States: pending (not paid, or paid and not delivered yet), paid (paid and delivered: the
// tickets are issued), failed (the payment failed, or the purchase was cancelled unpaid or
// abandoned), expired (the hold or the checkout ran out), refunded.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CheckoutRecord, Checkouts } from '../payments/checkouts.js';
import { AppError } from '../shared/errors.js';
import type { EventService } from '../ticketing/events.js';
import type { ReservationBook } from '../ticketing/reservations.js';
import type { TicketBook } from '../ticketing/tickets.js';
import type { Reservation } from '../ticketing/types.js';
import { ticketView } from '../ticketing/views.js';
import type { Basket, BasketService } from './basket.js';

export type OrderState = 'pending' | 'paid' | 'failed' | 'expired' | 'refunded';
export type OrderKind = 'booking' | 'basket' | 'topup';

export interface OrderStatus {
  reference: string;
  kind: OrderKind;
  state: OrderState;
  /** What the order costs, in cents. */
  amount: number;
  /** The tickets of a paid order (none before, none for a top-up). */
  tickets: Array<ReturnType<typeof ticketView>>;
}

/** How the reader proves they are the buyer: their session's user, or the order token. */
export interface OrderProof {
  userId?: string | null;
  token?: string | null;
}

export interface OrderStatusDeps {
  /** Shared by every node (the ticket signing secret): a token made on one verifies on all. */
  secret: string;
  reservations: ReservationBook;
  tickets: TicketBook;
  events: EventService;
  baskets: BasketService;
  checkouts: Checkouts;
}

const maxReferenceLength = 120;
const tokenLabel = 'lespass-order-token:v1:';

export class OrderStatuses {
  constructor(private readonly deps: OrderStatusDeps) {}

  /** The token that lets the browser which made the purchase read it without a session. */
  tokenOf(reference: string): string {
    return createHmac('sha256', this.deps.secret)
      .update(tokenLabel + reference)
      .digest('base64url');
  }

  /** The order of this site's collective, to its buyer only; NOT_FOUND otherwise, whatever the reason. */
  async status(collectiveId: string, reference: string, proof: OrderProof): Promise<OrderStatus> {
    const order = reference.length <= maxReferenceLength ? await this.find(reference) : null;
    if (!order || order.collectiveId !== collectiveId || !this.proves(order, reference, proof)) throw new AppError('NOT_FOUND', 'no such order');
    const tickets = order.state === 'paid' ? await this.ticketsOf(order.reservationIds) : [];
    return { reference, kind: order.kind, state: order.state, amount: order.amount, tickets };
  }

  private proves(order: { userId: string }, reference: string, proof: OrderProof): boolean {
    if (proof.userId && proof.userId === order.userId) return true;
    if (!proof.token) return false;
    const given = Buffer.from(proof.token, 'base64url');
    const expected = Buffer.from(this.tokenOf(reference), 'base64url');
    // The length of a MAC is no secret; the comparison of its bytes is constant-time.
    return given.length === expected.length && timingSafeEqual(given, expected) && given.toString('base64url') === proof.token;
  }

  private async find(reference: string): Promise<Found | null> {
    if (reference.startsWith('rsv_')) {
      const r = await this.deps.reservations.find(reference);
      return r && { kind: 'booking', userId: r.userId, collectiveId: r.collectiveId, amount: r.total, reservationIds: [r._id], state: await this.reservationState(r) };
    }
    if (reference.startsWith('bsk_')) {
      const b = await this.deps.baskets.docs.findOne({ _id: reference });
      const reservationIds = b ? b.lines.flatMap((l) => (l.type === 'tickets' ? [l.reservationId] : [])) : [];
      return b && { kind: 'basket', userId: b.userId, collectiveId: b.collectiveId, amount: b.total, reservationIds, state: await this.basketState(b) };
    }
    if (reference.startsWith('topup_')) {
      const c = await this.checkoutOf(reference);
      return (
        c && {
          kind: 'topup',
          userId: c.metadata.userId ?? '',
          collectiveId: c.metadata.collectiveId ?? '',
          amount: c.amountTotal ?? 0,
          reservationIds: [],
          state: checkoutState(c),
        }
      );
    }
    return null;
  }

  private async reservationState(r: Reservation): Promise<OrderState> {
    switch (r.state) {
      case 'confirmed': {
        // Confirmed, then ticketed by the same fulfilment: paid once every seat has its ticket.
        const seats = r.lines.reduce((n, l) => n + l.qty, 0);
        return (await this.deps.tickets.ofReservation(r._id)).length >= seats ? 'paid' : 'pending';
      }
      case 'refunded':
        return 'refunded';
      case 'cancelled':
        return r.refund ? 'refunded' : 'failed';
      case 'expired':
        return 'expired';
      case 'pending':
        return unpaidState(await this.checkoutOf(r._id));
    }
  }

  private async basketState(b: Basket): Promise<OrderState> {
    const checkout = await this.checkoutOf(b._id);
    if (b.state === 'fulfilled') return checkout?.state === 'refunded' ? 'refunded' : 'paid';
    if (b.state === 'abandoned') return 'failed';
    return unpaidState(checkout);
  }

  /** The checkout of a reference; when several were opened for it, the one that went furthest. */
  private async checkoutOf(reference: string): Promise<CheckoutRecord | null> {
    const found = await this.deps.checkouts.collection.find({ reference }, { limit: 10 });
    return found.sort((a, b) => rank(b) - rank(a))[0] ?? null;
  }

  private async ticketsOf(reservationIds: string[]) {
    const views: OrderStatus['tickets'] = [];
    for (const id of reservationIds) {
      const tickets = await this.deps.tickets.ofReservation(id);
      const event = tickets.length ? await this.deps.events.byId(tickets[0].eventId) : null;
      views.push(...tickets.map((t) => ticketView(t, event)));
    }
    return views;
  }
}

interface Found {
  kind: OrderKind;
  userId: string;
  collectiveId: string;
  amount: number;
  reservationIds: string[];
  state: OrderState;
}

/** A top-up is paid once credited (fulfilled); before that, the checkout's own state. */
function checkoutState(c: CheckoutRecord): OrderState {
  if (c.state === 'paid') return c.fulfilledAt ? 'paid' : 'pending';
  return c.state;
}

/** A purchase not delivered yet: pending, unless its checkout failed or ran out. */
function unpaidState(checkout: CheckoutRecord | null): OrderState {
  return checkout?.state === 'failed' || checkout?.state === 'expired' ? checkout.state : 'pending';
}

function rank(c: CheckoutRecord): number {
  return { refunded: 4, paid: 3, pending: 2, failed: 1, expired: 1 }[c.state];
}
