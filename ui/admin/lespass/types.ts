// The shapes of the Lespass admin API (gateways/http/routes/lespass-admin.ts), as read here.

export interface PriceView {
  id: string;
  name: string;
  amount: number;
  quota: number | null;
  membersOnly: boolean;
  remaining: number;
  sold: number;
  active: boolean;
}

export interface EventView {
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
  published: boolean;
  prices: PriceView[];
  sold: number;
}

export interface ReservationView {
  id: string;
  eventId: string;
  state: 'pending' | 'confirmed' | 'cancelled' | 'expired' | 'refunded';
  holder: string;
  email: string;
  lines: Array<{ priceId: string; name: string; qty: number; amount: number }>;
  total: number;
  paidAmount: number;
  refund: { amount: number; state: 'due' | 'requested' } | null;
  createdAt: number;
}

export interface CheckedInTicket {
  ticket: { id: string; eventTitle: string | null; priceName: string; holder: string; state: string; usedAt: number | null };
  event: { id: string; title: string; startsAt: number };
}

export interface MembershipProductView {
  id: string;
  name: string;
  description: string;
  price: number;
  durationDays: number | null;
  period: 'month' | 'year' | null;
  subscription: boolean;
  fields: Array<{ key: string; label: string }>;
  active: boolean;
}

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

export interface PaymentTotals {
  count: number;
  amount: number;
  refunded: number;
  net: number;
}

export interface PaymentsReport {
  from: number;
  to: number;
  lines: Array<{ at: number; kind: string; method: 'online' | 'cash' | 'card'; amount: number; refunded: number; net: number; reference: string; source: string }>;
  totals: PaymentTotals & { byMethod: Record<string, PaymentTotals>; byKind: Record<string, PaymentTotals> };
  truncated: boolean;
}
