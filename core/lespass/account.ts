// A person's own account page: their Pass cards and balances, tickets, memberships,
// subscriptions and payments; linking a Pass by its printed number, reporting one lost, and
// topping up the global currency online. Every action concerns the signed-in user only.
// Linking needs the printed number and the claim code printed beside it (numbers are public, and
// a card not yet linked holds money); failed claims are throttled per account and per card.
import { accounts } from '../money/accounts.js';
import type { Ledger } from '../money/ledger.js';
import { cardHistory, type PlaceNames } from './card-history.js';
import type { StoreRateLimiter } from '../accounts/rate-limit.js';
import { userWalletId, type User } from '../accounts/users.js';
import type { Clock } from '../clock/port.js';
import type { Members } from '../memberships/members.js';
import { memberView } from '../memberships/members.js';
import type { Checkouts } from '../payments/checkouts.js';
import type { PaymentProvider } from '../payments/port.js';
import { startCheckout } from '../payments/start-checkout.js';
import type { Card } from '../pass/cards.js';
import { sameClaimCode } from '../pass/claim-code.js';
import type { PassService } from '../pass/service.js';
import { globalAsset } from '../money/assets.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import type { EventService } from '../ticketing/events.js';
import type { ReservationBook } from '../ticketing/reservations.js';
import type { TicketBook } from '../ticketing/tickets.js';
import { reservationView, ticketView } from '../ticketing/views.js';

/** Failed Pass claims (wrong number or claim code) allowed per hour, per account and per card. */
export const failedClaimsPerUser = { max: 10, windowMs: 3_600_000 };
export const failedClaimsPerCard = { max: 5, windowMs: 3_600_000 };

export interface AccountDeps {
  clock: Clock;
  pass: PassService;
  tickets: TicketBook;
  events: EventService;
  reservations: ReservationBook;
  members: Members;
  checkouts: Checkouts;
  provider: PaymentProvider;
  limiter: StoreRateLimiter;
  publicUrl: string;
  ledger: Ledger;
  places: PlaceNames;
}

export class AccountPages {
  constructor(private readonly deps: AccountDeps) {}

  async me(user: User) {
    const { pass, clock } = this.deps;
    const walletId = userWalletId(user._id);
    const cards = await pass.cards.ofUser(user._id);
    const balances = await pass.walletBalances(walletId);
    const cardViews = await Promise.all(
      cards.map(async (c) => ({ id: c._id, number: c.number, state: c.state, walletId: c.walletId, balances: c.walletId === walletId ? balances : await pass.walletBalances(c.walletId) })),
    );
    const now = clock.now();
    const held = (await this.deps.members.ofUser(user._id)).map((m) => memberView(m, now));
    return {
      user: { id: user._id, email: user.email, name: user.name ?? null },
      wallet: { walletId, balances },
      cards: cardViews,
      tickets: await this.ticketsOf(user._id),
      // A pending booking can still be paid: its checkout is given back.
      bookings: (await this.deps.reservations.ofUser(user._id)).map((r) => ({ ...reservationView(r), checkoutUrl: r.state === 'pending' ? (r.checkoutUrl ?? null) : null })),
      memberships: held.filter((m) => !m.subscription),
      subscriptions: held.filter((m) => m.subscription),
      payments: await this.paymentsOf(user._id),
      // The Pass's own history: payments at bars, top-ups, refunds, with place and time.
      // A linked card's own wallet holds what it did before the link; moves between these wallets net to nothing.
      history: await cardHistory(this.deps.ledger, [...new Set([walletId, ...cards.flatMap((c) => [c.walletId, accounts.cardWallet(c._id)])])], this.deps.places),
    };
  }

