// Amounts typed by an admin ("3,50", "3.5", "1 234,50 €") as integer cents, and back. Invariant:
// no float ever holds money here — the text is split into its whole and decimal digits, each
// read as an integer, and cents = whole × 100 + decimals (integer arithmetic only).
import type { Lang } from '../shared/i18n.js';

export type FixedParse = { ok: true; value: number } | { ok: false; reason: 'empty' | 'format' | 'decimals' | 'too-large' };

/** The largest amount an admin may type (the API's per-movement cap: 100,000.00). */
export const maxEuroCents = 100_000_00;

/** "3,50" → 350. A comma or a dot is the decimal mark (one of them, at most 2 decimals). */
export function parseEuros(text: string, maxCents = maxEuroCents): FixedParse {
  return parseFixed(text.replace(/€|eur/gi, ''), 2, maxCents);
}

/** A VAT rate typed in percent ("5,5", "20") as basis points (550, 2000). */
export function parsePercent(text: string): FixedParse {
  return parseFixed(text.replace(/%/g, ''), 2, 100_00);
}

/**
 * A non-negative decimal with at most `decimals` digits after the mark, as an integer scaled by
 * 10^decimals. Spaces (also the non-breaking ones French formatting writes) are ignored.
 */
export function parseFixed(text: string, decimals: number, max: number): FixedParse {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!compact) return { ok: false, reason: 'empty' };
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(compact);
  if (!match || (!match[1] && !match[2])) return { ok: false, reason: 'format' };
  const whole = match[1].replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return { ok: false, reason: 'decimals' };
  // Longer than max's digits is too large whatever they are (and would overflow safe integers).
  if (whole.length > String(max).length) return { ok: false, reason: 'too-large' };
  const scale = 10 ** decimals;
  const value = Number(whole || '0') * scale + Number(fraction.padEnd(decimals, '0') || '0');
  if (value > max) return { ok: false, reason: 'too-large' };
  return { ok: true, value };
}

/** Cents as an editable field value: 350 → "3,50" (fr) or "3.50" (en), no grouping, no symbol. */
export function centsToInput(cents: number, lang: Lang): string {
  return fixedToInput(cents, 2, lang);
}

/** Basis points as an editable percent: 550 → "5,5", 2000 → "20". */
export function basisPointsToInput(bp: number, lang: Lang): string {
  return fixedToInput(bp, 2, lang).replace(/[.,]?0+$/, '');
}

function fixedToInput(value: number, decimals: number, lang: Lang): string {
  if (!Number.isSafeInteger(value) || value < 0) return '';
  const scale = 10 ** decimals;
  const whole = Math.trunc(value / scale);
  const rest = String(value % scale).padStart(decimals, '0');
  return `${whole}${lang === 'fr' ? ',' : '.'}${rest}`;
}
