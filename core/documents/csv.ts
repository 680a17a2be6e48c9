// CSV for spreadsheets: amounts in euros (never cents), and a French option (semicolon
// separator, comma decimals, local dates) since French spreadsheets read that by default.
// A cell starting with a formula character is neutralised (CSV injection).
export type CsvCell = string | number | { cents: number } | { atMs: number; timeZone: string };

export function csvTable(header: string[], rows: CsvCell[][], options: { french?: boolean } = {}): string {
  const sep = options.french ? ';' : ',';
  const lines = [header, ...rows].map((r) => r.map((c) => quote(cellText(c, Boolean(options.french)), sep)).join(sep));
  // A BOM so spreadsheet programs read the accents as UTF-8.
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

function cellText(cell: CsvCell, french: boolean): string {
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  if ('cents' in cell) {
    const sign = cell.cents < 0 ? '-' : '';
    const abs = Math.abs(cell.cents);
    return `${sign}${Math.floor(abs / 100)}${french ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
  }
  const f = new Intl.DateTimeFormat(french ? 'fr-FR' : 'sv-SE', { timeZone: cell.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return f.format(cell.atMs).replace(',', '');
}

function quote(text: string, sep: string): string {
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
