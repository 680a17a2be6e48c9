// Lespass, public side: each collective's site, booking, the basket, magic-link sign-in and the
// person's own account. Everything here is on a public router (no admin session); what concerns
// a person needs their `pass_user` session, and only ever reads or changes their own things.
//   GET  /sites/:slug                      profile + village
//   GET  /sites/:slug/agenda?scope=mine|village
//   GET  /sites/:slug/events/:eventId
//   GET  /sites/:slug/memberships          this collective's, then its village's
//   POST /sites/:slug/bookings             free: tickets at once; paid: checkoutUrl
//   POST /sites/:slug/basket/checkout      membership + top-up + tickets, one checkout
//   GET  /sites/:slug/orders/:reference    where a purchase stands (and its tickets once paid)
//   POST /auth/magic-link                  mails a sign-in link (always 202: says nothing of the email)
//   GET  /auth/magic/:token                signs in, 303 to the account page
//   GET  /me, POST /me/logout, POST /me/cards/link, POST /me/cards/:cardId/lost, POST /me/topup
// Bookings and baskets take a guest's `{name, email}` when no one is signed in (bounded per
// client IP); `name` is the ticket holder's, for anyone. Every purchase answers its `reference`
// and an `orderToken`: the order read is given only to the buyer's own session or to a request
// carrying that token in the `X-Order-Token` header (never in the URL: addresses end up in
// logs, browser history and Referer headers).
import type { Request, Router } from 'express';
import { z } from 'zod';
import { displayName } from '../../../core/accounts/users.js';
import type { Core } from '../../../core/runtime/boot.js';
import { AppError, isAppError } from '../../../core/shared/errors.js';
import { limits } from '../../../core/shared/limits.js';
import type { Buyer } from '../../../core/ticketing/booking.js';
import { bookingLinesSchema, requestIdSchema } from '../../../core/ticketing/schemas.js';
import { reservationView, ticketView } from '../../../core/ticketing/views.js';
import { form } from '../form.js';
import { clearUserCookie, loadUser, setUserCookie, userOf, userToken } from '../user-session.js';

const id = z.string().min(1).max(80);
const slug = z.string().min(1).max(40);
const email = z.string().trim().min(3).max(254);
const personName = z.string().trim().min(1).max(120);
const cents = z.number().int().min(1).max(limits.maxAmountCents);
const siteParams = z.object({ slug });
const guestBookingsPerIp = { max: 30, windowMs: 15 * 60_000 };

const agendaQuery = z.object({
  scope: z.enum(['mine', 'village']).default('mine'),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
});

const promoCode = z.string().trim().min(1).max(40);
const bookingBody = z
  .object({ eventId: id, lines: bookingLinesSchema, requestId: requestIdSchema, email: email.optional(), name: personName.optional(), promoCode: promoCode.optional() })
  .strict();
const cardNumber = z.string().trim().min(1).max(40);

const basketLine = z.discriminatedUnion('type', [
  z.object({ type: z.literal('membership'), productId: id, answers: z.record(z.string().max(40), z.string().max(500)).optional(), amount: z.number().int().min(0).max(limits.maxAmountCents).optional() }).strict(),
  z.object({ type: z.literal('topup'), amount: cents, cardNumber: cardNumber.optional() }).strict(),
  z.object({ type: z.literal('tickets'), eventId: id, lines: bookingLinesSchema }).strict(),
]);
const basketBody = z.object({ requestId: requestIdSchema, lines: z.array(basketLine).min(1).max(20), email: email.optional(), name: personName.optional(), promoCode: promoCode.optional() }).strict();
const orderParams = z.object({ slug, reference: z.string().min(1).max(120) });

