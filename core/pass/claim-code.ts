// The claim code printed on the back of each Pass (and in its QR code): the proof that whoever
// links the card to an online account holds it. Printed numbers are sequential and public; the
// claim code is 12 random Crockford base-32 characters (60 bits), compared in constant time and
// typed with any case, spaces or dashes (O read as 0, I and L as 1).
import { randomInt, timingSafeEqual } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const claimCodeLength = 12;

export function newClaimCode(): string {
  let code = '';
  for (let i = 0; i < claimCodeLength; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** The canonical form of a typed or scanned code; null when it cannot be one. */
export function normalizeClaimCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === claimCodeLength && [...code].every((c) => alphabet.includes(c)) ? code : null;
}

/** As printed: three groups of four. */
export function printedClaimCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

export function sameClaimCode(stored: string | undefined, typed: string): boolean {
  const given = normalizeClaimCode(typed);
  if (!stored || !given) return false;
  return timingSafeEqual(Buffer.from(stored), Buffer.from(given));
}
