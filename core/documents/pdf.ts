// A printed document as a PDF (pdfkit, standard Helvetica: WinAnsi text, so labels keep to
// Latin-1 and €): an 80 mm receipt roll or an A4 page, the same rows as the HTML.
import PDFDocument from 'pdfkit';
import type { DocLayout, DocRow, PrintedDocument } from './model.js';

const mmPt = 72 / 25.4;
const layouts = {
  receipt: { width: Math.round(80 * mmPt), margin: 10, size: 7.5, title: 11 },
  a4: { width: 595, margin: 40, size: 10, title: 15 },
} as const;

export function documentPdf(doc: PrintedDocument, layout: DocLayout = 'receipt'): Promise<Buffer> {
  const L = layouts[layout];
  const usable = L.width - 2 * L.margin;
  const rowsCount = doc.sections.reduce((s, x) => s + x.rows.length + 2.5, 0) + doc.identity.length + doc.footer.length * 2 + 8;
  // A receipt is one long page as tall as its content (a roll has no pages); A4 breaks pages.
  const size: [number, number] = layout === 'receipt' ? [L.width, Math.max(300, Math.ceil(rowsCount * L.size * 1.45 + 2 * L.margin))] : [595, 842];
  const pdf = new PDFDocument({ size, margin: L.margin, info: { Title: `${doc.title} ${doc.identity[0] ?? ''}`, Producer: 'Pass' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const primary = doc.brand?.primary ?? '#000000';
  const x0 = L.margin;
  pdf.font('Helvetica-Bold').fontSize(L.title).text(doc.identity[0] ?? '', x0, L.margin, { width: usable, align: 'center' });
  pdf.font('Helvetica').fontSize(L.size);
  for (const line of doc.identity.slice(1)) pdf.text(line, x0, pdf.y, { width: usable, align: 'center' });
  rule(pdf, x0, usable, primary, 1.5);
  if (doc.mark) pdf.moveDown(0.3).font('Helvetica-Bold').fontSize(L.title * 1.4).text(doc.mark, x0, pdf.y, { width: usable, align: 'center', characterSpacing: 3 });
  pdf.moveDown(0.3).font('Helvetica-Bold').fontSize(L.title).text(doc.title, x0, pdf.y, { width: usable, align: 'center' }).font('Helvetica').fontSize(L.size);

  for (const section of doc.sections) {
    pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(L.size + 1).fillColor(primary).text(section.title, x0, pdf.y, { width: usable }).fillColor('#000000');
    rule(pdf, x0, usable, '#000000', 0.5);
    const cols = section.columns?.length ?? 2;
    const valueWidth = layout === 'receipt' ? (cols > 2 ? 44 : 72) : 90;
    const widths = [usable - valueWidth * (cols - 1), ...Array<number>(cols - 1).fill(valueWidth)];
    if (section.columns) cells(pdf, x0, widths, section.columns, 'Helvetica-Oblique', L.size);
    for (const row of section.rows) cells(pdf, x0, widths, row.cells, fontOf(row), row.kind === 'detail' ? L.size - 0.5 : L.size, row.kind === 'detail' ? L.size : 0);
  }
  pdf.moveDown(0.8);
  rule(pdf, x0, usable, '#000000', 0.5);
  pdf.font('Helvetica').fontSize(L.size - 1.5);
  for (const line of doc.footer) pdf.text(line, x0, pdf.y, { width: usable });
  pdf.end();
  return done;
}

function fontOf(row: DocRow): string {
  return row.kind === 'total' || row.kind === 'warn' ? 'Helvetica-Bold' : 'Helvetica';
}

/** One table row: the label wraps in its column, values align right; the row is as tall as its tallest cell. */
function cells(pdf: PDFKit.PDFDocument, x0: number, widths: number[], values: string[], font: string, size: number, indent = 0): void {
  const y = pdf.y;
  let bottom = y;
  let x = x0;
  values.forEach((value, i) => {
    const pad = i ? 2 : indent;
    pdf.font(font).fontSize(size).text(value, x + pad, y, { width: widths[i] - pad, align: i ? 'right' : 'left' });
    bottom = Math.max(bottom, pdf.y);
    x += widths[i];
  });
  pdf.y = bottom;
}

function rule(pdf: PDFKit.PDFDocument, x0: number, width: number, colour: string, thickness: number): void {
  const y = pdf.y + 1;
  pdf.moveTo(x0, y).lineTo(x0 + width, y).lineWidth(thickness).strokeColor(colour).stroke();
  pdf.y = y + 2;
}