export function lespassRoutes(router: Router, core: Core): void {
  const { sites } = core.lespass;

  router.get('/sites/:slug', form({ params: siteParams }, ({ params }) => sites.profile(params.slug)));

  router.get(
    '/sites/:slug/agenda',
    form({ params: siteParams, query: agendaQuery }, async ({ params, query }) => ({ scope: query.scope, events: await sites.agenda(params.slug, query.scope, { from: query.from, to: query.to }) })),
  );

  router.get('/sites/:slug/events/:eventId', form({ params: z.object({ slug, eventId: id }) }, async ({ params }) => ({ event: await sites.event(params.slug, params.eventId) })));

  router.get('/sites/:slug/memberships', form({ params: siteParams }, ({ params }) => sites.memberships(params.slug)));

  router.post(
    '/sites/:slug/bookings',
    form({ params: siteParams, body: bookingBody }, async ({ params, body }, req, res) => {
      const collective = await sites.collective(params.slug);
      const buyer = await buyerOf(core, req, body);
      const result = await core.lespass.ticketing.booking.book({ collectiveId: collective._id, siteSlug: collective.slug, eventId: body.eventId, requestId: body.requestId, buyer, lines: body.lines, promoCode: body.promoCode });
      res.status(201);
      const event = await core.lespass.ticketing.events.byId(result.reservation.eventId);
      const reference = result.reservation._id;
      return {
        reservation: reservationView(result.reservation),
        tickets: result.tickets.map((t) => ticketView(t, event)),
        checkoutUrl: result.checkoutUrl,
        reference,
        orderToken: core.lespass.orders.tokenOf(reference),
      };
    }),
  );

  router.post(
    '/sites/:slug/basket/checkout',
    form({ params: siteParams, body: basketBody }, async ({ params, body }, req, res) => {
      const collective = await sites.collective(params.slug);
      const buyer = await buyerOf(core, req, body);
      const { basket, checkoutUrl } = await core.lespass.baskets.checkout({ collectiveId: collective._id, siteSlug: collective.slug, requestId: body.requestId, buyer, lines: body.lines, promoCode: body.promoCode });
      res.status(201);
      return {
        basket: { id: basket._id, total: basket.total, discount: basket.discount ?? 0, promoCode: basket.promoCode ?? null, state: basket.state, lines: basket.lines.map(({ type, name, amount }) => ({ type, name, amount })) },
        checkoutUrl,
        reference: basket._id,
        orderToken: core.lespass.orders.tokenOf(basket._id),
      };
    }),
  );

  router.get(
    '/sites/:slug/orders/:reference',
    form({ params: orderParams }, async ({ params }, req, res) => {
      const collective = await sites.collective(params.slug);
      const user = await loadUser(req);
      const order = await core.lespass.orders.status(collective._id, params.reference, { userId: user?._id, token: req.get('x-order-token') });
      res.set('cache-control', 'no-store'); // it may carry ticket codes
      return { order };
    }),
  );

  router.post(
    '/auth/magic-link',
    form({ body: z.object({ email, site: slug.optional(), lang: z.enum(['fr', 'en']).optional() }).strict() }, async ({ body }, req, res) => {
      const site = body.site ? await sites.collective(body.site).catch(() => null) : null;
      if (body.site && !site) throw new AppError('NOT_FOUND', 'no such site', { fields: { site: 'no such site' } });
      // The mail speaks the page's language (sent by the page), else the collective's.
      const lang = body.lang ?? (req.get('accept-language') ? req.acceptsLanguages('fr', 'en') || undefined : undefined);
      await core.lespass.magicLinks.request({ email: body.email, site: site ? { slug: site.slug, name: site.name, lang: site.lang } : undefined, ip: req.ip, lang });
      res.status(202);
      return { sent: true };
    }),
  );

  router.get(
    '/auth/magic/:token',
    form({ params: z.object({ token: z.string().min(1).max(200) }) }, async ({ params }, _req, res) => {
      try {
        const { user, siteSlug } = await core.lespass.magicLinks.verify(params.token);
        const session = await core.lespass.userSessions.open(user._id);
        setUserCookie(res, core, session.token, session.expiresAt);
        res.redirect(303, siteSlug ? `/${siteSlug}/account` : '/');
      } catch (err) {
        if (!isAppError(err) || err.code !== 'UNAUTHORIZED') throw err;
        const siteSlug = err.details.siteSlug as string | null;
        res.redirect(303, siteSlug ? `/${siteSlug}/account?login=expired` : '/?login=expired');
      }
    }),
  );

  // `?guest=ok`: a page that only wants to know who is there gets {guest: true} rather than a 401
  // (a refused request is logged as an error by browsers on every anonymous page).
  router.get(
    '/me',
    form({ query: z.object({ guest: z.literal('ok').optional() }) }, async ({ query }, req) => {
      const user = await loadUser(req);
      if (!user && query.guest) return { guest: true };
      return core.lespass.account.me(await userOf(req));
    }),
  );

  router.post(
    '/me/logout',
    form({}, async (_input, req, res) => {
      const token = userToken(req);
      if (token) await core.lespass.userSessions.close(token);
      clearUserCookie(res, core);
    }),
  );

  router.post(
    '/me/cards/link',
    form({ body: z.object({ number: z.string().trim().min(1).max(40), claimCode: z.string().trim().min(1).max(40), txId: requestIdSchema.optional() }).strict() }, async ({ body }, req) => {
      const card = await core.lespass.account.linkCard(await userOf(req), body);
      return { card: { id: card._id, number: card.number, state: card.state } };
    }),
  );

  router.post(
    '/me/cards/:cardId/lost',
    form({ params: z.object({ cardId: id }) }, async ({ params }, req) => {
      const card = await core.lespass.account.reportLost(await userOf(req), params.cardId);
      return { card: { id: card._id, number: card.number, state: card.state } };
    }),
  );

  router.post(
    '/me/topup',
    form({ body: z.object({ amount: cents, site: slug.optional(), requestId: requestIdSchema.optional() }).strict() }, async ({ body }, req, res) => {
      const user = await userOf(req);
      const collective = await siteOfTopUp(core, user._id, body.site);
      const { checkoutUrl, reference } = await core.lespass.account.topUp(user, { amount: body.amount, collectiveId: collective._id, siteSlug: collective.slug, requestId: body.requestId });
      res.status(201);
      return { checkoutUrl, reference, orderToken: core.lespass.orders.tokenOf(reference) };
    }),
  );
}

