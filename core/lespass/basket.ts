// One basket, one payment: a membership, a global-currency top-up of the buyer's Pass wallet
// and tickets, paid together in one checkout (kind `basket`). Each line is prepared as it
// would be alone (a reservation holding seats, a membership order, a top-up's terms), so that
// the basket's fulfilment can hand each line to that line's own fulfilment (fulfilment.ts).
// A guest (no session) may buy too, under the user of the email they give: tickets and a
// membership for that email; a top-up then needs the printed number of the Pass to credit,
// since crediting the wallet of an email nobody proved would hand money to whoever owns it.
// Looking a number up is rate-limited per buyer: printed numbers may be guessable, and an
// unlinked card holds money to anyone who links it.
// Invariants: the basket's total is the sum of its lines, all in integer cents; nothing
// holds seats once a basket is refused or its checkout could not start; the same request id
// returns the same basket (a double click is one checkout). A promo code is taken once per
// basket (promotions/), its discount written into each line it applies to (a reservation's or
// an order's own total), and given back when the basket is refused; a top-up is money, never
// discounted.
import type { StoreRateLimiter } from '../accounts/rate-limit.js';
import type { Clock } from '../clock/port.js';
import type { MembershipOrders } from '../memberships/orders.js';
import type { Checkouts } from '../payments/checkouts.js';
import type { CheckoutLine, PaymentProvider } from '../payments/port.js';
import { startCheckout } from '../payments/start-checkout.js';
import { promoNotApplicable, sumTerms, termsMetadata, type PromoClaim, type PromoCodes, type PromoDiscount, type PurchaseTerms } from '../promotions/index.js';
import { AppError, isAppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import { checkoutLinesOf, reservationTerms, type BookingService, type Buyer } from '../ticketing/booking.js';
import type { EventService } from '../ticketing/events.js';
import type { BookingLines } from '../ticketing/schemas.js';
import type { Reservation } from '../ticketing/types.js';

export type BasketLineInput =
  | { type: 'membership'; productId: string; answers?: Record<string, string>; /** The price chosen, at a pay-what-you-want membership. */ amount?: number }
  | { type: 'topup'; amount: number; /** The printed number of the Pass to credit; required of a guest. */ cardNumber?: string }
  | { type: 'tickets'; eventId: string; lines: BookingLines };

export type BasketLine =
  | { type: 'membership'; orderId: string; name: string; amount: number; terms?: PurchaseTerms }
  | { type: 'topup'; walletId: string; /** Set when a Pass was named: the credit follows the card to whichever wallet holds it when paid. */ cardUid?: string; name: string; amount: number }
  | { type: 'tickets'; reservationId: string; name: string; amount: number; checkoutLines: CheckoutLine[]; terms?: PurchaseTerms };

export interface Basket {
  _id: string;
  collectiveId: string;
  requestId: string;
  userId: string;
  email: string;
  lines: BasketLine[];
  /** The sum of the lines, each already less its share of `discount`. */
  total: number;
  promoCode?: string;
  discount?: number;
  state: 'pending' | 'fulfilled' | 'abandoned';
  checkoutSessionId?: string;
  checkoutUrl?: string;
  fulfilledAt?: number;
  createdAt: number;
}

export interface BasketRequest {
  collectiveId: string;
  siteSlug: string;
  requestId: string;
  buyer: Buyer;
  lines: BasketLineInput[];
  promoCode?: string;
}

/** What a basket needs of a Pass card named by its printed number. */
export interface PassCardRef {
  uid: string;
  number: string;
  walletId: string;
  state: 'active' | 'blocked';
}

export const cardLookupsPerHour = 10;

export interface BasketDeps {
  clock: Clock;
  events: EventService;
  booking: BookingService;
  orders: MembershipOrders;
  promos: PromoCodes;
  provider: PaymentProvider;
  checkouts: Checkouts;
  publicUrl: string;
  walletOfUser(userId: string): string;
  cardByNumber(number: string): Promise<PassCardRef | null>;
  limiter: Pick<StoreRateLimiter, 'hit'>;
  /** Delivers a basket that costs nothing (free tickets, free membership) at once. */
  fulfilFree(basket: Basket): Promise<unknown>;
}

export class BasketService {
  readonly docs: Collection<Basket>;

  constructor(
    store: Store,
    private readonly deps: BasketDeps,
  ) {
    this.docs = store.collection<Basket>('baskets');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'request_unique', keys: { requestId: 1 }, unique: true }]);
  }

  /** Prepares every line, then opens one checkout for the lot; `checkoutUrl` null when it was free. */
  async checkout(request: BasketRequest): Promise<{ basket: Basket; checkoutUrl: string | null }> {
    const existing = await this.docs.findOne({ requestId: request.requestId });
    if (existing) return this.replay(existing, request);
    checkShape(request.lines);
    const basketId = newId('bsk_');
    const held: Reservation[] = [];
    const claim = request.promoCode ? await this.deps.promos.claim(request.collectiveId, request.promoCode, request.requestId) : null;
    try {
      const lines: BasketLine[] = [];
      for (const [i, input] of request.lines.entries()) lines.push(await prefixed(`lines.${i}`, () => this.prepare(basketId, i, input, request, held, claim?.discount)));
      if (claim && !claim.discount.total) throw promoNotApplicable();
      const now = this.deps.clock.now();
      const promo = claim ? { promoCode: claim.discount.code.code, discount: claim.discount.total } : {};
      const basket: Basket = { _id: basketId, collectiveId: request.collectiveId, requestId: request.requestId, userId: request.buyer.userId, email: request.buyer.email, lines, total: lines.reduce((s, l) => s + l.amount, 0), ...promo, state: 'pending', createdAt: now };
      try {
        await this.docs.insertOne(basket);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        await this.release(held, null); // the code's use belongs to the request, whose basket won
        return this.replay((await this.docs.findOne({ requestId: request.requestId }))!, request);
      }
      if (basket.total === 0) {
        await this.deps.fulfilFree(basket);
        return { basket: await this.get(basketId), checkoutUrl: null };
      }
      return { basket, checkoutUrl: await this.openCheckout(basket, request.siteSlug) };
    } catch (err) {
      await this.release(held, claim);
      await this.docs.updateOne({ _id: basketId, state: 'pending' }, { $set: { state: 'abandoned' } });
      throw err;
    }
  }

  async get(basketId: string): Promise<Basket> {
    const basket = await this.docs.findOne({ _id: basketId });
    if (!basket) throw new AppError('NOT_FOUND', 'no such basket');
    return basket;
  }

  async markFulfilled(basketId: string): Promise<void> {
    await this.docs.updateOne({ _id: basketId, state: 'pending' }, { $set: { state: 'fulfilled', fulfilledAt: this.deps.clock.now() } });
  }

  private async prepare(basketId: string, i: number, input: BasketLineInput, request: BasketRequest, held: Reservation[], promo?: PromoDiscount): Promise<BasketLine> {
    const { buyer, collectiveId } = request;
    switch (input.type) {
      case 'topup':
        return this.topUpLine(input, buyer);
      case 'membership': {
        const person = { _id: buyer.userId, email: buyer.email, name: buyer.holder };
        const order = await this.deps.orders.create(collectiveId, input.productId, person, { answers: input.answers, basketId, fieldPrefix: 'answers', chosenPrice: input.amount, promo });
        const terms = { discount: order.discount ?? 0, promoCode: order.promoCode, payWhatYouWant: order.chosenPrice ?? 0 };
        return { type: 'membership', orderId: order._id, name: order.productName, amount: order.amount, terms };
      }
      case 'tickets': {
        const reservation = await this.deps.booking.hold({ collectiveId, siteSlug: request.siteSlug, eventId: input.eventId, requestId: `${request.requestId}:${i}`, buyer, lines: input.lines }, { basketId, promo, membershipInBasket: request.lines.some((l) => l.type === 'membership') });
        held.push(reservation);
        const event = await this.deps.events.get(collectiveId, input.eventId);
        return { type: 'tickets', reservationId: reservation._id, name: event.title, amount: reservation.total, checkoutLines: checkoutLinesOf(reservation, event), terms: reservationTerms(reservation) };
      }
    }
  }

  private async topUpLine(input: { amount: number; cardNumber?: string }, buyer: Buyer): Promise<BasketLine> {
    const number = input.cardNumber?.trim();
    if (!number) {
      if (!buyer.signedIn) throw new AppError('INVALID_INPUT', 'a guest tops up a Pass by its printed number', { fields: { cardNumber: 'required' } });
      return { type: 'topup', walletId: this.deps.walletOfUser(buyer.userId), name: 'Recharge Pass', amount: input.amount };
    }
    await this.deps.limiter.hit(`card-number:${buyer.userId}`, { max: cardLookupsPerHour, windowMs: 3_600_000 });
    const card = await this.deps.cardByNumber(number);
    if (!card) throw new AppError('NOT_FOUND', 'no Pass has this number', { fields: { cardNumber: 'no Pass has this number' } });
    if (card.state === 'blocked') throw new AppError('CARD_BLOCKED', 'this Pass is blocked', { fields: { cardNumber: 'this Pass is blocked' } });
    return { type: 'topup', walletId: card.walletId, cardUid: card.uid, name: `Recharge Pass ${card.number}`, amount: input.amount };
  }

  private async openCheckout(basket: Basket, siteSlug: string): Promise<string> {
    const site = `${this.deps.publicUrl}/${encodeURIComponent(siteSlug)}`;
    const lines: CheckoutLine[] = basket.lines.flatMap((l) => (l.type === 'tickets' ? l.checkoutLines : l.amount > 0 ? [{ name: l.name, amount: l.amount, qty: 1 }] : []));
    const terms = termsMetadata(sumTerms(basket.lines.flatMap((l) => (l.type === 'topup' || !l.terms ? [] : [l.terms]))));
    const session = await startCheckout(this.deps.provider, this.deps.checkouts, {
      reference: basket._id,
      lines,
      customerEmail: basket.email,
      successUrl: `${site}/account?basket=${basket._id}`,
      cancelUrl: `${site}/account?basket=${basket._id}&cancelled=1`,
      metadata: { kind: 'basket', basketId: basket._id, collectiveId: basket.collectiveId, userId: basket.userId, ...terms },
    });
    await this.docs.updateOne({ _id: basket._id }, { $set: { checkoutSessionId: session.sessionId, checkoutUrl: session.url } });
    return session.url;
  }

  private async replay(basket: Basket, request: BasketRequest): Promise<{ basket: Basket; checkoutUrl: string | null }> {
    if (basket.userId !== request.buyer.userId || basket.collectiveId !== request.collectiveId) {
      throw new AppError('DUPLICATE_TX_CONFLICT', 'this request id was used for another basket', { fields: { requestId: 'already used' } });
    }
    if (basket.state === 'abandoned') throw new AppError('CONFLICT', 'this basket could not be paid: start a new one');
    return { basket, checkoutUrl: basket.state === 'pending' ? (basket.checkoutUrl ?? null) : null };
  }

  private async release(held: Reservation[], claim: PromoClaim | null): Promise<void> {
    for (const r of held) await this.deps.booking.abandon(r);
    if (claim) await this.deps.promos.giveBack(claim);
  }
}

function checkShape(lines: BasketLineInput[]): void {
  if (!lines.length || lines.length > 20) throw new AppError('INVALID_INPUT', 'a basket has 1 to 20 lines', { fields: { lines: '1 to 20 lines' } });
  const topups = lines.filter((l) => l.type === 'topup');
  if (topups.length > 1) throw new AppError('INVALID_INPUT', 'one top-up per basket', { fields: { lines: 'one top-up per basket' } });
  for (const [i, l] of lines.entries()) {
    if (l.type === 'topup' && (!Number.isSafeInteger(l.amount) || l.amount <= 0 || l.amount > limits.maxAmountCents)) {
      throw new AppError('INVALID_AMOUNT', 'a top-up is a positive whole number of cents', { fields: { [`lines.${i}.amount`]: `between 1 and ${limits.maxAmountCents} cents` } });
    }
  }
}

/** Runs a line's preparation; form errors it raises are renamed to point into the basket (`lines.2.answers.size`). */
async function prefixed<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isAppError(err) || !err.details.fields) throw err;
    const fields = Object.fromEntries(Object.entries(err.details.fields as Record<string, string>).map(([k, v]) => [`${prefix}.${k}`, v]));
    throw new AppError(err.code, err.message, { ...err.details, fields });
  }
}
