// Wires Lespass on one node: the public's accounts (magic links, sessions), ticketing,
// memberships, baskets, the site and account views, the payments report, the status of an
// order for its buyer; and what others plug in: checkout fulfilments (workers/lespass.ts) and
// a wallet's rights (Pass taps).
import { MagicLinks } from '../accounts/magic-links.js';
import { StoreRateLimiter } from '../accounts/rate-limit.js';
import { UserSessions } from '../accounts/user-sessions.js';
import { userIdOfWallet, userWalletId, UserService } from '../accounts/users.js';
import type { Clock } from '../clock/port.js';
import type { CollectiveService } from '../collectives/service.js';
import type { VillageService } from '../collectives/villages.js';
import type { Config } from '../config/config.js';
import type { Jobs } from '../jobs/port.js';
import { startMemberships, type Memberships } from '../memberships/module.js';
import type { Ledger } from '../money/ledger.js';
import type { Checkouts } from '../payments/checkouts.js';
import type { PaymentProvider } from '../payments/port.js';
import type { PassService } from '../pass/service.js';
import { PromoCodes } from '../promotions/index.js';
import { SubscriptionService } from '../subscriptions/index.js';
import type { Store } from '../store/port.js';
import { startDoor, type DoorModule } from '../door/index.js';
import { startTicketing, type Ticketing } from '../ticketing/module.js';
import type { TicketRight } from '../ticketing/tickets.js';
import { AccountPages } from './account.js';
import { BasketService } from './basket.js';
import { freeCheckoutOf, lespassFulfilments, type Fulfilment, type LespassFulfilmentDeps, type LespassFulfilments } from './fulfilment.js';
import { OrderStatuses } from './order-status.js';
import { PaymentsReports } from './payments-report.js';
import { Sites } from './site.js';

export interface LespassDeps {
  store: Store;
  clock: Clock;
  jobs: Jobs;
  config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>;
  /** Signs ticket codes; the email worker signs the mailed QR codes with the same (core.ticketSecret). */
  ticketSecret: string;
  collectives: CollectiveService;
  villages: VillageService;
  pass: PassService;
  ledger: Ledger;
  payments: PaymentProvider;
  checkouts: Checkouts;
  /** How long seats of a paid booking wait for the payment (default 30 min). */
  holdMs?: number;
  /** A point of sale's name, for the card history (null when unknown). */
  posName?: (posId: string) => Promise<string | null>;
}

export interface Lespass {
  users: UserService;
  userSessions: UserSessions;
  magicLinks: MagicLinks;
  limiter: StoreRateLimiter;
  ticketing: Ticketing;
  /** Door scanners and scans (core/door). */
  door: DoorModule;
  memberships: Memberships;
  baskets: BasketService;
  sites: Sites;
  account: AccountPages;
  payments: PaymentsReports;
  /** Promo codes of each collective, taken at booking and basket. */
  promos: PromoCodes;
  /** Recurring subscriptions paid through the payment port. */
  subscriptions: SubscriptionService;
  /** Where a purchase stands, to its buyer (session or order token). */
  orders: OrderStatuses;
  /** Public base URL (mails, checkout return pages), without a trailing slash. */
  publicUrl: string;
  /** Fulfilments per checkout kind; `fulfilmentOf` gives the others (the built-in top-up). */
  fulfilments<C>(fulfilmentOf: (kind: string) => Fulfilment<C> | undefined): LespassFulfilments<C>;
  /** Tickets and memberships a Pass tap shows for a wallet. */
  /**
   * Tickets and running memberships shown when a Pass is tapped. `holder` is the card's userId when
   * the caller already holds the card (null: an anonymous card), which spares a read per tap.
   */
  rightsOf(walletId: string, holder?: string | null): Promise<{ tickets: TicketRight[]; memberships: Array<{ memberId: string; collectiveId: string; name: string; validUntil: number }> }>;
}