/**
 * Who buys: the signed-in person, else a guest by the email given (tickets are mailed there;
 * member prices and a top-up of the person's own wallet need a session). Guests make the
 * site mail any address: bounded per client, as sign-in links are.
 */
async function buyerOf(core: Core, req: Request, body: { email?: string; name?: string }): Promise<Buyer> {
  const signedIn = await loadUser(req);
  if (!signedIn && !body.email) throw new AppError('INVALID_INPUT', 'sign in or give an email to receive the tickets', { fields: { email: 'required' } });
  if (!signedIn) await core.lespass.limiter.hit(`guest-booking:ip:${req.ip}`, guestBookingsPerIp);
  const user = signedIn ?? (await core.lespass.users.findOrCreateByEmail(body.email!, body.name));
  return { userId: user._id, email: user.email, holder: body.name ?? displayName(user), signedIn: Boolean(signedIn) };
}

/** Where an online top-up is recorded: the site it was made on, else the collective that issued the person's Pass. */
async function siteOfTopUp(core: Core, userId: string, site: string | undefined) {
  if (site) return core.lespass.sites.collective(site).catch(() => Promise.reject(new AppError('NOT_FOUND', 'no such site', { fields: { site: 'no such site' } })));
  const [card] = await core.pass.cards.ofUser(userId);
  const issuer = card ? await core.collectives.find(card.issuerId) : null;
  if (!issuer) throw new AppError('INVALID_INPUT', 'say on which site you top up', { fields: { site: 'required' } });
  return issuer;
}