  /**
   * Links the Pass printed with this number to the user, if the claim code printed beside it
   * matches: its balance moves to the user's wallet. Failed claims are counted per account and
   * per card number, and refused alike whether the number or the code was wrong.
   */
  async linkCard(user: User, input: { number: string; claimCode: string; txId?: string }): Promise<Card> {
    const number = input.number.trim();
    const keys = [`link-card:user:${user._id}`, `link-card:card:${number.toUpperCase()}`];
    const rules = [failedClaimsPerUser, failedClaimsPerCard];
    for (const [i, key] of keys.entries()) await this.deps.limiter.refuseOver(key, rules[i]!);
    const card = await this.deps.pass.cards.byNumber(number);
    if (!card || !sameClaimCode(card.claimCode, input.claimCode)) {
      for (const [i, key] of keys.entries()) await this.deps.limiter.record(key, rules[i]!);
      throw new AppError('NOT_FOUND', 'no Pass has this number and claim code', { fields: { claimCode: 'no Pass has this number and claim code' } });
    }
    if (card.userId && card.userId !== user._id) throw new AppError('CONFLICT', 'this Pass is linked to another account', { fields: { number: 'linked to another account' } });
    if (card.state === 'blocked') throw new AppError('CARD_BLOCKED', 'this Pass is blocked', { fields: { number: 'this Pass is blocked' } });
    if (card.userId !== user._id) {
      // Derived when the client sends none: linking the same card again replays, moving nothing.
      await this.deps.pass.linkCardToUser({ txId: input.txId ?? `link:${card._id}`, cardUid: card.uid, userId: user._id });
    }
    // Tickets bought before the card was linked now show on a tap too.
    await this.deps.tickets.attachToWallet(user._id, userWalletId(user._id));
    return (await this.deps.pass.cards.byId(card._id))!;
  }

  /** Blocks one of the user's cards; its money stays in the user's wallet for a new card. */
  async reportLost(user: User, cardId: string): Promise<Card> {
    const card = await this.deps.pass.cards.byId(cardId);
    if (!card || card.userId !== user._id) throw new AppError('NOT_FOUND', 'no such Pass on this account');
    if (card.state !== 'blocked') await this.deps.pass.block(card.uid);
    return (await this.deps.pass.cards.byId(card._id))!;
  }

  /** An online top-up of the global currency on the user's wallet: the checkout to pay it. */
  async topUp(user: User, input: { amount: number; collectiveId: string; siteSlug: string; requestId?: string }): Promise<{ checkoutUrl: string; reference: string }> {
    if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > limits.maxAmountCents) {
      throw new AppError('INVALID_AMOUNT', 'a top-up is a positive whole number of cents', { fields: { amount: `between 1 and ${limits.maxAmountCents} cents` } });
    }
    const reference = `topup_${input.requestId ?? newId()}`;
    const site = `${this.deps.publicUrl}/${encodeURIComponent(input.siteSlug)}`;
    const session = await startCheckout(this.deps.provider, this.deps.checkouts, {
      reference,
      lines: [{ name: 'Recharge Pass', amount: input.amount, qty: 1 }],
      customerEmail: user.email,
      successUrl: `${site}/account?topup=${reference}`,
      cancelUrl: `${site}/account`,
      // The built-in top-up fulfilment's terms (workers/checkout-fulfilment.ts).
      metadata: { kind: 'topup', walletId: userWalletId(user._id), amount: String(input.amount), collectiveId: input.collectiveId, userId: user._id, asset: globalAsset },
    });
    return { checkoutUrl: session.url, reference };
  }

  private async ticketsOf(userId: string) {
    const tickets = await this.deps.tickets.ofUser(userId);
    const events = new Map<string, Awaited<ReturnType<EventService['byId']>>>();
    for (const id of new Set(tickets.map((t) => t.eventId))) events.set(id, await this.deps.events.byId(id));
    return tickets.map((t) => ticketView(t, events.get(t.eventId)));
  }

  private async paymentsOf(userId: string) {
    const rows = await this.deps.checkouts.collection.find({ 'metadata.userId': userId }, { sort: { createdAt: -1 }, limit: 50 });
    return rows.map((c) => ({
      id: c._id,
      // What the purchase is known by: the reservation, basket or top-up reference (GET /api/sites/:slug/orders/:reference).
      reference: c.reference ?? c.metadata.reference ?? null,
      kind: c.kind ?? null,
      state: c.state,
      amount: c.amountTotal ?? 0,
      refunded: c.refundedTotal ?? 0,
      collectiveId: c.metadata.collectiveId ?? null,
      createdAt: c.createdAt,
      paidAt: c.paidAt ?? null,
    }));
  }
}
