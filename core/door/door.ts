// The door: a paired scanner checks tickets of its events, online or from its offline list.
// Story of a scan: the phone sends {scanId, eventId, code, scannedAt, offline}. Online, the
// ticket goes valid -> used by a guarded update: of two doors exactly one lets the person in,
// the other is refused ALREADY_USED (never accepted twice online). A scan made offline was
// already let in by the phone from its list; when it syncs it cannot be refused any more, so it
// is recorded: the earliest scan of a ticket is its entry, any later one a `double_entry`
// reported to the door and the admin (if the earlier one syncs second, the two swap).
// Invariants: a scanId is recorded once (a replayed sync returns the first answer); a scanner
// sees only its own events of its own collective; the list a phone keeps is signed with a key
// only that phone and the server know (sha256 of its token), so a tampered list is detected.
import { createHmac } from 'node:crypto';
import type { Clock } from '../clock/port.js';
import { canonicalJson, sha256Hex } from '../shared/canonical.js';
import { AppError } from '../shared/errors.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import type { EventService, Ticket, TicketBook } from '../ticketing/index.js';
import type { DoorScanner } from './scanners.js';

export type ScanResult = 'entered' | 'double_entry' | 'refused';

export interface DoorScan {
  _id: string; // the phone's scanId
  collectiveId: string;
  eventId: string;
  ticketId: string;
  scannerId: string;
  scannerName: string;
  holder: string;
  scannedAt: number;
  receivedAt: number;
  offline: boolean;
  result: ScanResult;
  reason?: string;
}

export interface ScanRequest {
  scanId: string;
  eventId: string;
  code: string;
  scannedAt?: number;
  offline?: boolean;
}

export interface ScanAnswer {
  scanId: string;
  result: ScanResult;
  reason?: string;
  ticket: { id: string; holder: string; priceName: string; shortCode: string; usedAt: number | null };
}

export interface EventCount {
  eventId: string;
  title: string;
  startsAt: number;
  entered: number;
  tickets: number;
  doubleEntries: number;
}

/** One entry of the list a phone keeps; `h` is sha256 of the QR text, so a forged QR is refused offline. */
export interface DoorListEntry {
  t: string;
  s: string;
  h: string;
  n: string;
  p: string;
  u: number | null;
}

export interface DoorList {
  eventId: string;
  issuedAt: number;
  tickets: DoorListEntry[];
  /** HMAC-SHA256 of canonicalJson({eventId, issuedAt, tickets}), key: sha256 hex of the scanner's token. */
  signature: string;
}

export const maxTicketsPerList = 20_000;
/** A phone offline longer than this sends scans the server does not trust as "offline". */
const maxOfflineAgeMs = 7 * 86_400_000;

export class Door {
  readonly scans: Collection<DoorScan>;

  constructor(
    store: Store,
    private readonly deps: { clock: Clock; tickets: TicketBook; events: EventService },
  ) {
    this.scans = store.collection<DoorScan>('door_scans');
  }

  async start(): Promise<void> {
    await this.scans.ensureIndexes([
      { name: 'ticket', keys: { ticketId: 1 } },
      { name: 'event-result', keys: { eventId: 1, result: 1 } },
    ]);
  }

  async scan(scanner: DoorScanner, req: ScanRequest): Promise<ScanAnswer> {
    this.assertEvent(scanner, req.eventId);
    const replay = await this.scans.findOne({ _id: req.scanId });
    if (replay) return this.answerOf(replay);
    const ticket = await this.deps.tickets.byCode(scanner.collectiveId, req.code);
    if (!ticket) throw new AppError('NOT_FOUND', 'no such ticket', { reason: 'TICKET_UNKNOWN' });
    if (ticket.eventId !== req.eventId) throw new AppError('INVALID_INPUT', 'this ticket is for another event', { reason: 'WRONG_EVENT' });
    const now = this.deps.clock.now();
    const offline = Boolean(req.offline) && req.scannedAt !== undefined && req.scannedAt <= now && now - req.scannedAt <= maxOfflineAgeMs;
    const scannedAt = offline ? req.scannedAt! : now;
    const record = (result: ScanResult, reason?: string): DoorScan => ({
      _id: req.scanId,
      collectiveId: scanner.collectiveId,
      eventId: ticket.eventId,
      ticketId: ticket._id,
      scannerId: scanner._id,
      scannerName: scanner.name,
      holder: ticket.holder,
      scannedAt,
      receivedAt: now,
      offline,
      result,
      ...(reason ? { reason } : {}),
    });
    const { matched } = await this.deps.tickets.docs.updateOne({ _id: ticket._id, state: 'valid' }, { $set: { state: 'used', usedAt: scannedAt } });
    if (matched) return this.save(record('entered'), ticket);
    const after = (await this.deps.tickets.docs.findOne({ _id: ticket._id }))!;
    if (after.state === 'cancelled') {
      if (offline) return this.save(record('refused', 'TICKET_CANCELLED'), after);
      throw new AppError('CONFLICT', 'this ticket was cancelled', { reason: 'TICKET_CANCELLED', holder: after.holder });
    }
    if (!offline) {
      await this.keep(record('refused', 'ALREADY_USED'));
      throw new AppError('ALREADY_USED', 'this ticket was already scanned', { usedAt: after.usedAt, holder: after.holder, priceName: after.priceName });
    }
    return this.syncOfflineEntry(record, after);
  }

