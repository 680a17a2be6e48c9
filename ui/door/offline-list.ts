// What the phone keeps for a network drop: the signed list of the event's tickets and the scans
// not yet sent. The list is trusted only if its HMAC verifies with this phone's key (sha256 of
// its token: the server signs with the same); a QR is looked up by the sha256 of its text, so a
// forged or altered QR is refused offline too. A ticket let in offline is marked used here at
// once: the same phone never lets it in twice; two phones may, and the server reports the later
// one as a double entry when they sync (core/door/door.ts).
import type { DoorList, DoorListEntry } from '../../core/door/door.js';

// The list's shape is the server's (core/door/door.ts): one definition for both ends.
export type ListEntry = DoorListEntry;
export type { DoorList };

export interface PendingScan {
  scanId: string;
  eventId: string;
  code: string;
  scannedAt: number;
  offline: true;
}

export type LocalCheck = { ok: true; entry: ListEntry } | { ok: false; reason: 'TICKET_UNKNOWN' | 'ALREADY_USED'; entry?: ListEntry };

const alphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** A typed short code in canonical form, or null (mirror of core/ticketing/short-code.ts). */
export function normaliseShortCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return code.length === 10 && [...code].every((c) => alphabet.includes(c)) ? code : null;
}

/** Pure: looks a scanned QR (by its hash) or a typed short code up in the list and this phone's own entries. */
export function checkLocally(list: DoorList, usedHere: Record<string, number>, scanned: { hash: string | null; short: string | null }): LocalCheck {
  const entry = list.tickets.find((e) => (scanned.hash !== null && e.h === scanned.hash) || (scanned.short !== null && e.s === scanned.short));
  if (!entry) return { ok: false, reason: 'TICKET_UNKNOWN' };
  const usedAt = entry.u ?? usedHere[entry.t] ?? null;
  if (usedAt !== null) return { ok: false, reason: 'ALREADY_USED', entry: { ...entry, u: usedAt } };
  return { ok: true, entry };
}

/** JSON with keys sorted at every level, as core/shared/canonical.ts writes it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return hex(digest);
}

/** True when the list carries the server's signature for this phone's token. */
export async function verifyList(list: DoorList, token: string): Promise<boolean> {
  const { signature, ...body } = list;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(await sha256Hex(token)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(canonicalJson(body))));
  return mac === signature;
}

/**
 * The list (as the server signed it, never edited: its signature is checked on every load),
 * this phone's entries and the scans not yet sent, in localStorage: they survive a reload.
 */
export class OfflineStore {
  constructor(private readonly storage: Storage = localStorage) {}

  /** The kept list of an event if its signature holds; `tampered` when it was altered. */
  async list(eventId: string, token: string): Promise<{ list: DoorList | null; tampered: boolean }> {
    const list = this.read<DoorList>(`pass.door.list.${eventId}`);
    if (!list) return { list: null, tampered: false };
    return (await verifyList(list, token)) ? { list, tampered: false } : { list: null, tampered: true };
  }

  saveList(list: DoorList): void {
    this.storage.setItem(`pass.door.list.${list.eventId}`, JSON.stringify(list));
  }

  /** Tickets let in by this phone (online or off) since its list was fetched: ticketId → time. */
  usedHere(eventId: string): Record<string, number> {
    return this.read<Record<string, number>>(`pass.door.used.${eventId}`) ?? {};
  }

  markUsed(eventId: string, ticketId: string, at: number): void {
    this.storage.setItem(`pass.door.used.${eventId}`, JSON.stringify({ ...this.usedHere(eventId), [ticketId]: at }));
  }

  pending(): PendingScan[] {
    return this.read<PendingScan[]>('pass.door.pending') ?? [];
  }

  addPending(scan: PendingScan): void {
    this.storage.setItem('pass.door.pending', JSON.stringify([...this.pending(), scan]));
  }

  removePending(scanId: string): void {
    this.storage.setItem('pass.door.pending', JSON.stringify(this.pending().filter((s) => s.scanId !== scanId)));
  }

  private read<T>(key: string): T | null {
    try {
      const raw = this.storage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
