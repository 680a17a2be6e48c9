// Sales of a period as spreadsheet tables, by product, by POS, by payment method and by VAT
// rate (from the revenue report: net = sales − refunds), in euros, in French or English. The
// same tables become CSV (core/documents/csv.ts) or XLSX (core/documents/xlsx.ts).
import { localDay, percent, type DocLang } from '../documents/format.js';
import type { RevenueReport } from './revenue.js';

export type SalesBreakdown = 'product' | 'pos' | 'method' | 'vat' | 'day';
export const salesBreakdowns: SalesBreakdown[] = ['product', 'pos', 'method', 'vat', 'day'];

type Cell = string | number | { cents: number };

const words = {
  fr: { product: 'Produit', pos: 'Point de vente', method: 'Moyen de paiement', vat: 'Taux de TVA', qty: 'Quantité', refundedQty: 'Quantité remboursée', salesCount: 'Ventes', sales: 'Ventes TTC (€)', refunds: 'Remboursements (€)', net: 'Net TTC (€)', ht: 'HT (€)', vatAmount: 'TVA (€)', cash: 'Espèces', card: 'Carte bancaire', pass: 'Pass', sheet: { product: 'Par produit', pos: 'Par point de vente', method: 'Par moyen de paiement', vat: 'Par taux de TVA', day: 'Par jour' }, day: 'Jour' },
  en: { product: 'Product', pos: 'Point of sale', method: 'Payment method', vat: 'VAT rate', qty: 'Quantity', refundedQty: 'Refunded quantity', salesCount: 'Sales', sales: 'Sales incl. VAT (€)', refunds: 'Refunds (€)', net: 'Net incl. VAT (€)', ht: 'Excl. VAT (€)', vatAmount: 'VAT (€)', cash: 'Cash', card: 'Bank card', pass: 'Pass', sheet: { product: 'By product', pos: 'By point of sale', method: 'By payment method', vat: 'By VAT rate', day: 'By day' }, day: 'Day' },
} as const;

export function salesTable(report: RevenueReport, by: SalesBreakdown, posName: (posId: string) => string, lang: DocLang): { name: string; header: string[]; rows: Cell[][] } {
  const w = words[lang];
  const money = (a: { sales: number; refunds: number; net: number }): Cell[] => [{ cents: a.sales }, { cents: a.refunds }, { cents: a.net }];
  switch (by) {
    case 'product':
      return { name: w.sheet.product, header: [w.product, w.qty, w.refundedQty, w.sales, w.refunds, w.net], rows: report.byProduct.map((p) => [p.name, p.qty, p.refundedQty, ...money(p)]) };
    case 'pos':
      return { name: w.sheet.pos, header: [w.pos, w.salesCount, w.sales, w.refunds, w.net], rows: report.byPos.map((p) => [posName(p.posId), p.salesCount, ...money(p)]) };
    case 'method':
      return { name: w.sheet.method, header: [w.method, w.sales, w.refunds, w.net], rows: (['cash', 'card', 'pass'] as const).map((m) => [w[m], ...money(report.byMethod[m])]) };
    case 'vat':
      return { name: w.sheet.vat, header: [w.vat, w.sales, w.refunds, w.net, w.ht, w.vatAmount], rows: report.byVat.map((v) => [percent(v.rate, lang), ...money(v), { cents: v.ht }, { cents: v.vat }]) };
    case 'day':
      // French: the local day as 14/07/2026; English: ISO 2026-07-14 (both the collective's business day).
      return { name: w.sheet.day, header: [w.day, w.sales, w.refunds, w.net], rows: report.byDay.map((d) => [lang === 'fr' ? localDay(d.day) : d.day, ...money(d)]) };
  }
}
