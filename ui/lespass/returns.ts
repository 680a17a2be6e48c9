// Back from a checkout: has the payment come through yet? The provider sends the buyer back as
// soon as they paid, while the confirmation reaches the server a moment later (webhook, job);
// the account page asks again until what was bought shows on the account.
import type { Me } from './api-types.js';
import type { Route } from './route.js';

export type ReturnState = 'paid' | 'pending' | 'cancelled';

/** Pure: where the purchase stands, as the account shows it. */
export function returnState(me: Me, from: NonNullable<Route['returnFrom']>): ReturnState {
  if (from.cancelled) return 'cancelled';
  if (from.kind === 'reservation') return me.tickets.some((t) => t.reservationId === from.id) ? 'paid' : 'pending';
  // Payments come newest first; a basket or top-up has no id of its own there, its latest one tells.
  const latest = me.payments.find((p) => p.kind === from.kind);
  return latest && (latest.state === 'paid' || latest.state === 'refunded') ? 'paid' : 'pending';
}

/** How long to keep asking, and how often. */
export const returnPolling = { everyMs: 1_000, attempts: 20 } as const;
