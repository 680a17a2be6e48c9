// Back from a checkout: has the payment come through yet? The provider sends the buyer back as
// soon as they paid, while the confirmation reaches the server a moment later (webhook, job);
// the account page asks the order's own state (GET /api/sites/:slug/orders/:reference) until
// it is settled. The server tells it only to the buyer: their session, or the order token the
// purchase answered, which this tab keeps (sessionStorage: it survives the trip to the payment
// page and back, and never appears in an address).
import type { Order } from './api-types.js';
import type { Route } from './route.js';

/** unknown: the server would not say (another account, or a guest whose token was lost). */
export type ReturnState = 'paid' | 'pending' | 'failed' | 'cancelled' | 'unknown';

/** Pure: where the purchase stands; `order` null until the first answer, 'unknown' when refused. */
export function returnState(from: NonNullable<Route['returnFrom']>, order: Order | 'unknown' | null): ReturnState {
  if (from.cancelled) return 'cancelled';
  if (order === null) return 'pending';
  if (order === 'unknown') return 'unknown';
  if (order.state === 'paid' || order.state === 'pending') return order.state;
  return 'failed'; // failed, expired or refunded: nothing to wait for
}

/** How long to keep asking, and how often. */
export const returnPolling = { everyMs: 1_000, attempts: 20 } as const;

const tokenKey = (reference: string) => `lespass.order.${reference}`;

/** Keeps a purchase's order token for this tab's way back from the payment page. */
export function rememberOrderToken(reference: string, token: string): void {
  try {
    sessionStorage.setItem(tokenKey(reference), token);
  } catch {
    // storage disabled: a signed-in buyer's session still reads the order; a guest sees no state
  }
}

export function orderTokenOf(reference: string): string | null {
  try {
    return sessionStorage.getItem(tokenKey(reference));
  } catch {
    return null;
  }
}
