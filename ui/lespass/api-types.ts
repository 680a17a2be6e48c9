// What the Lespass API answers (gateways/http/routes/lespass.ts), as the site reads it. Money
// is integer cents; moments are epoch milliseconds.
import type { Colours } from './branding.js';

export interface CollectiveSummary {
  id: string;
  slug: string;
  name: string;
  villageId: string | null;
  description: string;
  logoUrl: string | null;
}

export interface CollectiveProfile extends CollectiveSummary {
  timezone: string;
  images: string[];
  colours: Colours;
}

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

export interface Price {
  id: string;
  name: string;
  amount: number;
  quota: number | null;
  membersOnly: boolean;
  /** Seats still on offer at this price. */
  remaining: number;
}

/** An event of the agenda (GET /api/sites/:slug/agenda) or alone (…/events/:id). */
export interface SiteEvent {
  id: string;
  collectiveId: string;
  title: string;
  description: string;
  place: string;
  imageUrl: string | null;
  startsAt: number;
  endsAt: number;
  capacity: number;
  remaining: number;
  prices: Price[];
  collective: CollectiveSummary;
}

export type AgendaScope = 'mine' | 'village';

export interface MembershipField {
  key: string;
  label: string;
  kind: 'text' | 'email' | 'phone' | 'date' | 'choice';
  required: boolean;
  options?: string[];
}

export interface MembershipProduct {
  id: string;
  collectiveId: string;
  name: string;
  description: string;
  price: number;
  durationDays: number | null;
  period: 'month' | 'year' | null;
  subscription: boolean;
  fields: MembershipField[];
}

/** GET /api/sites/:slug/memberships */
export interface SiteMemberships {
  mine: MembershipProduct[];
  village: Array<{ collective: CollectiveSummary; memberships: MembershipProduct[] }>;
}

export interface Buyer {
  name: string;
  email: string;
}

export interface BookingAnswer {
  reservation: Reservation;
  tickets: Ticket[];
  checkoutUrl: string | null;
}

export interface Reservation {
  id: string;
  eventId: string;
  state: 'pending' | 'confirmed' | 'cancelled' | 'expired' | 'refunded';
  holder: string;
  email: string;
  lines: Array<{ priceId: string; name: string; qty: number; amount: number }>;
  total: number;
}

export type BasketLineInput =
  | { type: 'membership'; productId: string; answers?: Record<string, string> }
  | { type: 'topup'; amount: number }
  | { type: 'tickets'; eventId: string; lines: Array<{ priceId: string; qty: number }> };

export interface BasketAnswer {
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

export interface Payment {
  id: string;
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
}
