// What a paid Lespass checkout delivers, per kind (registered with the `stripe` queue's
// registry by workers/lespass.ts):
//   booking     {reservationId}      confirm the reservation, issue and mail its tickets
//   membership  {membershipOrderId}  the order becomes a member, receipt mailed
//   basket      {basketId}           each line handed to its own kind's fulfilment (booking,
//                                    membership, and the built-in `topup` for the Pass top-up)
// Invariants: each is idempotent per checkout (every line's fulfilment is), so a redelivered
// event or a retry after a crash half-way through a basket delivers each line exactly once;
// the amount paid must equal what was sold (AMOUNT_MISMATCH otherwise, left to a person).
import type { MembershipOrders } from '../memberships/orders.js';
import type { CheckoutRecord } from '../payments/checkouts.js';
import { AppError } from '../shared/errors.js';
import type { ReservationPayments } from '../ticketing/reservation-payments.js';
import type { ReservationBook } from '../ticketing/reservations.js';
import type { Basket, BasketLine, BasketService } from './basket.js';

/** The shape of workers/checkout-fulfilment.ts's CheckoutFulfilment, over any context. */
export interface Fulfilment<C> {
  fulfil(checkout: CheckoutRecord, ctx: C): Promise<Record<string, unknown>>;
  reverse?(checkout: CheckoutRecord, refundedTotal: number, ctx: C): Promise<{ reversedTotal: number; shortfall: number }>;
}

export interface LespassFulfilmentDeps {
  reservationPayments: ReservationPayments;
  reservations: ReservationBook;
  orders: MembershipOrders;
  baskets: BasketService;
}

export interface LespassFulfilments<C> {
  booking: Fulfilment<C>;
  membership: Fulfilment<C>;
  basket: Fulfilment<C> & { fulfilBasket(basket: Basket, checkout: CheckoutRecord, ctx: C): Promise<Record<string, unknown>> };
}

export function lespassFulfilments<C>(deps: LespassFulfilmentDeps, fulfilmentOf: (kind: string) => Fulfilment<C> | undefined): LespassFulfilments<C> {
  const booking: Fulfilment<C> = {
    async fulfil(checkout) {
      const reservationId = required(checkout, 'reservationId');
      const outcome = await deps.reservationPayments.fulfil(reservationId, { sessionId: checkout._id, paymentIntentId: checkout.paymentIntentId, amount: checkout.amountTotal ?? 0 });
      return { ...outcome };
    },
    // Refunds start with an admin's cancel, which already released the seats. A refund made
    // elsewhere (the provider's dashboard) of the whole price cancels the reservation too.
    async reverse(checkout, refundedTotal) {
      const r = await deps.reservations.get(required(checkout, 'reservationId'));
      if (r.state === 'confirmed' && refundedTotal >= (r.paidAmount ?? 0)) await deps.reservationPayments.cancel(r.collectiveId, r._id, { refund: false });
      return { reversedTotal: refundedTotal, shortfall: 0 };
    },
  };

  const membership: Fulfilment<C> = {
    async fulfil(checkout) {
      const member = await deps.orders.fulfil(required(checkout, 'membershipOrderId'), { amount: checkout.amountTotal ?? 0, sessionId: checkout._id });
      return { memberId: member._id, validUntil: member.validUntil };
    },
  };

  const own: Record<string, Fulfilment<C>> = { booking, membership };
  const handlerOf = (kind: string) => {
    const handler = own[kind] ?? fulfilmentOf(kind);
    if (!handler) throw new AppError('UNAVAILABLE', `no fulfilment registered for kind ${kind}`);
    return handler;
  };

  const basket: LespassFulfilments<C>['basket'] = {
    async fulfil(checkout, ctx) {
      const found = await deps.baskets.get(required(checkout, 'basketId'));
      if (checkout.amountTotal !== found.total) throw new AppError('CONFLICT', `paid ${checkout.amountTotal} cents for a basket of ${found.total}`, { reason: 'AMOUNT_MISMATCH' });
      return this.fulfilBasket(found, checkout, ctx);
    },
    async fulfilBasket(found, checkout, ctx) {
      const lines: Array<Record<string, unknown>> = [];
      for (const line of found.lines) {
        const { kind, metadata } = lineTerms(line, found);
        const part: CheckoutRecord = { ...checkout, kind, amountTotal: line.amount, metadata: { ...metadata, kind, collectiveId: found.collectiveId } };
        lines.push({ type: line.type, ...(await handlerOf(kind).fulfil(part, ctx)) });
      }
      await deps.baskets.markFulfilled(found._id);
      return { basketId: found._id, lines };
    },
    // Refunds of ticket lines come from cancels (already done); anything refunded beyond them
    // is not taken back automatically: reported as shortfall on the checkout for a person.
    async reverse(checkout, refundedTotal) {
      const found = await deps.baskets.get(required(checkout, 'basketId'));
      let ours = 0;
      for (const line of found.lines) {
        if (line.type === 'tickets') ours += (await deps.reservations.find(line.reservationId))?.refund?.amount ?? 0;
      }
      return refundedTotal <= ours ? { reversedTotal: refundedTotal, shortfall: 0 } : { reversedTotal: ours, shortfall: refundedTotal - ours };
    },
  };

  return { booking, membership, basket };
}

/** A free basket (free tickets, free memberships) is delivered without any checkout. */
export function freeCheckoutOf(basket: Basket): CheckoutRecord {
  return { _id: `free:${basket._id}`, kind: 'basket', metadata: { kind: 'basket', basketId: basket._id, collectiveId: basket.collectiveId }, state: 'paid', amountTotal: 0, createdAt: basket.createdAt, updatedAt: basket.createdAt };
}

function lineTerms(line: BasketLine, basket: Basket): { kind: string; metadata: Record<string, string> } {
  switch (line.type) {
    case 'tickets':
      return { kind: 'booking', metadata: { reservationId: line.reservationId } };
    case 'membership':
      return { kind: 'membership', metadata: { membershipOrderId: line.orderId } };
    case 'topup':
      // The built-in top-up fulfilment's terms: credits the global currency to this card's
      // wallet (the card named, wherever its money is now), or to the buyer's own wallet.
      return { kind: 'topup', metadata: { ...(line.cardUid ? { cardUid: line.cardUid } : { walletId: line.walletId }), amount: String(line.amount), userId: basket.userId } };
  }
}

function required(checkout: CheckoutRecord, key: string): string {
  const value = checkout.metadata[key];
  if (!value) throw new AppError('INVALID_INPUT', `checkout metadata: ${key} is required`, { reason: 'BAD_METADATA' });
  return value;
}
