// A ticket's short code: 10 characters typed at the door when a phone screen is cracked and the
// QR cannot be read. The signed QR stays the proof; the short code is only a look-up key.
// Alphabet: digits and capitals without the look-alikes 0/O, 1/I/L and U/V (29 left), so a
// volunteer reading it aloud or typing it cannot confuse two characters. Derived from the
// ticket id by HMAC with the ticket secret: deterministic (a retried issue gives the same code),
// unguessable from the id (≈ 49 bits: a wrong guess is refused and rate-limited).
import { createHmac } from 'node:crypto';

export const shortCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const shortCodeLength = 10;

export function shortCodeOf(ticketId: string, secret: string): string {
  const bytes = createHmac('sha256', secret).update(`short:${ticketId}`).digest();
  let out = '';
  // 32 bytes, one character per byte: the modulo bias (256 % 29) is irrelevant for a look-up key.
  for (let i = 0; out.length < shortCodeLength; i++) out += shortCodeAlphabet[bytes[i] % shortCodeAlphabet.length];
  return out;
}

/** What a volunteer typed, in the canonical form (upper case, no spaces or dashes), or null. */
export function normaliseShortCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== shortCodeLength) return null;
  for (const c of code) if (!shortCodeAlphabet.includes(c)) return null;
  return code;
}

/** As printed: two groups of five ("7KQ2M-XH4PA"). */
export function printedShortCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
