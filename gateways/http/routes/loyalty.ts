// A collective's loyalty program, in its admin panel (on the admin router: the tenant check runs
// on :collectiveId first, and a program names only its own collective's products):
//   GET loyalty           the program, or null
//   PUT loyalty           creates or replaces it (stamps per product/category, points per euro, expiry, rewards)
import type { Router } from 'express';
import { z } from 'zod';
import { loyaltyProgramSchema, type LoyaltyProgram } from '../../../core/loyalty/program.js';
import type { Core } from '../../../core/runtime/boot.js';
import { form } from '../form.js';
import { requireSession } from '../session.js';

const inCollective = z.object({ collectiveId: z.string().min(1).max(80) });

export function loyaltyRoutes(router: Router, core: Core): void {
  router.get(
    '/collectives/:collectiveId/loyalty',
    requireSession,
    form({ params: inCollective }, async ({ params }) => ({ program: viewOf(await core.loyalty.programOf(params.collectiveId)) })),
  );
  router.put(
    '/collectives/:collectiveId/loyalty',
    requireSession,
    form({ params: inCollective, body: loyaltyProgramSchema }, async ({ params, body }) => ({ program: viewOf(await core.loyalty.configure(params.collectiveId, body)) })),
  );
}

function viewOf(program: LoyaltyProgram | null) {
  if (!program) return null;
  const { _id: _omit, ...rest } = program;
  return rest;
}
