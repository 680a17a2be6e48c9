// Lespass, a collective's admin panel (all under /collectives/:collectiveId, on the admin
// router: the tenant check runs on :collectiveId before any handler; everything found inside
// is then looked up within that collective, so another collective's id answers 404):
//   membership-products[/:productId]        list, create, read, edit; DELETE archives
//   members (?status&productId), members.csv, POST members (add by hand)
//   payments (?from&to&kind&method), payments.csv
//   events[/:eventId], events/:eventId/prices[/:priceId]     CRUD; a sold price is archived
//   reservations (?eventId&state), events/:eventId/reservations, reservations/:id/cancel
//   checkin {code, eventId?}                 the door
import type { Router } from 'express';
import { z } from 'zod';
import { productView } from '../../../core/memberships/products.js';
import { memberView } from '../../../core/memberships/members.js';
import { membersCsv } from '../../../core/memberships/csv.js';
import { productInputSchema, productUpdateSchema } from '../../../core/memberships/schemas.js';
import { paymentsCsv } from '../../../core/lespass/payments-report.js';
import type { Core } from '../../../core/runtime/boot.js';
import { limits } from '../../../core/shared/limits.js';
import { eventInputSchema, eventUpdateSchema, instantSchema, priceInputSchema, priceUpdateSchema } from '../../../core/ticketing/schemas.js';
import { eventView, reservationView, ticketView } from '../../../core/ticketing/views.js';
import { calendarDay } from '../dates.js';
import { form } from '../form.js';
import { requireSession } from '../session.js';

const id = z.string().min(1).max(80);
const inCollective = z.object({ collectiveId: id });
const productParams = z.object({ collectiveId: id, productId: id });
const eventParams = z.object({ collectiveId: id, eventId: id });
const priceParams = z.object({ collectiveId: id, eventId: id, priceId: id });
const reservationParams = z.object({ collectiveId: id, reservationId: id });

const memberQuery = z.object({ status: z.enum(['active', 'expired', 'upcoming']).optional(), productId: id.optional() });
const addMemberBody = z
  .object({
    productId: id,
    email: z.string().trim().min(3).max(254),
    name: z.string().trim().min(1).max(120).optional(),
    answers: z.record(z.string().max(40), z.string().max(500)).optional(),
    validFrom: instantSchema.optional(),
    amount: z.number().int().min(0).max(limits.maxAmountCents).optional(),
    method: z.enum(['cash', 'card', 'free']).optional(),
  })
  .strict();

