// A Z ticket as a PDF (pdfkit), receipt-sized: for archiving next to the JSON chain export.
import PDFDocument from 'pdfkit';
import type { ZTicket } from './records.js';
import { dateTime, euros, percent } from './z-print.js';

const receiptWidthPt = 226; // 80 mm

export function zTicketPdf(z: ZTicket): Promise<Buffer> {
  const doc = new PDFDocument({ size: [receiptWidthPt, 1200], margin: 12, info: { Title: `Z ${z.number} ${z.posName}`, Producer: 'Pass' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const t = z.totals;
  const line = (label: string, value: string) => {
    const y = doc.y;
    doc.fontSize(8).text(label, 12, y, { width: 130 });
    const after = doc.y;
    doc.text(value, 142, y, { width: 72, align: 'right' });
    doc.y = Math.max(after, doc.y);
  };
  const title = (text: string) => doc.moveDown(0.4).fontSize(9).font('Helvetica-Bold').text(text, 12).font('Helvetica');

  doc.font('Helvetica-Bold').fontSize(12).text(`Ticket Z n° ${z.number}`).font('Helvetica');
  line('Point de vente', z.posName);
  line('Journée', z.businessDay);
  line('Du', dateTime(z.from));
  line('Au', dateTime(z.to));
  line('Clôturé par', z.closedBy);
  title('Ventes');
  line('Nombre de ventes', String(t.salesCount));
  line('Tickets', t.firstSale === null ? '—' : `${t.firstSale} à ${t.lastSale}`);
  line('Total TTC', euros(t.sales));
  title('Par moyen de paiement');
  line('Espèces', euros(t.byMethod.cash));
  line('Carte bancaire', euros(t.byMethod.card));
  line('Pass', euros(t.byMethod.pass));
  title('Par taux de TVA');
  for (const v of t.byVat) line(`${percent(v.rate)} (TVA ${euros(v.vat)})`, euros(v.total));
  title('Par produit');
  for (const p of t.byProduct) line(`${p.qty} × ${p.name}`, euros(p.total));
  title('Recharges et remboursements');
  line('Recharges', euros(t.topups.total));
  line('Remboursements', euros(t.refunds.total));
  if (t.cashouts) line('Remboursements de solde (cash-out)', euros(t.cashouts));
  if (t.deposits) {
    title('Consignes (hors CA, sans TVA)');
    line(`Encaissées (${t.deposits.heldQty})`, euros(t.deposits.held));
    line(`Rendues (${t.deposits.returnedQty})`, euros(t.deposits.returned));
    line('Gobelets dehors', String(t.deposits.cupsOut));
  }
  title('Grand total perpétuel');
  line('Net depuis l’origine', euros(z.grandTotal));
  title('Intégrité');
  doc.fontSize(6).text(`précédent ${z.prevHash}`).text(`empreinte ${z.hash}`);
  doc.end();
  return done;
}
