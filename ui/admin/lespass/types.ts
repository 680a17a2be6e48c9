// The shapes of the Lespass admin API (gateways/http/routes/lespass-admin.ts), as read here.
// Shapes come from core by type-only imports (erased from the bundle); a view has `id` for `_id`.
import type { PaymentsReport as CorePaymentsReport, Totals } from '../../../core/lespass/payments-report.js';
import type { MembershipProduct } from '../../../core/memberships/types.js';
import type { ReservationLine, ReservationState, TicketedEvent, TicketPrice } from '../../../core/ticketing/types.js';

export type PriceView = Pick<TicketPrice, 'name' | 'amount' | 'quota' | 'membersOnly' | 'sold' | 'active'> & {
  id: string;
  payWhatYouWant: boolean;
  remaining: number;
};

export type EventView = Pick<TicketedEvent, 'collectiveId' | 'title' | 'description' | 'place' | 'imageUrl' | 'startsAt' | 'endsAt' | 'capacity' | 'published' | 'sold'> & {
  id: string;
  remaining: number;
  prices: PriceView[];
};

export interface ReservationView {
  id: string;
  eventId: string;
  state: ReservationState;
  holder: string;
  email: string;
  lines: ReservationLine[];
  total: number;
  paidAmount: number;
  refund: { amount: number; state: 'due' | 'requested' } | null;
  createdAt: number;
}

export interface CheckedInTicket {
  ticket: { id: string; eventTitle: string | null; priceName: string; holder: string; state: string; usedAt: number | null };
  event: { id: string; title: string; startsAt: number };
}

export type MembershipProductView = Pick<MembershipProduct, 'name' | 'description' | 'price' | 'durationDays' | 'period' | 'active'> & {
  id: string;
  subscription: boolean;
  fields: Array<{ key: string; label: string }>;
};

export interface MemberView {
  id: string;
  productId: string;
  productName: string;
  name: string;
  email: string;
  validFrom: number;
  validUntil: number;
  status: 'active' | 'expired' | 'upcoming';
  source: 'online' | 'admin';
  amount: number;
  method: 'online' | 'cash' | 'card' | 'free';
}

export type PaymentTotals = Totals;

export type PaymentsReport = CorePaymentsReport;
