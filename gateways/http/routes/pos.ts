// Points of sale over HTTP (LaBoutik back office and terminal pairing, protocol v1):
//   /api/collectives/:collectiveId/pos[/:posId]                       POS list, create, read, edit
//   /api/collectives/:collectiveId/products[/:productId]              products; DELETE archives
//   /api/collectives/:collectiveId/pos/:posId/products[/:productId]   offer at a POS (price, order)
//   /api/pos/:posId/terminals[/:terminalId]                            create (pairing code), list, revoke
//   DELETE /api/pos/:posId/terminals/:terminalId/unlock-lock           lifts a lock after wrong PINs
//   /api/pos/:posId/open | close | status                              register sessions
//   POST /api/terminals/pair                                           public: code → token
// Z tickets and revenue are in pos-reports.ts. Every route is on the admin router, where the
// tenant check runs on :collectiveId and :posId before any handler (tenant.ts); a resource
// found inside is then looked up within that collective (404 when it is another's).
import type { Router } from 'express';
import { z } from 'zod';
import type { CatalogService } from '../../../core/pos/catalog.js';
import type { PosService } from '../../../core/pos/service.js';
import type { StaffService } from '../../../core/pos/staff.js';
import type { TerminalService } from '../../../core/pos/terminals.js';
import { AppError } from '../../../core/shared/errors.js';
import type { PointOfSale, Product } from '../../../core/pos/types.js';
import { limits } from '../../../core/shared/limits.js';
import { principalOf, requireSession } from '../session.js';
import { validate } from '../validate.js';
import { adminClosureRoutes, type ClosureRoutesCore } from './closures.js';
import { adminReceiptRoutes, type ReceiptRoutesCore } from './receipts.js';
import { adminPosReportRoutes, type PosReportsCore } from './pos-reports.js';

/** What these routes use of the Core. */
export interface PosRoutesCore extends PosReportsCore, ClosureRoutesCore, ReceiptRoutesCore {
  catalog: CatalogService;
  pos: PosService;
  terminals: TerminalService;
  staff: Pick<StaffService, 'unlockLockouts'>;
}

const id = z.string().min(1).max(80);
const cents = z.number().int().min(0).max(limits.maxAmountCents);
const name = z.string().trim().min(1).max(120);
const productFields = {
  name,
  category: z.string().trim().min(1).max(60),
  price: cents,
  vatRate: z.number().int().min(0).max(10_000), // basis points: 2000 = 20 %
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb').optional(),
  kind: z.enum(['item', 'topup', 'membership', 'ticket', 'deposit']).optional(),
  active: z.boolean().optional(),
};

const inCollective = z.object({ collectiveId: id });
const posInCollective = z.object({ collectiveId: id, posId: id });
const productInCollective = z.object({ collectiveId: id, productId: id });
const offerParams = z.object({ collectiveId: id, posId: id, productId: id });
const onPos = z.object({ posId: id });
const terminalOnPos = z.object({ posId: id, terminalId: id });

