// Recurring subscriptions over HTTP.
//   public router: POST /sites/:slug/subscriptions {productId, requestId}   signed in: checkoutUrl
//                  GET /me/subscriptions, POST /me/subscriptions/:id/cancel (effective at the period end)
//   admin router:  GET /collectives/:collectiveId/subscriptions            status per member
import type { Router } from 'express';
import { z } from 'zod';
import type { Core } from '../../../core/runtime/boot.js';
import { subscriptionView } from '../../../core/subscriptions/index.js';
import { requestIdSchema } from '../../../core/ticketing/schemas.js';
import { form } from '../form.js';
import { requireSession } from '../session.js';
import { userOf } from '../user-session.js';

const id = z.string().min(1).max(80);

export function publicSubscriptionRoutes(router: Router, core: Core): void {
  const subs = core.lespass.subscriptions;
  router.post(
    '/sites/:slug/subscriptions',
    form({ params: z.object({ slug: z.string().min(1).max(40) }), body: z.object({ productId: id, requestId: requestIdSchema }).strict() }, async ({ params, body }, req, res) => {
      const user = await userOf(req); // a recurring payment needs an account to be cancelled from
      const collective = await core.lespass.sites.collective(params.slug);
      const { subscription, checkoutUrl } = await subs.subscribe({
        collectiveId: collective._id,
        siteSlug: collective.slug,
        productId: body.productId,
        requestId: body.requestId,
        user,
      });
      res.status(201);
      return { subscription: subscriptionView(subscription, core.clock.now()), checkoutUrl };
    }),
  );
  router.get(
    '/me/subscriptions',
    form({}, async (_input, req) => ({ subscriptions: (await subs.ofUser((await userOf(req))._id)).map((s) => subscriptionView(s, core.clock.now())) })),
  );
  router.post(
    '/me/subscriptions/:subscriptionId/cancel',
    form({ params: z.object({ subscriptionId: id }) }, async ({ params }, req) => ({
      subscription: subscriptionView(await subs.cancel((await userOf(req))._id, params.subscriptionId), core.clock.now()),
    })),
  );
}

export function adminSubscriptionRoutes(router: Router, core: Core): void {
  router.get(
    '/collectives/:collectiveId/subscriptions',
    requireSession,
    form({ params: z.object({ collectiveId: id }) }, async ({ params }) => ({
      subscriptions: (await core.lespass.subscriptions.list(params.collectiveId)).map((s) => subscriptionView(s, core.clock.now())),
    })),
  );
}
