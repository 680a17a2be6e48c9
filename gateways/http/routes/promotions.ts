// Promo codes, in a collective's admin panel (on the admin router: the tenant check runs on
// :collectiveId first; a code is looked up within that collective, so another's id is 404):
//   GET/POST promo-codes, GET/PATCH promo-codes/:promoId, DELETE switches a code off (its uses stay counted)
import type { Router } from 'express';
import { z } from 'zod';
import { promoInputSchema, promoUpdateSchema, promoView } from '../../../core/promotions/index.js';
import type { Core } from '../../../core/runtime/boot.js';
import { form } from '../form.js';
import { requireSession } from '../session.js';

const id = z.string().min(1).max(80);
const inCollective = z.object({ collectiveId: id });
const promoParams = z.object({ collectiveId: id, promoId: id });

export function promotionRoutes(router: Router, core: Core): void {
  const { promos } = core.lespass;
  router.get(
    '/collectives/:collectiveId/promo-codes',
    requireSession,
    form({ params: inCollective }, async ({ params }) => ({ promoCodes: (await promos.list(params.collectiveId)).map(promoView) })),
  );
  router.post(
    '/collectives/:collectiveId/promo-codes',
    requireSession,
    form({ params: inCollective, body: promoInputSchema }, async ({ params, body }, _req, res) => {
      res.status(201);
      return { promoCode: promoView(await promos.create(params.collectiveId, body)) };
    }),
  );
  router.get(
    '/collectives/:collectiveId/promo-codes/:promoId',
    requireSession,
    form({ params: promoParams }, async ({ params }) => ({ promoCode: promoView(await promos.get(params.collectiveId, params.promoId)) })),
  );
  router.patch(
    '/collectives/:collectiveId/promo-codes/:promoId',
    requireSession,
    form({ params: promoParams, body: promoUpdateSchema }, async ({ params, body }) => ({ promoCode: promoView(await promos.update(params.collectiveId, params.promoId, body)) })),
  );
  router.delete(
    '/collectives/:collectiveId/promo-codes/:promoId',
    requireSession,
    form({ params: promoParams }, async ({ params }) => ({ promoCode: promoView(await promos.update(params.collectiveId, params.promoId, { active: false })) })),
  );
}
