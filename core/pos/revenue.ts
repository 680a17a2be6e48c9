// Revenue of a collective over a period, from its sales (what was sold, at which POS, paid how)
// with refunds deducted on the day they happened (the ledger's refund rows say when and in which
// assets). Invariant: for every breakdown, net = sales - refunds, and each breakdown sums to the
// same totals (per POS, per day, per method; per product for sales lines; per asset for Pass).
import { accounts } from '../money/accounts.js';
import { fiatAsset } from '../money/assets.js';
import type { Ledger } from '../money/ledger.js';
import type { LedgerRow } from '../money/ledger-row.js';
import type { Sale } from './records.js';
import type { PosService } from './service.js';
import { includedVat } from './pricing.js';
import { businessDay } from './z-ticket.js';
import { spreadRefund } from './z-totals.js';

export interface Amounts {
  sales: number;
  refunds: number;
  net: number;
}

export interface RevenueReport {
  from: number;
  to: number;
  timezone: string;
  totals: Amounts & { salesCount: number; refundsCount: number };
  byPos: Array<Amounts & { posId: string; salesCount: number }>;
  byDay: Array<Amounts & { day: string }>;
  byMethod: Record<'cash' | 'card' | 'pass', Amounts>;
  byProduct: Array<Amounts & { productId: string; name: string; qty: number; refundedQty: number }>;
  byAsset: Array<Amounts & { asset: string }>;
  /** Per VAT rate, VAT computed on the net (sales − refunds): `ht` = net − `vat`. */
  byVat: Array<Amounts & { rate: number; vat: number; ht: number }>;
  /** True when the period held more sales than one report reads: narrow the period. */
  truncated: boolean;
}

/** A refund row of the ledger with the sale it refunds (found by the row's `meta.refundOf`). */
export interface RefundInPeriod {
  row: LedgerRow;
  sale: Sale;
}

/** Sales read by one report at most (TigerStyle: a limit on everything). */
export const maxRevenueSales = 100_000;

/** Loads a period's sales and refund rows, then computes the report. */
export async function revenueOf(
  deps: { pos: PosService; ledger: Ledger },
  q: { collectiveId: string; from: number; to: number; timezone: string; cutoffMinutes?: number; posId?: string },
): Promise<RevenueReport> {
  const sales = await deps.pos.listSales({ collectiveId: q.collectiveId, posId: q.posId, fromMs: q.from, toMs: q.to }, maxRevenueSales + 1);
  const truncated = sales.length > maxRevenueSales;
  if (truncated) sales.length = maxRevenueSales;
  const rows = await deps.ledger.rows.find({ collectiveId: q.collectiveId, kind: 'refund', at: { $gte: q.from, $lt: q.to }, ...(q.posId ? { posId: q.posId } : {}) });
  const byId = new Map(sales.map((s) => [s._id, s]));
  const refunds: RefundInPeriod[] = [];
  for (const row of rows) {
    const saleId = row.meta?.saleId ?? row.meta?.refundOf; // a two-card sale's refund rows name the sale
    if (typeof saleId !== 'string' || !row.posId) continue; // not a point-of-sale refund
    const sale = byId.get(saleId) ?? (await deps.pos.getSale(saleId, row.posId).catch(() => null));
    if (sale) refunds.push({ row, sale });
  }
  return computeRevenue({ from: q.from, to: q.to, timezone: q.timezone, cutoffMinutes: q.cutoffMinutes, sales, refunds, truncated });
}

