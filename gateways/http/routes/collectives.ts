// Collectives and villages: public profiles for everyone (Lespass, agenda), profile edits for
// the collective's admins.
import type { Router } from 'express';
import { z } from 'zod';
import { collectiveUpdateSchema } from '../../../core/collectives/schemas.js';
import { toProfile, toSummary, type Collective } from '../../../core/collectives/types.js';
import type { Core } from '../../../core/runtime/boot.js';
import { requireSession } from '../session.js';
import { validate } from '../validate.js';

const id = z.string().min(1).max(64);
// Lespass finds a collective by its slug, the rest of the app by its id (slugs have no "_").
const collectiveParams = z.object({ collectiveId: id });
const villageParams = z.object({ villageId: id });
const listQuery = z.object({ villageId: id.optional() });

export function publicCollectiveRoutes(router: Router, core: Core): void {
  router.get(
    '/collectives',
    validate({ query: listQuery }, async ({ query }) => ({ collectives: (await core.collectives.list(query)).map(toSummary) })),
  );

  router.get(
    '/collectives/:collectiveId',
    validate({ params: collectiveParams }, async ({ params }) => ({ collective: toProfile(await findByIdOrSlug(core, params.collectiveId)) })),
  );

  router.get(
    '/villages',
    validate({}, async () => ({ villages: (await core.villages.list()).map(({ _id, name, description }) => ({ id: _id, name, description })) })),
  );

  router.get(
    '/villages/:villageId',
    validate({ params: villageParams }, async ({ params }) => {
      const village = await core.villages.get(params.villageId);
      const members = await core.villages.members(village._id);
      return { village: { id: village._id, name: village.name, description: village.description, collectives: members.map(toSummary) } };
    }),
  );
}

export function adminCollectiveRoutes(router: Router, core: Core): void {
  router.patch(
    '/collectives/:collectiveId',
    requireSession,
    validate({ params: collectiveParams, body: collectiveUpdateSchema }, async ({ params, body }) => ({
      collective: toProfile(await core.collectives.update(params.collectiveId, body)),
    })),
  );
}

function findByIdOrSlug(core: Core, key: string): Promise<Collective> {
  return key.includes('_') ? core.collectives.get(key) : core.collectives.getBySlug(key);
}
