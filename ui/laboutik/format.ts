// Money in the terminal's current language (shared/money.ts does the integer formatting).
import { getLang } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';

export function money(cents: number): string {
  return formatMoney(cents, getLang());
}

export function timeOf(atMs: number): string {
  return new Date(atMs).toLocaleTimeString(getLang() === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}
