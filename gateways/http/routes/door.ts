// The door over HTTP. A volunteer's phone is paired like a terminal, no admin session:
//   POST /api/door/pair {pairingCode}                 public: code → {token, scanner}
//   GET  /api/door/me                                 Bearer: the scanner, its events, counts
//   GET  /api/door/events/:eventId/list               Bearer: the signed offline list
//   POST /api/door/scans {scanId, eventId, code, scannedAt?, offline?}   Bearer: one scan
//   GET  /api/door/counts                             Bearer: entries per event (polled live)
// Admin (collective session, tenant-checked on :collectiveId):
//   /api/collectives/:collectiveId/door-scanners[/:scannerId]   list, create (pairing code), revoke
//   /api/collectives/:collectiveId/events/:eventId/double-entries
// The Door service is core/door/door.ts; its story and invariants are there.
import type { Request, Router } from 'express';
import { z } from 'zod';
import type { DoorScanner } from '../../../core/door/index.js';
import { maxEventsPerScanner } from '../../../core/door/index.js';
import type { Core } from '../../../core/runtime/boot.js';
import { sha256Hex } from '../../../core/shared/canonical.js';
import { AppError } from '../../../core/shared/errors.js';
import { requireSession } from '../session.js';
import { validate } from '../validate.js';

const id = z.string().min(1).max(80);
const scanBody = z
  .object({
    scanId: z.string().regex(/^[A-Za-z0-9_.:-]{8,80}$/, 'a scanId is 8 to 80 characters of [A-Za-z0-9_.:-]'),
    eventId: id,
    code: z.string().trim().min(1).max(400),
    scannedAt: z.number().int().min(0).optional(),
    offline: z.boolean().optional(),
  })
  .strict();

export function publicDoorRoutes(router: Router, core: Core): void {
  const { scanners, door } = core.lespass.door;
  const events = core.lespass.ticketing.events;
  router.post(
    '/door/pair',
    validate({ body: z.object({ pairingCode: z.string().regex(/^\d{6}$/, 'a pairing code is 6 digits') }).strict() }, async ({ body }, req) => {
      const { token, scanner } = await scanners.pair(body.pairingCode, req.ip ?? 'unknown');
      return { token, scanner: { id: scanner._id, name: scanner.name } };
    }),
  );
  router.get(
    '/door/me',
    validate({}, async (_input, req) => {
      const scanner = await scannerOf(core, req);
      const collective = await core.collectives.get(scanner.collectiveId);
      const list = [];
      for (const eventId of scanner.eventIds) {
        const event = await events.byId(eventId);
        if (event) list.push({ id: event._id, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, place: event.place });
      }
      return { scanner: { id: scanner._id, name: scanner.name }, collective: { name: collective.name, timezone: collective.timezone }, events: list };
    }),
  );
  router.get(
    '/door/events/:eventId/list',
    validate({ params: z.object({ eventId: id }) }, async ({ params }, req) => door.list(await scannerOf(core, req), params.eventId, sha256Hex(bearerOf(req)))),
  );
  router.post(
    '/door/scans',
    validate({ body: scanBody }, async ({ body }, req) => door.scan(await scannerOf(core, req), body)),
  );
  router.get(
    '/door/counts',
    validate({}, async (_input, req) => {
      const scanner = await scannerOf(core, req);
      return { counts: await door.counts(scanner.collectiveId, scanner.eventIds) };
    }),
  );
}

export function adminDoorRoutes(router: Router, core: Core): void {
  const { scanners, door } = core.lespass.door;
  const events = core.lespass.ticketing.events;
  const inCollective = z.object({ collectiveId: id });
  router.get(
    '/collectives/:collectiveId/door-scanners',
    requireSession,
    validate({ params: inCollective }, async ({ params }) => ({ scanners: await scanners.list(params.collectiveId) })),
  );
  router.post(
    '/collectives/:collectiveId/door-scanners',
    requireSession,
    validate(
      { params: inCollective, body: z.object({ name: z.string().trim().min(1).max(64), eventIds: z.array(id).min(1).max(maxEventsPerScanner) }).strict() },
      async ({ params, body }, _req, res) => {
        for (const eventId of body.eventIds) {
          const event = await events.byId(eventId);
          if (!event || event.collectiveId !== params.collectiveId) throw new AppError('NOT_FOUND', 'no such event', { fields: { eventIds: `unknown event ${eventId}` } });
        }
        res.status(201);
        return scanners.create(params.collectiveId, body.name, body.eventIds);
      },
    ),
  );
  router.delete(
    '/collectives/:collectiveId/door-scanners/:scannerId',
    requireSession,
    validate({ params: z.object({ collectiveId: id, scannerId: id }) }, async ({ params }) => ({ scanner: await scanners.revoke(params.collectiveId, params.scannerId) })),
  );
  router.get(
    '/collectives/:collectiveId/events/:eventId/double-entries',
    requireSession,
    validate({ params: z.object({ collectiveId: id, eventId: id }) }, async ({ params }) => ({
      counts: await door.counts(params.collectiveId, [params.eventId]),
      doubleEntries: await door.doubleEntries(params.collectiveId, params.eventId),
    })),
  );
}

function bearerOf(req: Request): string {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer ([0-9a-f]{64})$/.exec(header);
  if (!match) throw new AppError('UNAUTHORIZED', 'a scanner token is required (Authorization: Bearer …)');
  return match[1];
}

function scannerOf(core: Core, req: Request): Promise<DoorScanner> {
  return core.lespass.door.scanners.authenticate(bearerOf(req));
}
