// NFC card UIDs are 4, 7 or 10 bytes (ISO 14443 single, double, triple size), sent as hex.

const uidPattern = /^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$/;

/** Uppercase hex without separators, or null when the input is not a card UID. */
export function normalizeCardUid(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const hex = input.replace(/[\s:-]/g, '').toUpperCase();
  return uidPattern.test(hex) ? hex : null;
}
