// What the Lespass API answers (gateways/http/routes/lespass.ts), as the site reads it. Money
// is integer cents; moments are epoch milliseconds.
// Shapes come from the backend by type-only imports (erased from the bundle); a view has `id`
// for the stored `_id` and leaves internals out.
import type { CollectiveProfile, CollectiveSummary } from '../../core/collectives/types.js';
import type { OrderKind, OrderState } from '../../core/lespass/order-status.js';
import type { MembershipProduct as StoredMembershipProduct } from '../../core/memberships/types.js';
import type { ReservationLine, ReservationState, TicketedEvent, TicketPrice } from '../../core/ticketing/types.js';

export type { CollectiveProfile, CollectiveSummary } from '../../core/collectives/types.js';
export type { AgendaScope } from '../../core/lespass/site.js';
export type { OrderKind, OrderState } from '../../core/lespass/order-status.js';
export type { MembershipField } from '../../core/memberships/types.js';

export interface Village {
  id: string;
  name: string;
  description: string;
  collectives: CollectiveSummary[];
}

/** GET /api/sites/:slug */
export interface Site {
  collective: CollectiveProfile;
  village: Village | null;
}

export type Price = Pick<TicketPrice, 'name' | 'amount' | 'quota' | 'membersOnly'> & {
  id: string;
  /** `amount` is then the minimum: the buyer chooses. */
  payWhatYouWant?: boolean;
  /** Seats still on offer at this price. */
  remaining: number;
};

/** An event of the agenda (GET /api/sites/:slug/agenda) or alone (…/events/:id). */
export type SiteEvent = Pick<TicketedEvent, 'collectiveId' | 'title' | 'description' | 'place' | 'imageUrl' | 'startsAt' | 'endsAt' | 'capacity'> & {
  id: string;
  remaining: number;
  prices: Price[];
  collective: CollectiveSummary;
};

export type MembershipProduct = Omit<StoredMembershipProduct, '_id' | 'active' | 'createdAt' | 'updatedAt'> & { id: string; subscription: boolean };

/** GET /api/sites/:slug/memberships */
export interface SiteMemberships {
  mine: MembershipProduct[];
  village: Array<{ collective: CollectiveSummary; memberships: MembershipProduct[] }>;
}

export interface Buyer {
  name: string;
  email: string;
}

/** What every purchase answers: its reference, and the token that lets this browser read it (GET …/orders/:reference). */
export interface OrderReceipt {
  reference: string;
  orderToken: string;
}

export interface BookingAnswer extends OrderReceipt {
  reservation: Reservation;
  tickets: Ticket[];
  checkoutUrl: string | null;
}

export interface Reservation {
  id: string;
  eventId: string;
  state: ReservationState;
  holder: string;
  email: string;
  lines: ReservationLine[];
  total: number;
}

export type BasketLineInput =
  | { type: 'membership'; productId: string; answers?: Record<string, string>; amount?: number }
  | { type: 'topup'; amount: number; cardNumber?: string }
  | { type: 'tickets'; eventId: string; lines: TicketLineInput[] };

export interface TicketLineInput {
  priceId: string;
  qty: number;
  /** The unit price chosen, at a pay-what-you-want price. */
  amount?: number;
}

export interface BasketAnswer extends OrderReceipt {
  basket: { id: string; total: number; state: 'pending' | 'fulfilled' | 'abandoned'; lines: Array<{ type: string; name: string; amount: number }> };
  checkoutUrl: string | null;
}

export interface BalanceLine {
  asset: string;
  name: string;
  kind: string;
  amount: number;
}

export interface Card {
  id: string;
  number: string;
  state: 'active' | 'blocked' | string;
  walletId: string;
  balances: BalanceLine[];
}

export interface Ticket {
  id: string;
  eventId: string;
  collectiveId: string;
  reservationId: string;
  eventTitle: string | null;
  startsAt: number | null;
  endsAt: number | null;
  place: string | null;
  priceName: string;
  amount: number;
  holder: string;
  state: 'valid' | 'used' | 'cancelled';
  code: string;
  /** Typed at the door when the QR cannot be read ("7KQ2M-XH4PA"); null on old tickets. */
  shortCode?: string | null;
  usedAt: number | null;
}

export interface Membership {
  id: string;
  collectiveId: string;
  productName: string;
  subscription: boolean;
  period: 'month' | 'year' | null;
  validFrom: number;
  validUntil: number;
  renewsAt: number | null;
  status: 'active' | 'expired' | 'upcoming';
  amount: number;
}

export interface CardHistoryEntry {
  id: string;
  kind: string;
  at: number;
  collective: string | null;
  pos: string | null;
  amounts: Array<{ asset: string; amount: number }>;
}

export interface Payment {
  id: string;
  /** The reservation, basket or top-up it paid. */
  reference: string | null;
  kind: string | null;
  state: string;
  amount: number;
  refunded: number;
  collectiveId: string | null;
  createdAt: number;
  paidAt: number | null;
}

/** GET /api/me */
export interface Me {
  user: { id: string; email: string; name: string | null };
  wallet: { walletId: string; balances: BalanceLine[] };
  cards: Card[];
  tickets: Ticket[];
  memberships: Membership[];
  subscriptions: Membership[];
  payments: Payment[];
  /** The Pass's ledger rows, newest first (core/lespass/card-history.ts). */
  history?: CardHistoryEntry[];
}

/** GET /api/sites/:slug/orders/:reference: where a purchase stands, to its buyer. */
export interface Order {
  reference: string;
  kind: OrderKind;
  state: OrderState;
  amount: number;
  /** Its tickets once paid. */
  tickets: Ticket[];
}