const day = 86_400_000;
/** A day (YYYY-MM-DD, UTC midnight) or epoch ms. */
const moment = z.union([z.coerce.number().int().min(0), calendarDay.transform((s) => Date.parse(`${s}T00:00:00Z`))]);
const paymentsQuery = z
  .object({ from: moment.optional(), to: moment.optional(), kind: z.string().max(40).optional(), method: z.enum(['online', 'cash', 'card']).optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.to > q.from, { message: 'must be after from', path: ['to'] });
const reservationQuery = z.object({ eventId: id.optional(), state: z.enum(['pending', 'confirmed', 'cancelled', 'expired', 'refunded']).optional() });

export function lespassAdminRoutes(router: Router, core: Core): void {
  const { memberships, ticketing } = core.lespass;
  const now = () => core.clock.now();

  // --- memberships
  router.get(
    '/collectives/:collectiveId/membership-products',
    requireSession,
    form({ params: inCollective }, async ({ params }) => ({
      memberships: (await memberships.products.list([params.collectiveId], { includeArchived: true })).map((p) => productView(p, true)),
    })),
  );
  router.post(
    '/collectives/:collectiveId/membership-products',
    requireSession,
    form({ params: inCollective, body: productInputSchema }, async ({ params, body }, _req, res) => {
      res.status(201);
      return { membership: productView(await memberships.products.create(params.collectiveId, body), true) };
    }),
  );
  router.get(
    '/collectives/:collectiveId/membership-products/:productId',
    requireSession,
    form({ params: productParams }, async ({ params }) => ({ membership: productView(await memberships.products.get(params.collectiveId, params.productId), true) })),
  );
  router.patch(
    '/collectives/:collectiveId/membership-products/:productId',
    requireSession,
    form({ params: productParams, body: productUpdateSchema }, async ({ params, body }) => ({
      membership: productView(await memberships.products.update(params.collectiveId, params.productId, body), true),
    })),
  );
  router.delete(
    '/collectives/:collectiveId/membership-products/:productId',
    requireSession,
    form({ params: productParams }, async ({ params }) => ({ membership: productView(await memberships.products.archive(params.collectiveId, params.productId), true) })),
  );

  router.get(
    '/collectives/:collectiveId/members',
    requireSession,
    form({ params: inCollective, query: memberQuery }, async ({ params, query }) => ({
      members: (await memberships.members.list(params.collectiveId, { ...query, limit: limits.pageSize })).map((m) => memberView(m, now())),
    })),
  );
  router.get(
    '/collectives/:collectiveId/members.csv',
    requireSession,
    form({ params: inCollective, query: memberQuery }, async ({ params, query }, _req, res) => {
      const csv = membersCsv(await memberships.members.list(params.collectiveId, query), now());
      res.type('text/csv').attachment(`members-${params.collectiveId}.csv`).send(csv);
    }),
  );
  router.post(
    '/collectives/:collectiveId/members',
    requireSession,
    form({ params: inCollective, body: addMemberBody }, async ({ params, body }, _req, res) => {
      res.status(201);
      return { member: memberView(await memberships.members.addByHand(params.collectiveId, body), now()) };
    }),
  );

  // --- payments received
  const report = (collectiveId: string, q: z.output<typeof paymentsQuery>) => {
    const to = q.to ?? now();
    const from = q.from ?? to - 31 * day;
    return core.lespass.payments.report(collectiveId, { from, to, kind: q.kind, method: q.method });
  };
  router.get('/collectives/:collectiveId/payments', requireSession, form({ params: inCollective, query: paymentsQuery }, ({ params, query }) => report(params.collectiveId, query)));
  router.get(
    '/collectives/:collectiveId/payments.csv',
    requireSession,
    form({ params: inCollective, query: paymentsQuery }, async ({ params, query }, _req, res) => {
      res.type('text/csv').attachment(`payments-${params.collectiveId}.csv`).send(paymentsCsv(await report(params.collectiveId, query)));
    }),
  );

  // --- events and prices
  const eventWithPrices = async (collectiveId: string, eventId: string) => {
    const event = await ticketing.events.get(collectiveId, eventId);
    return eventView(event, await ticketing.events.pricesOf([eventId], { includeArchived: true }), true);
  };
  router.get(
    '/collectives/:collectiveId/events',
    requireSession,
    form({ params: inCollective }, async ({ params }) => {
      const events = await ticketing.events.listForAdmin(params.collectiveId);
      const prices = await ticketing.events.pricesOf(events.map((e) => e._id), { includeArchived: true });
      return { events: events.map((e) => eventView(e, prices, true)) };
    }),
  );
  router.post(
    '/collectives/:collectiveId/events',
    requireSession,
    form({ params: inCollective, body: eventInputSchema }, async ({ params, body }, _req, res) => {
      const event = await ticketing.events.create(params.collectiveId, body);
      res.status(201);
      return { event: eventView(event, [], true) };
    }),
  );
  router.get('/collectives/:collectiveId/events/:eventId', requireSession, form({ params: eventParams }, async ({ params }) => ({ event: await eventWithPrices(params.collectiveId, params.eventId) })));
  router.patch(
    '/collectives/:collectiveId/events/:eventId',
    requireSession,
    form({ params: eventParams, body: eventUpdateSchema }, async ({ params, body }) => {
      await ticketing.events.update(params.collectiveId, params.eventId, body);
      return { event: await eventWithPrices(params.collectiveId, params.eventId) };
    }),
  );
  router.delete('/collectives/:collectiveId/events/:eventId', requireSession, form({ params: eventParams }, async ({ params }) => void (await ticketing.events.remove(params.collectiveId, params.eventId))));
  router.post(
    '/collectives/:collectiveId/events/:eventId/prices',
    requireSession,
    form({ params: eventParams, body: priceInputSchema }, async ({ params, body }, _req, res) => {
      await ticketing.events.addPrice(params.collectiveId, params.eventId, body);
      res.status(201);
      return { event: await eventWithPrices(params.collectiveId, params.eventId) };
    }),
  );
  router.patch(
    '/collectives/:collectiveId/events/:eventId/prices/:priceId',
    requireSession,
    form({ params: priceParams, body: priceUpdateSchema }, async ({ params, body }) => {
      await ticketing.events.updatePrice(params.collectiveId, params.eventId, params.priceId, body);
      return { event: await eventWithPrices(params.collectiveId, params.eventId) };
    }),
  );
  router.delete(
    '/collectives/:collectiveId/events/:eventId/prices/:priceId',
    requireSession,
    form({ params: priceParams }, async ({ params }) => {
      const { archived } = await ticketing.events.removePrice(params.collectiveId, params.eventId, params.priceId);
      return { archived, event: await eventWithPrices(params.collectiveId, params.eventId) };
    }),
  );

  // --- reservations and the door
  router.get(
    '/collectives/:collectiveId/reservations',
    requireSession,
    form({ params: inCollective, query: reservationQuery }, async ({ params, query }) => ({ reservations: (await ticketing.reservations.list(params.collectiveId, query)).map(reservationView) })),
  );
  router.get(
    '/collectives/:collectiveId/events/:eventId/reservations',
    requireSession,
    form({ params: eventParams }, async ({ params }) => {
      await ticketing.events.get(params.collectiveId, params.eventId);
      await ticketing.reservations.expireHolds(params.eventId);
      return { reservations: (await ticketing.reservations.list(params.collectiveId, { eventId: params.eventId })).map(reservationView) };
    }),
  );
  router.post(
    '/collectives/:collectiveId/reservations/:reservationId/cancel',
    requireSession,
    form({ params: reservationParams, body: z.object({ refund: z.boolean().default(true) }).strict() }, async ({ params, body }) => ({
      reservation: reservationView(await ticketing.reservationPayments.cancel(params.collectiveId, params.reservationId, { refund: body.refund })),
    })),
  );
  router.post(
    '/collectives/:collectiveId/checkin',
    requireSession,
    form({ params: inCollective, body: z.object({ code: z.string().min(1).max(400), eventId: id.optional() }).strict() }, async ({ params, body }) => {
      const { ticket, event } = await ticketing.tickets.checkIn(params.collectiveId, body.code, body.eventId);
      return { ticket: ticketView(ticket, event), event: { id: event._id, title: event.title, startsAt: event.startsAt } };
    }),
  );
}
