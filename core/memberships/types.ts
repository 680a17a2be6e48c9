// Memberships (adhésions) and subscriptions (abonnements): what a collective offers, and who
// holds one. A subscription is a membership product with a period (month or year): it runs
// from period to period and shows its renewal date; the payment port takes one-off payments,
// so a renewal is paid like a new purchase and extends the current period.
import type { Doc } from '../store/port.js';

export type Period = 'month' | 'year';

export type FieldKind = 'text' | 'email' | 'phone' | 'date' | 'choice';

/** A question asked when joining (address, birth date, T-shirt size...). */
export interface MembershipField {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** Choices of a `choice` field. */
  options?: string[];
}

export interface MembershipProduct extends Doc {
  collectiveId: string;
  name: string;
  description: string;
  /** Cents; 0 for a free membership. */
  price: number;
  /** The buyer chooses what they pay, `price` being the minimum (absent on products made before). */
  payWhatYouWant?: boolean;
  /** Validity of a one-off membership; null for a subscription (its period rules). */
  durationDays: number | null;
  /** Set for a subscription. */
  period: Period | null;
  fields: MembershipField[];
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export type MemberStatus = 'active' | 'expired' | 'upcoming';

export interface Member extends Doc {
  collectiveId: string;
  productId: string;
  productName: string;
  period: Period | null;
  userId: string;
  email: string;
  name: string;
  answers: Record<string, string>;
  validFrom: number;
  validUntil: number;
  /** A subscription's next renewal date (its validUntil); null for a one-off membership. */
  renewsAt: number | null;
  source: 'online' | 'admin';
  amount: number;
  method: 'online' | 'cash' | 'card' | 'free';
  orderId?: string;
  checkoutSessionId?: string;
  createdAt: number;
}

/** A membership being bought online, before its payment arrives. */
export interface MembershipOrder extends Doc {
  collectiveId: string;
  productId: string;
  productName: string;
  userId: string;
  email: string;
  name: string;
  answers: Record<string, string>;
  /** What is to be paid: the chosen or list price less `discount`. */
  amount: number;
  /** Cents taken off by `promoCode`. */
  discount?: number;
  promoCode?: string;
  /** Set when the buyer chose the price (pay what you want): that chosen price, before any discount. */
  chosenPrice?: number;
  state: 'pending' | 'fulfilled';
  basketId?: string;
  memberId?: string;
  createdAt: number;
}

export function statusAt(m: Pick<Member, 'validFrom' | 'validUntil'>, at: number): MemberStatus {
  if (at < m.validFrom) return 'upcoming';
  return at < m.validUntil ? 'active' : 'expired';
}
