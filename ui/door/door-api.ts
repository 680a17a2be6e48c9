// The door's calls to the server, each with the phone's bearer token (routes in
// gateways/http/routes/door.ts). A scan is sent with a short timeout: at a door, waiting is
// worse than checking on the phone's own list.
import { api } from '../shared/api.js';
import type { DoorList, PendingScan } from './offline-list.js';

export interface DoorEvent {
  id: string;
  title: string;
  startsAt: number;
  place: string;
}

export interface DoorMe {
  scanner: { id: string; name: string };
  collective: { name: string; timezone: string };
  events: DoorEvent[];
}

export interface ScanAnswer {
  scanId: string;
  result: 'entered' | 'double_entry' | 'refused';
  reason?: string;
  ticket: { id: string; holder: string; priceName: string; shortCode: string; usedAt: number | null };
}

export interface EventCount {
  eventId: string;
  entered: number;
  tickets: number;
  doubleEntries: number;
}

export const scanTimeoutMs = 3_000;

export class DoorApi {
  constructor(private readonly token: string) {}

  static pair(pairingCode: string): Promise<{ token: string; scanner: { id: string; name: string } }> {
    return api('/api/door/pair', { body: { pairingCode } });
  }

  me(): Promise<DoorMe> {
    return api('/api/door/me', { headers: this.auth() });
  }

  list(eventId: string): Promise<DoorList> {
    return api(`/api/door/events/${encodeURIComponent(eventId)}/list`, { headers: this.auth(), timeoutMs: 15_000 });
  }

  counts(): Promise<{ counts: EventCount[] }> {
    return api('/api/door/counts', { headers: this.auth(), timeoutMs: 5_000 });
  }

  scan(scan: { scanId: string; eventId: string; code: string } | PendingScan): Promise<ScanAnswer> {
    return api('/api/door/scans', { body: scan, headers: this.auth(), timeoutMs: scanTimeoutMs });
  }

  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }
}

/** A client-generated scan id (idempotency key of a sync); randomUUID needs a secure context. */
export function newScanId(): string {
  if (typeof crypto.randomUUID === 'function') return `scan-${crypto.randomUUID()}`;
  return `scan-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
