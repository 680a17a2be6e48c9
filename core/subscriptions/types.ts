// A recurring subscription of a person to a subscription product (a membership with a period).
import type { Period } from '../memberships/types.js';
import type { Doc } from '../store/port.js';

export type SubscriptionStatus = 'pending' | 'active' | 'grace' | 'cancelling' | 'cancelled' | 'lapsed';

export interface Subscription extends Doc {
  collectiveId: string;
  productId: string;
  productName: string;
  period: Period;
  /** What each period costs, in cents, as Pass recorded it: an invoice for any other amount is not honoured. */
  amount: number;
  requestId: string;
  userId: string;
  email: string;
  name: string;
  state: 'pending' | 'active' | 'past_due' | 'ended';
  providerSubscriptionId?: string;
  checkoutSessionId?: string;
  checkoutUrl?: string;
  /** End of the last period paid. */
  currentPeriodEnd?: number;
  periodsPaid: number;
  lastInvoiceId?: string;
  lastPaidAt?: number;
  /** Set while a payment failed: the subscription lapses then unless a retry pays. */
  graceUntil?: number;
  cancelAtPeriodEnd: boolean;
  cancelledAt?: number;
  endedAt?: number;
  endReason?: 'cancelled' | 'lapsed';
  error?: string;
  createdAt: number;
}
