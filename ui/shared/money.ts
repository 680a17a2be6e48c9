// Money on screen. Invariants: amounts are integer cents end to end; formatting splits euros
// and cents with integer division and modulo, never with floats (0.1 + 0.2 must never show).
// fr: "1 234,50 €", "-12,50 €"; en: "€1,234.50", "-€12.50".
import type { Lang } from './i18n.js';

/** Integer cents as money in the given language, e.g. 1250 → "12,50 €" (fr) or "€12.50" (en). */
export function formatMoney(cents: number, lang: Lang, symbol = '€'): string {
  const sign = cents < 0 ? '-' : '';
  const amount = formatAmount(Math.abs(cents), lang);
  return lang === 'fr' ? `${sign}${amount}\u00a0${symbol}` : `${sign}${symbol}${amount}`;
}

/** Integer cents of a named currency (a local currency, a gift voucher), unit after the amount in both languages: "12,50 Fourmi", "12.50 Fourmi". */
export function formatUnits(cents: number, lang: Lang, unit: string): string {
  const sign = cents < 0 ? '-' : '';
  return `${sign}${formatAmount(Math.abs(cents), lang)}\u00a0${unit}`;
}

/** Integer cents without a currency symbol, e.g. 123450 → "1 234,50" (fr) or "1,234.50" (en). */
export function formatAmount(cents: number, lang: Lang): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.trunc(abs / 100);
  const rest = abs % 100;
  const group = lang === 'fr' ? '\u202f' : ',';
  const decimal = lang === 'fr' ? ',' : '.';
  return `${sign}${groupThousands(units, group)}${decimal}${String(rest).padStart(2, '0')}`;
}

export function isCents(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function assertCents(cents: number): void {
  if (!isCents(cents)) throw new TypeError(`money is integer cents, got ${String(cents)}`);
}

function groupThousands(units: number, separator: string): string {
  const digits = String(units);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}