export async function startLespassModule(deps: LespassDeps): Promise<Lespass> {
  const { store, clock, jobs, collectives, pass, checkouts } = deps;
  const publicUrl = (deps.config.PUBLIC_URL ?? `http://${deps.config.HOST}:${deps.config.PORT}`).replace(/\/+$/, '');
  const ticketSecret = deps.ticketSecret;
  const users = new UserService(store, clock);
  await users.start();
  const limiter = new StoreRateLimiter(store, clock);
  await limiter.start();
  const userSessions = new UserSessions(store, clock, users);
  await userSessions.start();
  const magicLinks = new MagicLinks(store, { clock, jobs, users, limiter, publicUrl });
  await magicLinks.start();

  const hasLinkedCard = async (userId: string) => (await pass.cards.ofUser(userId)).length > 0;
  const userOfWallet = async (walletId: string) => {
    const own = userIdOfWallet(walletId);
    if (own) return own;
    return walletId.startsWith('card:') ? ((await pass.cards.byId(walletId.slice('card:'.length)))?.userId ?? null) : null;
  };
  const memberships = await startMemberships({
    store,
    clock,
    jobs,
    findOrCreateUser: (email, name) => users.findOrCreateByEmail(email, name),
    userOfWallet,
    collectiveName: async (id) => (await collectives.get(id)).name,
    collectiveLang: async (id) => (await collectives.get(id)).lang ?? 'fr',
  });
  const promos = new PromoCodes(store, clock);
  await promos.start();
  const paymentDeps = { provider: deps.payments, checkouts, publicUrl };
  const ticketing = await startTicketing({
    store,
    clock,
    jobs,
    payments: paymentDeps,
    ticketSecret,
    holdMs: deps.holdMs,
    walletOfUser: async (userId) => ((await hasLinkedCard(userId)) ? userWalletId(userId) : null),
    collectiveOf: async (id) => {
      const c = await collectives.get(id);
      return { name: c.name, timezone: c.timezone, colour: c.colours.primary, logoUrl: c.logoUrl, lang: c.lang ?? 'fr' };
    },
    isMember: (collectiveId, userId, at) => memberships.members.isMember(collectiveId, { userId }, at),
    promos,
  });

  const door = await startDoor({ store, clock, tickets: ticketing.tickets, events: ticketing.events });

  const baskets: BasketService = new BasketService(store, {
    clock,
    events: ticketing.events,
    booking: ticketing.booking,
    orders: memberships.orders,
    promos,
    provider: deps.payments,
    checkouts,
    publicUrl,
    walletOfUser: userWalletId,
    cardByNumber: (number) => pass.cards.byNumber(number),
    limiter,
    // A free basket has no top-up (a top-up costs money): its lines need no other kind's fulfilment.
    fulfilFree: (basket) => lespassFulfilments<undefined>(fulfilmentDeps, () => undefined).basket.fulfilBasket(basket, freeCheckoutOf(basket), undefined),
  });
  await baskets.start();
  const subscriptions = new SubscriptionService(store, { clock, products: memberships.products, members: memberships.members, provider: deps.payments, checkouts, publicUrl });
  await subscriptions.start();
  const fulfilmentDeps: LespassFulfilmentDeps = { reservationPayments: ticketing.reservationPayments, reservations: ticketing.reservations, orders: memberships.orders, baskets };

  return {
    users,
    userSessions,
    magicLinks,
    limiter,
    ticketing,
    door,
    memberships,
    baskets,
    sites: new Sites({ collectives, villages: deps.villages, events: ticketing.events, reservations: ticketing.reservations, products: memberships.products }),
    account: new AccountPages({ clock, pass, tickets: ticketing.tickets, events: ticketing.events, reservations: ticketing.reservations, members: memberships.members, checkouts, provider: deps.payments, limiter, publicUrl, ledger: deps.ledger, places: { collectiveName: async (id) => (await collectives.get(id)).name, posName: deps.posName ?? (async () => null) } }),
    promos,
    subscriptions,
    payments: new PaymentsReports({ checkouts, ledger: deps.ledger, members: memberships.members }),
    orders: new OrderStatuses({ secret: ticketSecret, reservations: ticketing.reservations, tickets: ticketing.tickets, events: ticketing.events, baskets, checkouts }),
    publicUrl,
    fulfilments: (fulfilmentOf) => lespassFulfilments(fulfilmentDeps, fulfilmentOf),
    rightsOf: async (walletId, holder) => {
      const userId = holder === undefined ? await userOfWallet(walletId) : (userIdOfWallet(walletId) ?? holder);
      // Tickets and memberships belong to a person: an anonymous card's wallet holds none (tickets
      // are only ever attached to a holder's wallet), and the common tap at a bar reads nothing.
      if (!userId) return { tickets: [], memberships: [] };
      return { tickets: await ticketing.tickets.rightsOf(walletId), memberships: await memberships.members.rightsOfUser(userId) };
    },
  };
}

