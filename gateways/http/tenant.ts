// Tenant isolation, enforced in one place. Routes live on one of two kinds of router:
//  - publicRouter(): anyone may call them (health, public profiles, login, UI pages);
//  - adminRouter(): everything else. Each route there names `requireSession`, and every route
//    parameter listed in `tenantParams` is checked before any handler runs: the caller must
//    administer the collective that owns the resource (operators pass). A collective admin of A
//    gets 403 on anything of B, whatever the route.
// Routes that find a resource by something else (a body field, a query) call
// `assertCollectiveAccess(req, resource.collectiveId)` once they have it.
// test/tenant-isolation.test.ts walks every route not on a public router with A's session
// against B's ids, so a route added later is checked without anyone writing a test for it.
import { Router, type Request } from 'express';
import { assertCanAdminCollective } from '../../core/accounts/access.js';
import type { Core } from '../../core/runtime/boot.js';
import { AppError } from '../../core/shared/errors.js';
import { coreOf } from './core-of.js';
import { principalOf } from './session.js';

/**
 * Route parameters that name a tenant's resource, and how to find the collective owning it
 * (null when there is no such resource: 404). Add one line per new resource kind.
 */
export const tenantParams: Record<string, (core: Core, id: string) => Promise<string | null>> = {
  collectiveId: async (core, id) => (await core.collectives.find(id))?._id ?? null,
  posId: async (core, id) => (await core.catalog.points.findOne({ _id: id }))?.collectiveId ?? null,
};

const publicMark = Symbol.for('pass.http.publicRouter');

export function publicRouter(): Router {
  return Object.assign(Router(), { [publicMark]: true });
}

export function isPublicRouter(handle: unknown): boolean {
  return Boolean(handle && (handle as Record<symbol, unknown>)[publicMark]);
}

export function adminRouter(): Router {
  const router = Router();
  for (const [name, ownerOf] of Object.entries(tenantParams)) {
    router.param(name, async (req, _res, next, id: string) => {
      const who = await principalOf(req);
      const collectiveId = await ownerOf(coreOf(req), id);
      // Operators learn that a resource is missing; others learn nothing about ids not theirs.
      if (collectiveId === null) throw who.role === 'operator' ? new AppError('NOT_FOUND', `no such ${name.replace(/Id$/, '')}`) : forbidden();
      assertCanAdminCollective(who, collectiveId);
      next();
    });
  }
  return router;
}

/** For a route that found a resource itself: refuses unless the caller administers its collective. */
export async function assertCollectiveAccess(req: Request, collectiveId: string): Promise<void> {
  assertCanAdminCollective(await principalOf(req), collectiveId);
}

function forbidden(): AppError {
  return new AppError('FORBIDDEN', 'this belongs to another collective');
}