export function computeRevenue(input: { from: number; to: number; timezone: string; cutoffMinutes?: number; sales: Sale[]; refunds: RefundInPeriod[]; truncated?: boolean }): RevenueReport {
  const dayOf = (atMs: number) => businessDay(atMs, input.timezone, input.cutoffMinutes);
  const pos = new Tally<{ posId: string; salesCount: number }>();
  const day = new Tally<{ day: string }>();
  const method = new Tally<{ method: string }>();
  const product = new Tally<{ productId: string; name: string; qty: number; refundedQty: number }>();
  const asset = new Tally<{ asset: string }>();
  const vat = new Tally<{ rate: number }>();
  const totals = { sales: 0, refunds: 0, salesCount: 0 };

  for (const sale of input.sales) {
    // Cup deposits are money held, not revenue: out of every total but the payment methods (money taken).
    const sold = sale.lines.filter((l) => !l.deposit);
    const total = sold.reduce((sum, l) => sum + l.total, 0);
    totals.sales += total;
    totals.salesCount += 1;
    pos.add(sale.posId, { posId: sale.posId, salesCount: 0 }, 'sales', total).salesCount += 1;
    day.add(dayOf(sale.at), { day: dayOf(sale.at) }, 'sales', total);
    for (const m of ['cash', 'card', 'pass'] as const) method.add(m, { method: m }, 'sales', sale.payments[m]);
    for (const line of sold) product.add(line.productId, { productId: line.productId, name: line.name, qty: 0, refundedQty: 0 }, 'sales', line.total).qty += line.qty;
    for (const line of sold) vat.add(String(line.vatRate), { rate: line.vatRate }, 'sales', line.total);
    for (const s of sale.spent ?? []) asset.add(s.asset, { asset: s.asset }, 'sales', s.amount);
  }

  for (const { row, sale } of input.refunds) {
    const parts = refundParts(row, sale.posId);
    const lines = refundedLines(sale, row.txId);
    const depositBack = lines.reduce((sum, l) => sum + (sale.lines.find((x) => x.productId === l.productId)?.deposit ? l.amount : 0), 0);
    const amount = parts.pass + parts.card + parts.cash - depositBack;
    totals.refunds += amount;
    pos.add(sale.posId, { posId: sale.posId, salesCount: 0 }, 'refunds', amount);
    day.add(dayOf(row.at), { day: dayOf(row.at) }, 'refunds', amount);
    for (const m of ['cash', 'card', 'pass'] as const) method.add(m, { method: m }, 'refunds', parts[m]);
    for (const [a, value] of Object.entries(parts.byAsset)) asset.add(a, { asset: a }, 'refunds', value);
    for (const line of lines) {
      if (sale.lines.find((x) => x.productId === line.productId)?.deposit) continue;
      product.add(line.productId, { productId: line.productId, name: line.name, qty: 0, refundedQty: 0 }, 'refunds', line.amount).refundedQty += line.qty;
      vat.add(String(line.vatRate), { rate: line.vatRate }, 'refunds', line.amount);
    }
  }

  const byMethodList = method.list();
  const byMethod = Object.fromEntries((['cash', 'card', 'pass'] as const).map((m) => [m, strip(byMethodList.find((x) => x.method === m) ?? zero({ method: m }))])) as RevenueReport['byMethod'];
  return {
    from: input.from,
    to: input.to,
    timezone: input.timezone,
    totals: { sales: totals.sales, refunds: totals.refunds, net: totals.sales - totals.refunds, salesCount: totals.salesCount, refundsCount: input.refunds.length },
    byPos: pos.list().sort((a, b) => b.net - a.net),
    byDay: day.list().sort((a, b) => a.day.localeCompare(b.day)),
    byMethod,
    byProduct: product.list().sort((a, b) => b.net - a.net),
    byAsset: asset.list().sort((a, b) => a.asset.localeCompare(b.asset)),
    byVat: vat.list().sort((a, b) => a.rate - b.rate).map((v) => ({ ...v, vat: includedVat(v.net, v.rate), ht: v.net - includedVat(v.net, v.rate) })),
    truncated: input.truncated ?? false,
  };
}

/** What one refund row gave back, per method and per Pass asset (as the register reads it). */
function refundParts(row: LedgerRow, posId: string) {
  const byAsset: Record<string, number> = {};
  let pass = 0;
  let card = 0;
  let cash = 0;
  for (const leg of row.legs) {
    if (leg.asset === fiatAsset) {
      if (leg.from === accounts.cardTerminal(posId)) card += leg.amount;
      if (leg.from === accounts.cashDrawer(posId)) cash += leg.amount;
    } else if (leg.to === row.wallet) {
      pass += leg.amount;
      byAsset[leg.asset] = (byAsset[leg.asset] ?? 0) + leg.amount;
    }
  }
  return { pass, card, cash, byAsset };
}

/** Lines a refund gave back (see spreadRefund); none while the sale record is not updated yet: amounts still count, products catch up. */
function refundedLines(sale: Sale, refundTxId: string) {
  const refund = sale.refunds.find((r) => r.txId === refundTxId);
  return refund ? spreadRefund(sale, refund) : [];
}

class Tally<K extends object> {
  private readonly map = new Map<string, K & Amounts>();

  add(key: string, init: K, field: 'sales' | 'refunds', amount: number): K & Amounts {
    let entry = this.map.get(key);
    if (!entry) this.map.set(key, (entry = zero(init)));
    entry[field] += amount;
    entry.net = entry.sales - entry.refunds;
    return entry;
  }

  list(): Array<K & Amounts> {
    return [...this.map.values()];
  }
}

function zero<K extends object>(init: K): K & Amounts {
  return { ...init, sales: 0, refunds: 0, net: 0 };
}

function strip(x: Amounts & { method: string }): Amounts {
  return { sales: x.sales, refunds: x.refunds, net: x.net };
}
