// Formatting shared by pages, mails and PDFs: French euros from integer cents (no floats) and
// HTML escaping for any value put into markup.

/** Integer cents as French euros: 1234 -> "12,34 €", -5 -> "-0,05 €". */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')} €`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
