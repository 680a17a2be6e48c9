// Amounts typed by a visitor (a top-up) become integer cents by reading the digits, never
// through floats: "12,5" is 1250, "0.1" is 10. French and English decimal marks both work.

/** Cents of a typed euro amount, or null when it is not one (at most 2 decimals, no sign). */
export function parseEuros(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*(?:€|eur)?\s*$/i.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
