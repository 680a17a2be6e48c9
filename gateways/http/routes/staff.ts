// Staff of a collective's registers (who may unlock a terminal, cashier or manager):
//   GET/POST /api/collectives/:collectiveId/staff, PATCH /api/collectives/:collectiveId/staff/:staffId
// PINs are write-only; a staff card is given by its UID. Tenant-checked on :collectiveId.
import type { Router } from 'express';
import { z } from 'zod';
import type { StaffService } from '../../../core/pos/staff.js';
import { requireSession } from '../session.js';
import { validate } from '../validate.js';

const id = z.string().min(1).max(80);
const fields = {
  name: z.string().trim().min(1).max(120),
  role: z.enum(['cashier', 'manager']),
  cardUid: z.string().max(40).optional(),
  pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits').optional(),
  posIds: z.array(id).max(200).optional(),
  active: z.boolean().optional(),
};

export function adminStaffRoutes(router: Router, core: { staff: StaffService }): void {
  router.get(
    '/collectives/:collectiveId/staff',
    requireSession,
    validate({ params: z.object({ collectiveId: id }) }, async ({ params }) => ({ staff: await core.staff.list(params.collectiveId) })),
  );
  router.post(
    '/collectives/:collectiveId/staff',
    requireSession,
    validate({ params: z.object({ collectiveId: id }), body: z.object(fields).strict() }, async ({ params, body }, _req, res) => {
      res.status(201);
      return { staff: await core.staff.create(params.collectiveId, body) };
    }),
  );
  router.patch(
    '/collectives/:collectiveId/staff/:staffId',
    requireSession,
    validate({ params: z.object({ collectiveId: id, staffId: id }), body: z.object(fields).partial().strict() }, async ({ params, body }) => ({
      staff: await core.staff.update(params.staffId, params.collectiveId, body),
    })),
  );
}
