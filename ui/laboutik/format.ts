// Money in the terminal's current language (shared/money.ts does the integer formatting).
import { getLang } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';

export function money(cents: number): string {
  return formatMoney(cents, getLang());
}

export function timeOf(atMs: number): string {
  return new Date(atMs).toLocaleTimeString(getLang() === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** A VAT rate in basis points, e.g. 2000 → "20 %", 550 → "5,5 %" (fr) / "5.5%" (en). Integers only. */
export function vatRateLabel(basisPoints: number): string {
  const lang = getLang();
  const units = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  const decimals = rest ? (lang === 'fr' ? ',' : '.') + String(rest).padStart(2, '0').replace(/0$/, '') : '';
  return lang === 'fr' ? `${units}${decimals}\u00a0%` : `${units}${decimals}%`;
}
