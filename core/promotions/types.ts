// Promo codes: a discount a collective hands out (a percentage or an amount off), on some of
// its events and memberships or all of them, for a number of uses and a period.
import type { Doc } from '../store/port.js';

export interface PromoCode extends Doc {
  collectiveId: string;
  /** Upper-case; unique within the collective. */
  code: string;
  label: string;
  kind: 'percent' | 'amount';
  /** Percent (1-100) or cents. */
  value: number;
  eventIds: string[];
  productIds: string[];
  /** null: unlimited. */
  maxUses: number | null;
  /** Uses taken so far (bookings and baskets that used it); never above maxUses. */
  used: number;
  validFrom: number | null;
  validUntil: number | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** One use of a code by one booking or basket: its id is the code's id and the purchase's request id. */
export interface PromoUse extends Doc {
  codeId: string;
  collectiveId: string;
  requestId: string;
  at: number;
}

/** What a line of a purchase is, for the code's scope. */
export type PromoTarget = { eventId: string } | { productId: string };