  /** The signed list of an event's tickets a phone checks against while the network is down. */
  async list(scanner: DoorScanner, eventId: string, tokenHash: string): Promise<DoorList> {
    this.assertEvent(scanner, eventId);
    const tickets = await this.deps.tickets.docs.find({ eventId, state: { $in: ['valid', 'used'] } }, { sort: { _id: 1 }, limit: maxTicketsPerList });
    const body = {
      eventId,
      issuedAt: this.deps.clock.now(),
      tickets: tickets
        .filter((t) => t.collectiveId === scanner.collectiveId)
        .map((t) => ({ t: t._id, s: this.deps.tickets.shortCodeOf(t), h: sha256Hex(t.code), n: t.holder, p: t.priceName, u: t.state === 'used' ? (t.usedAt ?? 0) : null })),
    };
    return { ...body, signature: signDoorList(body, tokenHash) };
  }

  /** Entries per event of the scanner (or of a collective's events for the admin). */
  async counts(collectiveId: string, eventIds: string[]): Promise<EventCount[]> {
    const out: EventCount[] = [];
    for (const eventId of eventIds) {
      const event = await this.deps.events.byId(eventId);
      if (!event || event.collectiveId !== collectiveId) continue;
      const [entered, valid, doubleEntries] = await Promise.all([
        this.deps.tickets.docs.count({ eventId, state: 'used' }),
        this.deps.tickets.docs.count({ eventId, state: 'valid' }),
        this.scans.count({ eventId, result: 'double_entry' }),
      ]);
      out.push({ eventId, title: event.title, startsAt: event.startsAt, entered, tickets: entered + valid, doubleEntries });
    }
    return out;
  }

  /** Double entries of an event, newest first, for the admin. */
  doubleEntries(collectiveId: string, eventId: string): Promise<DoorScan[]> {
    return this.scans.find({ collectiveId, eventId, result: 'double_entry' }, { sort: { scannedAt: -1 }, limit: 200 });
  }

  private async syncOfflineEntry(record: (result: ScanResult, reason?: string) => DoorScan, ticket: Ticket): Promise<ScanAnswer> {
    const mine = record('double_entry');
    const usedAt = ticket.usedAt ?? 0;
    if (mine.scannedAt >= usedAt) return this.save(mine, ticket);
    // This offline scan came first: it becomes the entry, the one recorded before is the double.
    const { matched } = await this.deps.tickets.docs.updateOne({ _id: ticket._id, state: 'used', usedAt }, { $set: { usedAt: mine.scannedAt } });
    if (!matched) return this.save(mine, ticket); // another sync moved it meanwhile: stay the double
    await this.scans.updateMany({ ticketId: ticket._id, result: 'entered' }, { $set: { result: 'double_entry' } });
    return this.save(record('entered'), { ...ticket, usedAt: mine.scannedAt });
  }

  private async save(scan: DoorScan, ticket: Ticket): Promise<ScanAnswer> {
    const kept = await this.keep(scan);
    return { scanId: kept._id, result: kept.result, ...(kept.reason ? { reason: kept.reason } : {}), ticket: this.ticketOf(ticket) };
  }

  /** Inserts a scan once: a concurrent replay of the same scanId keeps the first one. */
  private async keep(scan: DoorScan): Promise<DoorScan> {
    try {
      await this.scans.insertOne(scan);
      return scan;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return (await this.scans.findOne({ _id: scan._id }))!;
    }
  }

  private async answerOf(scan: DoorScan): Promise<ScanAnswer> {
    const ticket = (await this.deps.tickets.docs.findOne({ _id: scan.ticketId }))!;
    if (scan.result === 'refused' && scan.reason === 'ALREADY_USED') throw new AppError('ALREADY_USED', 'this ticket was already scanned', { usedAt: ticket.usedAt, holder: ticket.holder, priceName: ticket.priceName });
    return { scanId: scan._id, result: scan.result, ...(scan.reason ? { reason: scan.reason } : {}), ticket: this.ticketOf(ticket) };
  }

  private ticketOf(t: Ticket): ScanAnswer['ticket'] {
    return { id: t._id, holder: t.holder, priceName: t.priceName, shortCode: this.deps.tickets.shortCodeOf(t), usedAt: t.usedAt ?? null };
  }

  private assertEvent(scanner: DoorScanner, eventId: string): void {
    if (!scanner.eventIds.includes(eventId)) throw new AppError('FORBIDDEN', 'this scanner is not set up for this event');
  }
}

export function signDoorList(body: Omit<DoorList, 'signature'>, tokenHash: string): string {
  return createHmac('sha256', tokenHash).update(canonicalJson(body)).digest('hex');
}
