// Amount entry as on a cash register: digits push in from the right in cents ("1", "2", "5",
// "0" → 12,50). Integer arithmetic only; capped at the largest amount one movement may carry.
export const maxKeypadCents = 100_000_00;

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'back' | 'clear';

export function pressKey(cents: number, key: KeypadKey): number {
  if (key === 'clear') return 0;
  if (key === 'back') return Math.trunc(cents / 10);
  const next = key === '00' ? cents * 100 : cents * 10 + Number(key);
  return next > maxKeypadCents ? cents : next;
}
