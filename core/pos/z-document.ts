// One Z ticket as a document: the identity header, then one section per kind of movement, then
// the integrity footer. The HTML print, the PDFs (80 mm and A4) and the terminal's close summary
// all render this, so they show the same content. Names, not ids; the collective's local time.
import { euros, localDateTime, localDay, percent, type DocLang } from '../documents/format.js';
import type { DocRow, DocSection, PrintedDocument } from '../documents/model.js';
import type { ZTicket } from './records.js';
import { zLabels, type ZLabel } from './z-messages.js';

export type ZDocument = PrintedDocument;

export function zDocument(z: ZTicket, lang: DocLang = 'fr'): ZDocument {
  const l = (key: ZLabel, vars: Record<string, string | number> = {}) => zLabels[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  const eur = (cents: number) => euros(cents, lang);
  const tz = z.timezone ?? 'Europe/Paris';
  const at = (ms: number) => localDateTime(ms, tz, lang);
  const row = (label: string, value: string, kind?: DocRow['kind']): DocRow => ({ cells: [label, value], ...(kind ? { kind } : {}) });
  const t = z.totals;
  const net = t.net ?? t.sales - t.refunds.total;
  const id = z.collective;
  const identity = [id?.name ?? z.collectiveId, ...(id?.address ? [id.address] : []), ...(id?.siret ? [`SIRET ${id.siret}`] : []), ...(id?.vatNumber ? [l('vatNumber', { n: id.vatNumber })] : [])];
  const session = z.sessions[0];
  const method = (m: string) => (zLabels[lang][`method.${m}` as ZLabel] ? l(`method.${m}` as ZLabel) : m);

  const sections: DocSection[] = [
    {
      id: 'register',
      title: l('register'),
      rows: [
        row(l('pos'), z.posName),
        ...(z.terminals?.length ? [row(l('terminals'), z.terminals.map((x) => x.name).join(', '))] : []),
        row(l('businessDay'), localDay(z.businessDay)),
        row(l('from'), at(z.from)),
        row(l('to'), at(z.to)),
        row(l('timezone'), tz),
        ...(session ? [row(l('openedBy'), session.openedByName ?? session.openedBy ?? '')] : []),
        row(l('closedBy'), z.closedByName ?? z.closedBy),
      ],
    },
    {
      id: 'sales',
      title: l('sales'),
      rows: [
        row(l('salesCount'), String(t.salesCount)),
        row(l('salesRange'), t.firstSale === null ? '—' : l('range', { first: t.firstSale, last: t.lastSale ?? '' })),
        row(l('grossSales'), eur(t.sales)),
        row(l('refunds'), eur(-t.refunds.total)),
        row(l('netSales'), eur(net), 'total'),
      ],
    },
    {
      id: 'methods',
      title: l('byMethod'),
      columns: [l('method'), l('sold'), l('refunded'), l('net')],
      rows: [
        ...(['cash', 'card', 'pass'] as const).map((m) => ({ cells: [method(m), eur(t.byMethod[m]), eur(-t.refunds.byMethod[m]), eur(t.byMethod[m] - t.refunds.byMethod[m])] })),
        ...(t.deposits?.held ? [{ cells: [l('depositsInMethods'), eur(t.deposits.held), '', ''], kind: 'detail' as const }] : []),
      ],
    },
    {
      id: 'vat',
      title: l('byVat'),
      columns: [l('rate'), l('ht'), l('vat'), l('ttc')],
      rows: [
        ...t.byVat.map((v) => ({ cells: [percent(v.rate, lang), eur(v.ht ?? v.total - v.vat), eur(v.vat), eur(v.total)] })),
        { cells: [l('total'), eur(t.byVat.reduce((s, v) => s + (v.ht ?? v.total - v.vat), 0)), eur(t.byVat.reduce((s, v) => s + v.vat, 0)), eur(t.byVat.reduce((s, v) => s + v.total, 0))], kind: 'total' },
      ],
    },
    {
      id: 'products',
      title: l('byProduct'),
      columns: [l('product'), l('qty'), l('ttc')],
      rows: t.byProduct.flatMap((p) => {
        const refunded = p as typeof p & { refundedQty?: number; refunded?: number };
        const sold: DocRow = { cells: [p.name, String(p.qty), eur(p.total)] };
        return refunded.refundedQty ? [sold, { cells: [l('refundedOf', { name: p.name }), String(-refunded.refundedQty), eur(-(refunded.refunded ?? 0))], kind: 'detail' as const }] : [sold];
      }),
    },
    ...(t.rewards ? [{ id: 'rewards', title: l('rewards'), rows: [row(l('rewardsCount', { count: t.rewards.count }), eur(-t.rewards.total))] }] : []),
    {
      id: 'assets',
      title: l('byAsset'),
      rows: (t.assets ?? Object.entries(t.byAsset).map(([asset, amount]) => ({ asset, name: asset, amount }))).map((a) => row(a.name, eur(a.amount))),
    },
    {
      id: 'topups',
      title: l('topups'),
      rows: [
        ...Object.entries(t.topups.byMethod).map(([m, a]) => row(method(m), eur(a))),
        ...(t.topups.assets ?? []).map((a) => row(l('into', { name: a.name }), eur(a.amount), 'detail')),
        row(l('total'), eur(t.topups.total), 'total'),
      ],
    },
  ];
  if (t.cashouts) sections.push({ id: 'cashouts', title: l('cashoutSection'), rows: [row(l('cashoutPaid'), eur(t.cashouts))] });
  if (t.deposits) {
    const d = t.deposits;
    sections.push({
      id: 'deposits',
      title: l('deposits'),
      rows: [
        row(l('depositsHeld', { n: d.heldQty }), eur(d.held)),
        row(l('depositsReturned', { n: d.returnedQty }), eur(-d.returned)),
        row(l('depositsToCards'), eur(-d.returnedToCards), 'detail'),
        row(l('depositsInCash'), eur(-d.returnedInCash), 'detail'),
        ...(d.refundedWithSales ? [row(l('depositsRefunded'), eur(-d.refundedWithSales), 'detail')] : []),
        row(l('cupsOut'), String(d.cupsOut), 'total'),
      ],
    });
  }
  if (t.cash) sections.push(cashSection(t.cash, l, eur, at));
  if (t.offline) {
    const o = t.offline;
    sections.push({
      id: 'offline',
      title: l('offline'),
      rows: [
        row(l('offlineSynced', { n: o.count }), eur(o.total)),
        row(l('offlineShortfall'), eur(o.shortfall)),
        ...(o.late.count ? [row(l('offlineLate', { n: o.late.count }), eur(o.late.total), 'warn' as const)] : []),
      ],
    });
  }
  sections.push({
    id: 'grandTotals',
    title: l('grandTotals'),
    rows: [row(l('periodTotal'), eur(net), 'total'), row(l('perpetualTotal'), eur(z.grandTotal), 'total')],
  });
  return {
    lang,
    title: l('title', { n: z.number }),
    identity,
    sections: sections.filter((s) => s.rows.length > 0),
    footer: [
      l('prevHash', { h: z.prevHash }),
      l('hash', { h: z.hash }),
      l('software', { name: z.software?.name ?? 'Pass', version: z.software?.version ?? '—' }),
      l('writtenAt', { at: at(z.at) }),
    ],
  };
}

function cashSection(
  cash: NonNullable<ZTicket['totals']['cash']>,
  l: (key: ZLabel, vars?: Record<string, string | number>) => string,
  eur: (cents: number) => string,
  at: (ms: number) => string,
): DocSection {
  const row = (label: string, cents: number, kind?: DocRow['kind']): DocRow => ({ cells: [label, eur(cents)], ...(kind ? { kind } : {}) });
  const rows: DocRow[] = [
    row(l('float'), cash.float),
    row(l('cashSales'), cash.sales),
    row(l('cashTopups'), cash.topups),
    row(l('cashRefunds'), -cash.refunds),
  ];
  if (cash.cashouts) rows.push(row(l('cashouts'), -cash.cashouts));
  if (cash.depositReturns) rows.push(row(l('cashDepositReturns'), -cash.depositReturns));
  rows.push(row(l('cashRemoved'), -cash.removed));
  for (const r of cash.removals) rows.push(row(l(r.reason === 'bank-deposit' ? 'deposit' : 'removal', { by: r.byName, at: at(r.at) }), -r.amount, 'detail'));
  if (cash.other) rows.push(row(l('otherCash'), cash.other));
  if (cash.beforeOpening) rows.push(row(l('beforeOpening'), cash.beforeOpening, 'detail'));
  rows.push(row(l('expected'), cash.expected, 'total'));
  if (cash.counted === undefined) rows.push({ cells: [l('counted'), l('notCounted')], kind: 'warn' });
  else {
    rows.push(row(l('counted'), cash.counted));
    rows.push(row(l('difference'), cash.difference ?? 0, cash.difference ? 'warn' : 'total'));
  }
  return { id: 'cash', title: l('cash'), rows };
}
