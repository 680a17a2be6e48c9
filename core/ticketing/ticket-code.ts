// The code printed as a ticket's QR: who the ticket is, signed so that the door can trust it
// offline. Format (compact, QR- and URL-safe): `T1.<payload>.<mac>` where payload is base64url
// of {"t": ticketId, "e": eventId} and mac is base64url of HMAC-SHA256(secret, "T1." + payload).
// Invariants: any change to the code (payload, mac, version) makes it invalid; comparison is
// constant-time; a code never reveals the secret and carries nothing but the two ids.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TicketCodePayload {
  ticketId: string;
  eventId: string;
}

const version = 'T1';
const maxIdLength = 64;
const maxCodeLength = 400;
const minSecretLength = 16;

export function signTicketCode(payload: TicketCodePayload, secret: string): string {
  checkSecret(secret);
  if (!validId(payload.ticketId) || !validId(payload.eventId)) throw new Error('ticket and event ids must be 1 to 64 characters');
  const body = Buffer.from(JSON.stringify({ t: payload.ticketId, e: payload.eventId })).toString('base64url');
  return `${version}.${body}.${mac(`${version}.${body}`, secret).toString('base64url')}`;
}

/** The payload of a genuine code, or null for anything forged, altered or malformed. */
export function verifyTicketCode(code: string, secret: string): TicketCodePayload | null {
  checkSecret(secret);
  if (typeof code !== 'string' || code.length > maxCodeLength) return null;
  const parts = code.split('.');
  if (parts.length !== 3 || parts[0] !== version) return null;
  const [, body, given] = parts;
  const expected = mac(`${version}.${body}`, secret);
  const actual = Buffer.from(given, 'base64url');
  // Length first (timingSafeEqual requires it; the length of a MAC is no secret), then constant time.
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  // base64url decoding is lenient: only the canonical encoding is the signed one.
  if (actual.toString('base64url') !== given) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { t?: unknown; e?: unknown };
    if (!validId(parsed.t) || !validId(parsed.e)) return null;
    return { ticketId: parsed.t, eventId: parsed.e };
  } catch {
    return null;
  }
}

function mac(text: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(text).digest();
}

function validId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= maxIdLength;
}

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length < minSecretLength) throw new Error(`the ticket signing secret must be at least ${minSecretLength} characters`);
}
