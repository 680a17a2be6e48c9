// Shapes of online ticketing: events, their prices, reservations (a booking of some seats) and
// tickets (one per seat, each with a signed code checked at the door).
import type { Doc } from '../store/port.js';

export interface TicketedEvent extends Doc {
  collectiveId: string;
  title: string;
  description: string;
  place: string;
  imageUrl: string | null;
  startsAt: number;
  endsAt: number;
  /** Seats in all; `sold` counts held (pending payment) and confirmed seats. */
  capacity: number;
  sold: number;
  published: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface TicketPrice extends Doc {
  eventId: string;
  collectiveId: string;
  name: string;
  /** Cents; 0 is a free entry. */
  amount: number;
  /** Seats at this price at most; null when only the event's capacity limits it. */
  quota: number | null;
  sold: number;
  /** Reserved to valid members of the collective (checked at booking). */
  membersOnly: boolean;
  /** The buyer chooses the price, `amount` being the minimum (absent on prices made before). */
  payWhatYouWant?: boolean;
  /** An archived price is no longer offered; tickets sold at it stay. */
  active: boolean;
  order: number;
  createdAt: number;
}

export type ReservationState = 'pending' | 'confirmed' | 'cancelled' | 'expired' | 'refunded';

export interface ReservationLine {
  priceId: string;
  name: string;
  qty: number;
  /** Unit price in cents at booking time (the buyer's choice at a pay-what-you-want price). */
  amount: number;
  payWhatYouWant?: true;
}

export interface RefundRecord {
  amount: number;
  /** due: decided, not yet asked to the provider (a crash in between is retried by a second cancel). */
  state: 'due' | 'requested';
  refundId?: string;
  at: number;
}

export interface Reservation extends Doc {
  collectiveId: string;
  eventId: string;
  /** The client's idempotency key: the same booking sent twice is one reservation. */
  requestId: string;
  userId: string;
  email: string;
  holder: string;
  lines: ReservationLine[];
  /** What is to be paid: the lines less `discount`. */
  total: number;
  /** Cents taken off by `promoCode`. */
  discount?: number;
  promoCode?: string;
  /**
   *   pending -> confirmed -> cancelled (admin; refunded if paid)
   *   pending -> expired (hold ran out; seats released) -> confirmed (paid late, seats retaken)
   *   expired | cancelled -> refunded (paid late with no seat left, or after a cancel)
   */
  state: ReservationState;
  /** Seats are held until then while payment is pending. */
  holdUntil: number | null;
  /** Part of a basket (several purchases in one checkout). */
  basketId?: string;
  checkoutSessionId?: string;
  checkoutUrl?: string;
  paymentIntentId?: string;
  paidAmount?: number;
  paidAt?: number;
  confirmedAt?: number;
  cancelledAt?: number;
  refund?: RefundRecord;
  createdAt: number;
}

export type TicketState = 'valid' | 'used' | 'cancelled';

export interface Ticket extends Doc {
  reservationId: string;
  eventId: string;
  collectiveId: string;
  priceId: string;
  priceName: string;
  amount: number;
  userId: string;
  email: string;
  holder: string;
  /** The buyer's Pass wallet when they had a linked card: a tap at a terminal shows the ticket. */
  walletId: string | null;
  state: TicketState;
  /** The signed code of the QR (signTicketCode): verifiable offline. */
  code: string;
  /** Typed at the door when the QR cannot be read (short-code.ts); absent on tickets issued before. */
  shortCode?: string;
  usedAt?: number;
  createdAt: number;
}
