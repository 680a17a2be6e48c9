// A sale receipt as a printed document, with the mentions French law asks of a receipt (seller's
// name, address, SIRET and VAT number; number, date and time; register; each line with quantity,
// unit price and VAT rate; totals excl. and incl. VAT and the VAT per rate; payment methods).
// A reprint carries "DUPLICATA" and its copy number. Names, not ids; the collective's local time.
import { euros, localDateTime, percent, type DocLang } from '../documents/format.js';
import type { PrintedDocument } from '../documents/model.js';
import { includedVat } from '../pos/pricing.js';
import type { Sale, ZIdentity } from '../pos/records.js';
import { receiptLabels as labels } from './messages.js';

export interface ReceiptContext {
  identity: ZIdentity;
  timezone: string;
  posName: string;
  terminalName?: string;
  /** 1 for the original; a reprint is copy 2, 3… */
  copy: number;
  printedAt: number;
  software: { name: string; version: string };
  /** Pass currencies by name. */
  assetName(asset: string): string;
  /** The ledger row's hash that recorded the payment (tamper evidence). */
  rowHash?: string;
  brand?: PrintedDocument['brand'];
}

export function receiptDocument(sale: Sale, ctx: ReceiptContext, lang: DocLang = 'fr'): PrintedDocument {
  const l = labels[lang];
  const eur = (cents: number) => euros(cents, lang);
  const id = ctx.identity;
  const byRate = new Map<number, number>();
  for (const line of sale.lines) byRate.set(line.vatRate, (byRate.get(line.vatRate) ?? 0) + line.total);
  const vatRows = [...byRate].sort(([a], [b]) => a - b).map(([rate, ttc]) => {
    const vat = includedVat(ttc, rate);
    return { cells: [percent(rate, lang), eur(ttc - vat), eur(vat), eur(ttc)] };
  });
  const vatTotal = [...byRate].reduce((s, [rate, ttc]) => s + includedVat(ttc, rate), 0);
  const payments = [
    ...(sale.payments.cash ? [{ cells: [l.cash, eur(sale.payments.cash + sale.change)] }] : []),
    ...(sale.change ? [{ cells: [l.change, eur(-sale.change)], kind: 'detail' as const }] : []),
    ...(sale.payments.card ? [{ cells: [l.card, eur(sale.payments.card)] }] : []),
    ...(sale.payments.pass ? [{ cells: [l.pass, eur(sale.payments.pass)] }] : []),
    ...(sale.spent ?? []).map((s) => ({ cells: [ctx.assetName(s.asset), eur(s.amount)], kind: 'detail' as const })),
  ];
  const sections: PrintedDocument['sections'] = [
    {
      id: 'sale',
      title: l.sale,
      rows: [
        { cells: [l.date, localDateTime(sale.at, ctx.timezone, lang)] },
        { cells: [l.pos, ctx.posName] },
        ...(ctx.terminalName ? [{ cells: [l.terminal, ctx.terminalName] }] : []),
      ],
    },
    {
      id: 'lines',
      title: l.lines,
      columns: [l.item, l.qty, l.unit, l.total],
      rows: sale.lines.map((line) => ({ cells: [`${line.name} (${percent(line.vatRate, lang)})`, String(line.qty), eur(line.unitPrice), eur(line.total)] })),
    },
    {
      id: 'totals',
      title: l.totals,
      rows: [{ cells: [l.ht, eur(sale.total - vatTotal)] }, { cells: [l.vat, eur(vatTotal)] }, { cells: [l.ttc, eur(sale.total)], kind: 'total' }],
    },
    { id: 'vat', title: l.vatDetail, columns: [l.rate, l.htShort, l.vat, l.ttcShort], rows: vatRows },
    { id: 'payments', title: l.payments, rows: payments },
  ];
  if (sale.refunds.length) {
    sections.push({
      id: 'refunds',
      title: l.refunds,
      rows: sale.refunds.map((r) => ({ cells: [localDateTime(r.at, ctx.timezone, lang), eur(-r.amount)] })),
    });
  }
  return {
    lang,
    title: l.title.replace('{n}', String(sale.number)),
    ...(ctx.copy > 1 ? { mark: l.duplicate.replace('{copy}', String(ctx.copy)) } : {}),
    identity: [id.name, ...(id.address ? [id.address] : []), ...(id.siret ? [`SIRET ${id.siret}`] : []), ...(id.vatNumber ? [l.vatNumber.replace('{n}', id.vatNumber)] : [])],
    sections,
    footer: [
      ...(ctx.copy > 1 ? [l.copyOf.replace('{copy}', String(ctx.copy)).replace('{at}', localDateTime(ctx.printedAt, ctx.timezone, lang))] : []),
      l.thanks,
      ...(ctx.rowHash ? [l.hash.replace('{h}', ctx.rowHash)] : []),
      `${l.software} ${ctx.software.name} ${ctx.software.version}`,
    ],
    ...(ctx.brand ? { brand: ctx.brand } : {}),
  };
}
