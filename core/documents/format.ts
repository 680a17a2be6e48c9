// How documents (Z tickets, receipts, exports) write amounts, rates and instants: integer cents
// as euros without floats, VAT basis points as percents, instants in the collective's local time.
export type DocLang = 'fr' | 'en';

/** Integer cents as "1 234,56 €" (fr) or "€1,234.56" (en), computed without floats. */
export function euros(cents: number, lang: DocLang = 'fr'): string {
  const sign = cents < 0 ? '-' : ''; // ASCII minus and no-break space: the PDF's standard fonts (WinAnsi) have them
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u00a0' : ',');
  const rest = String(abs % 100).padStart(2, '0');
  return lang === 'fr' ? `${sign}${units},${rest} €` : `${sign}€${units}.${rest}`;
}

/** Basis points as "5,5 %" (fr) or "5.5%" (en). */
export function percent(basisPoints: number, lang: DocLang = 'fr'): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  const decimals = rest ? String(rest).padStart(2, '0').replace(/0$/, '') : '';
  return lang === 'fr' ? `${whole}${decimals ? ',' + decimals : ''} %` : `${whole}${decimals ? '.' + decimals : ''}%`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "14/07/2026 22:05:09" in the given zone (a document says which zone it uses). */
export function localDateTime(ms: number, timeZone: string, lang: DocLang = 'fr'): string {
  const key = `${timeZone}|${lang}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f.format(ms).replace(',', '');
}

/** "2026-07-14" as "14/07/2026" (fr) or "14/07/2026" (en-GB): days read the local way. */
export function localDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

export { escapeHtml } from '../shared/format.js';