export function adminPosRoutes(router: Router, core: PosRoutesCore): void {
  // --- points of sale
  router.get(
    '/collectives/:collectiveId/pos',
    requireSession,
    validate({ params: inCollective }, async ({ params }) => ({ pointsOfSale: (await core.catalog.listPos(params.collectiveId)).map(posView) })),
  );
  router.post(
    '/collectives/:collectiveId/pos',
    requireSession,
    validate({ params: inCollective, body: z.object({ name }).strict() }, async ({ params, body }, _req, res) => {
      res.status(201);
      return { pos: posView(await core.catalog.createPos(params.collectiveId, body)) };
    }),
  );
  router.get(
    '/collectives/:collectiveId/pos/:posId',
    requireSession,
    validate({ params: posInCollective }, async ({ params }) => {
      const pos = await core.catalog.getPos(params.posId, params.collectiveId);
      return { pos: posView(pos), catalog: await core.catalog.catalogFor(pos._id) };
    }),
  );
  router.patch(
    '/collectives/:collectiveId/pos/:posId',
    requireSession,
    validate({ params: posInCollective, body: z.object({ name: name.optional(), active: z.boolean().optional(), requireStaff: z.boolean().optional(), openOnFirstSale: z.boolean().optional() }).strict() }, async ({ params, body }) => ({
      pos: posView(await core.catalog.updatePos(params.posId, params.collectiveId, body)),
    })),
  );

  // --- products (never deleted: archived, so past sales and Z tickets keep their names)
  router.get(
    '/collectives/:collectiveId/products',
    requireSession,
    validate({ params: inCollective, query: z.object({ archived: z.enum(['true', 'false']).optional() }) }, async ({ params, query }) => {
      const all = await core.catalog.listProducts(params.collectiveId);
      return { products: all.filter((p) => query.archived === 'true' || !p.archived).map(productView) };
    }),
  );
  router.post(
    '/collectives/:collectiveId/products',
    requireSession,
    validate({ params: inCollective, body: z.object(productFields).strict() }, async ({ params, body }, _req, res) => {
      res.status(201);
      return { product: productView(await core.catalog.createProduct(params.collectiveId, body)) };
    }),
  );
  router.patch(
    '/collectives/:collectiveId/products/:productId',
    requireSession,
    validate(
      { params: productInCollective, body: z.object({ ...z.object(productFields).partial().shape, archived: z.boolean().optional() }).strict() },
      async ({ params, body }) => ({ product: productView(await core.catalog.updateProduct(params.productId, params.collectiveId, body)) }),
    ),
  );
  router.delete(
    '/collectives/:collectiveId/products/:productId',
    requireSession,
    validate({ params: productInCollective }, async ({ params }) => ({
      product: productView(await core.catalog.updateProduct(params.productId, params.collectiveId, { archived: true })),
    })),
  );

  // --- what a POS offers: optional own price, grid order
  router.get(
    '/collectives/:collectiveId/pos/:posId/products',
    requireSession,
    validate({ params: posInCollective }, async ({ params }) => {
      await core.catalog.getPos(params.posId, params.collectiveId);
      const offers = await core.catalog.offers.find({ posId: params.posId }, { sort: { order: 1 }, limit: limits.pageSize * 5 });
      return { offers: offers.map(({ productId, price, order }) => ({ productId, price: price ?? null, order })) };
    }),
  );
  router.put(
    '/collectives/:collectiveId/pos/:posId/products/:productId',
    requireSession,
    validate(
      { params: offerParams, body: z.object({ price: cents.optional(), order: z.number().int().min(0).max(100_000).optional() }).strict() },
      async ({ params, body }) => {
        const offer = await core.catalog.assign(params.posId, params.productId, params.collectiveId, body);
        return { offer: { productId: offer.productId, price: offer.price ?? null, order: offer.order } };
      },
    ),
  );
  router.delete(
    '/collectives/:collectiveId/pos/:posId/products/:productId',
    requireSession,
    validate({ params: offerParams }, async ({ params }) => {
      await core.catalog.unassign(params.posId, params.productId, params.collectiveId);
    }),
  );

  // --- terminals (protocol v1: exactly these paths and shapes)
  router.post(
    '/pos/:posId/terminals',
    requireSession,
    validate({ params: onPos, body: z.object({ name: z.string().trim().min(1).max(64).optional() }) }, async ({ params, body }, _req, res) => {
      const pos = await core.catalog.getPos(params.posId);
      res.status(201);
      return core.terminals.createTerminal(pos._id, pos.collectiveId, body.name);
    }),
  );
  router.get(
    '/pos/:posId/terminals',
    requireSession,
    validate({ params: onPos }, async ({ params }) => {
      // A terminal whose unlock is locked after wrong PINs says so to its admin.
      const locked = await core.staff.unlockLockouts.lockedOn(params.posId);
      return { terminals: (await core.terminals.list(params.posId)).map((t) => ({ ...t, unlockLockedUntil: locked.get(t._id) ?? null })) };
    }),
  );
  router.delete(
    '/pos/:posId/terminals/:terminalId/unlock-lock',
    requireSession,
    validate({ params: terminalOnPos }, async ({ params }) => {
      if (!(await core.terminals.list(params.posId)).some((t) => t._id === params.terminalId)) throw new AppError('NOT_FOUND', 'no such terminal on this point of sale');
      await core.staff.unlockLockouts.lift(params.terminalId);
      return { lifted: true };
    }),
  );
  router.delete(
    '/pos/:posId/terminals/:terminalId',
    requireSession,
    validate({ params: terminalOnPos }, async ({ params }) => {
      const pos = await core.catalog.getPos(params.posId);
      return { terminal: await core.terminals.revoke(params.terminalId, pos.collectiveId, pos._id) };
    }),
  );

  // --- register sessions
  router.post(
    '/pos/:posId/open',
    requireSession,
    validate({ params: onPos, body: z.object({ float: cents.optional() }).strict() }, async ({ params, body }, req) => {
      const who = await principalOf(req);
      return core.pos.openRegister(params.posId, { float: body.float, by: who.email, byName: who.email });
    }),
  );
  // A bank deposit (or other removal) from the open session's drawer; txId makes a resend harmless.
  router.post(
    '/pos/:posId/cash-removals',
    requireSession,
    validate(
      { params: onPos, body: z.object({ txId: z.string().min(8).max(80), amount: cents, reason: z.enum(['bank-deposit', 'other']).default('bank-deposit'), note: z.string().trim().max(200).optional() }).strict() },
      async ({ params, body }, req, res) => {
        const who = await principalOf(req);
        res.status(201);
        return core.pos.removeCash(params.posId, { ...body, by: who.email, byName: who.email });
      },
    ),
  );
  router.post(
    '/pos/:posId/close',
    requireSession,
    validate({ params: onPos, body: z.object({ countedCash: cents.optional(), endOfDay: z.boolean().optional() }).strict() }, async ({ params, body }, req) => {
      const who = await principalOf(req);
      return core.pos.closeRegister(params.posId, { countedCash: body.countedCash, by: who.email, byName: who.email }); // endOfDay: ignored, every close writes its Z
    }),
  );
  router.get(
    '/pos/:posId/status',
    requireSession,
    validate({ params: onPos }, async ({ params }) => core.pos.status(params.posId)),
  );

  adminPosReportRoutes(router, core);
  adminClosureRoutes(router, core);
  adminReceiptRoutes(router, core);
}

/** The one public POS route: a terminal exchanges its pairing code (rate-limited per IP). */
export function publicPosRoutes(router: Router, core: Pick<PosRoutesCore, 'terminals'>): void {
  router.post(
    '/terminals/pair',
    validate({ body: z.object({ pairingCode: z.string().regex(/^\d{6}$/, 'a pairing code is 6 digits'), name: z.string().trim().min(1).max(64) }) }, async ({ body }, req) =>
      core.terminals.pair(body.pairingCode, body.name, req.ip ?? 'unknown'),
    ),
  );
}

function posView(p: PointOfSale) {
  return { id: p._id, collectiveId: p.collectiveId, name: p.name, active: p.active, requireStaff: Boolean(p.requireStaff), openOnFirstSale: p.openOnFirstSale !== false, catalogVersion: p.catalogVersion, createdAt: p.createdAt };
}

function productView(p: Product) {
  const { _id, ...rest } = p;
  return { id: _id, ...rest };
}
