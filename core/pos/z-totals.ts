// The totals of a Z ticket, computed from the period's sales and ledger rows only, so a test can
// compare each figure with the ledger. One section per kind of movement (sales, VAT, Pass
// currencies, top-ups, refunds, drawer): a new kind (cash-out, cup deposit, offline sales) adds
// its own section and, when it moves cash, its own line in `cash`.
// Invariants: VAT is computed on net sales (sold − refunded in the period), so Σ byVat.total =
// net = sales − refunds.total (deposits, cups, are neither: sales = Σ byMethod − deposits taken,
// net adds back deposits refunded with a sale); the drawer adds up: float + sales + top-ups − refunds − cash-outs −
// deposits returned in cash − removed + other = expected = float + the ledger's net cash into the drawer.
import { accounts } from '../money/accounts.js';
import { fiatAsset } from '../money/assets.js';
import type { LedgerRow } from '../money/ledger-row.js';
import { depositTotals } from './deposit.js';
import { includedVat } from './pricing.js';
import type { CashRemoval, OfflineTotals, Sale, SaleRefund, ZAssetLine, ZCash, ZTotals } from './records.js';

export interface ZPeriod {
  posId: string;
  sales: Sale[];
  rows: LedgerRow[];
  /** The sales that refund rows of the period refer to (`meta.refundOf`), by id. */
  refundedSales: ReadonlyMap<string, Sale>;
  assetName(asset: string): string;
  float: number;
  countedCash?: number;
  /** The drawer is counted from here; cash rows before it (none when the register rules hold) are shown apart. */
  sessionOpenedAt: number;
  /** When the previous Z was written (0: none): offline sales made before it are marked late. */
  previousZAt?: number;
  /** Cups still out at this POS after the previous Z (its `deposits.cupsOut`). */
  cupsOutBefore?: number;
}

export function computeZTotals(period: ZPeriod): ZTotals {
  const sorted = [...period.sales].sort((a, b) => a.number - b.number);
  const refundLines = refundsOfPeriod(period);
  const byMethod = { cash: 0, card: 0, pass: 0 };
  const spent = new Map<string, number>();
  for (const sale of sorted) {
    byMethod.cash += sale.payments.cash;
    byMethod.card += sale.payments.card;
    byMethod.pass += sale.payments.pass;
    for (const s of sale.spent ?? []) spent.set(s.asset, (spent.get(s.asset) ?? 0) + s.amount);
  }
  // Deposit money taken (cups) is held, not sold: out of sales, the net and so the grand total.
  const depositsTaken = sorted.flatMap((s) => s.lines).reduce((sum, l) => sum + (l.deposit ? l.total : 0), 0);
  const sales = byMethod.cash + byMethod.card + byMethod.pass - depositsTaken;
  const refunds = refundTotals(period);
  const topups = topupTotals(period);
  const assets = assetLines(spent, period.assetName);
  const offline = offlineTotals(sorted, period.previousZAt ?? 0);
  const depositRefunds = refundLines.filter((l) => l.deposit);
  const deposits = depositTotals(period.posId, sorted, period.rows, period.cupsOutBefore ?? 0, {
    qty: depositRefunds.reduce((sum, l) => sum + l.qty, 0),
    amount: depositRefunds.reduce((sum, l) => sum + l.amount, 0),
  });
  const rewards = rewardTotals(sorted);
  return {
    ...(offline ? { offline } : {}),
    ...(rewards.count ? { rewards } : {}),
    salesCount: sorted.length,
    firstSale: sorted[0]?.number ?? null,
    lastSale: sorted[sorted.length - 1]?.number ?? null,
    sales,
    net: sales - (refunds.total - (deposits?.refundedWithSales ?? 0)),
    byMethod,
    byProduct: productTotals(sorted, refundLines),
    byVat: vatTotals(sorted, refundLines),
    byAsset: Object.fromEntries(spent),
    assets,
    topups,
    refunds,
    cashouts: cashoutTotal(period),
    cash: drawer(period, byMethod.cash, refunds.byMethod.cash),
    ...(deposits ? { deposits } : {}),
  };
}

/** The ledger's net euros into this POS's drawer over the rows given. */
export function netCashIntoDrawer(posId: string, rows: LedgerRow[]): number {
  const drawer = accounts.cashDrawer(posId);
  let net = 0;
  for (const row of rows) {
    for (const leg of row.legs) {
      if (leg.asset !== fiatAsset) continue;
      if (leg.to === drawer) net += leg.amount;
      if (leg.from === drawer) net -= leg.amount;
    }
  }
  return net;
}

interface RefundLine {
  productId: string;
  name: string;
  vatRate: number;
  qty: number;
  amount: number;
  /** A deposit line given back: not a refund of revenue. */
  deposit?: true;
  /** Part of a loyalty reward's (negative) line: VAT nets it, products do not list it. */
  reward?: boolean;
}

/** Every refund row of the period, spread over the refunded sale's lines (products and VAT rates). */
function refundsOfPeriod(period: ZPeriod): RefundLine[] {
  const out: RefundLine[] = [];
  for (const row of period.rows) {
    if (row.kind !== 'refund') continue;
    const sale = period.refundedSales.get(String(row.meta?.refundOf ?? ''));
    const refund = sale?.refunds.find((r) => r.txId === row.txId);
    if (sale && refund) out.push(...spreadRefund(sale, refund));
  }
  return out;
}

/** A refund of given lines hits those lines; a refund of "what is left" hits what each line still had. */
export function spreadRefund(sale: Sale, refund: SaleRefund): RefundLine[] {
  const lineOf = (productId: string) => sale.lines.find((l) => l.productId === productId)!;
  if (refund.lines) {
    return refund.lines.map((r) => {
      const line = lineOf(r.productId);
      return { productId: r.productId, name: line.name, vatRate: line.vatRate, qty: r.qty, amount: line.unitPrice * r.qty, ...(line.deposit ? { deposit: true as const } : {}) };
    });
  }
  const earlier = sale.refunds.slice(0, sale.refunds.findIndex((r) => r.txId === refund.txId));
  const refundedQty = new Map<string, number>();
  for (const r of earlier) for (const l of r.lines ?? []) refundedQty.set(l.productId, (refundedQty.get(l.productId) ?? 0) + l.qty);
  const out: RefundLine[] = [];
  for (const line of sale.lines) {
    const back = Math.min(line.qty, refundedQty.get(line.productId) ?? 0);
    refundedQty.set(line.productId, (refundedQty.get(line.productId) ?? 0) - back);
    const qty = line.qty - back;
    if (qty > 0) out.push({ productId: line.productId, name: line.name, vatRate: line.vatRate, qty, amount: line.unitPrice * qty, ...(line.deposit ? { deposit: true as const } : {}), ...(line.reward ? { reward: true } : {}) });
  }
  return out;
}

function productTotals(sales: Sale[], refunds: RefundLine[]): ZTotals['byProduct'] {
  const byProduct = new Map<string, ZTotals['byProduct'][number] & { refundedQty: number; refunded: number }>();
  const entry = (productId: string, name: string) => {
    const p = byProduct.get(productId) ?? { productId, name, qty: 0, total: 0, refundedQty: 0, refunded: 0 };
    byProduct.set(productId, p);
    return p;
  };
  for (const sale of sales) {
    for (const line of sale.lines) {
      if (line.deposit) continue; // money held for a cup, shown in the deposits section
      if (line.reward) continue; // a loyalty reward is a discount (its own section), not a product
      const p = entry(line.productId, line.name);
      p.qty += line.qty;
      p.total += line.total;
    }
  }
  for (const r of refunds) {
    if (r.deposit || r.reward) continue;
    const p = entry(r.productId, r.name);
    p.refundedQty += r.qty;
    p.refunded += r.amount;
  }
  return [...byProduct.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

/** Loyalty rewards redeemed in the period's sales: how many, and the cents they took off. */
function rewardTotals(sales: Sale[]): { count: number; total: number } {
  const rewards = { count: 0, total: 0 };
  for (const sale of sales) {
    for (const line of sale.lines) {
      if (!line.reward) continue;
      rewards.count += line.qty;
      rewards.total -= line.total;
    }
  }
  return rewards;
}

function vatTotals(sales: Sale[], refunds: RefundLine[]): ZTotals['byVat'] {
  const byRate = new Map<number, { gross: number; refunded: number }>();
  const entry = (rate: number) => {
    const v = byRate.get(rate) ?? { gross: 0, refunded: 0 };
    byRate.set(rate, v);
    return v;
  };
  for (const sale of sales) for (const line of sale.lines) if (!line.deposit) entry(line.vatRate).gross += line.total;
  for (const r of refunds) if (!r.deposit) entry(r.vatRate).refunded += r.amount;
  return [...byRate]
    .sort(([a], [b]) => a - b)
    .map(([rate, { gross, refunded }]) => {
      const total = gross - refunded;
      const vat = includedVat(total, rate);
      return { rate, total, vat, ht: total - vat, gross, refunded };
    });
}

function refundTotals(period: ZPeriod): ZTotals['refunds'] {
  const refunds = { total: 0, byMethod: { cash: 0, card: 0, pass: 0 } };
  for (const row of period.rows) {
    if (row.kind !== 'refund') continue;
    const sum = (pred: (l: LedgerRow['legs'][number]) => boolean) => row.legs.filter(pred).reduce((s, l) => s + l.amount, 0);
    const pass = sum((l) => l.to === row.wallet && l.asset !== fiatAsset);
    const card = sum((l) => l.asset === fiatAsset && l.from === accounts.cardTerminal(period.posId));
    const cash = sum((l) => l.asset === fiatAsset && l.from === accounts.cashDrawer(period.posId));
    refunds.byMethod.pass += pass;
    refunds.byMethod.card += card;
    refunds.byMethod.cash += cash;
    refunds.total += pass + card + cash;
  }
  return refunds;
}

function topupTotals(period: ZPeriod): ZTotals['topups'] {
  const topups = { total: 0, byMethod: {} as Record<string, number>, byAsset: {} as Record<string, number> };
  for (const row of period.rows) {
    if (row.kind !== 'topup') continue;
    const credit = row.legs.find((l) => l.asset !== fiatAsset);
    if (!credit) continue;
    const method = String(row.meta?.method ?? 'unknown');
    topups.total += credit.amount;
    topups.byMethod[method] = (topups.byMethod[method] ?? 0) + credit.amount;
    topups.byAsset[credit.asset] = (topups.byAsset[credit.asset] ?? 0) + credit.amount;
  }
  return { ...topups, assets: assetLines(new Map(Object.entries(topups.byAsset)), period.assetName) };
}

function cashoutTotal(period: ZPeriod): number {
  const paidFrom = new Set([accounts.cashDrawer(period.posId), accounts.cardTerminal(period.posId)]);
  return period.rows
    .filter((r) => r.kind === 'cashout')
    .flatMap((r) => r.legs)
    .filter((l) => l.asset === fiatAsset && paidFrom.has(l.from))
    .reduce((s, l) => s + l.amount, 0);
}

function drawer(period: ZPeriod, allCashSales: number, allCashRefunds: number): ZCash {
  const into = accounts.cashDrawer(period.posId);
  const rows = period.rows.filter((r) => r.at >= period.sessionOpenedAt);
  const before = netCashIntoDrawer(period.posId, period.rows) - netCashIntoDrawer(period.posId, rows);
  const earlySales = period.sales.filter((s) => s.at < period.sessionOpenedAt).reduce((sum, s) => sum + s.payments.cash, 0);
  const cashSales = allCashSales - earlySales;
  const cashRefunds = allCashRefunds - refundTotals({ ...period, rows: period.rows.filter((r) => r.at < period.sessionOpenedAt) }).byMethod.cash;
  const fiatInto = (kind: LedgerRow['kind'], dir: 'to' | 'from') =>
    rows.filter((r) => r.kind === kind).flatMap((r) => r.legs).filter((l) => l.asset === fiatAsset && l[dir] === into).reduce((s, l) => s + l.amount, 0);
  const removals: CashRemoval[] = rows
    .filter((r) => r.kind === 'cash-removal')
    .map((r) => ({
      ...(r.meta?.removal as Omit<CashRemoval, 'txId' | 'amount' | 'at'>),
      txId: r.txId,
      amount: r.legs.filter((l) => l.asset === fiatAsset && l.from === into).reduce((s, l) => s + l.amount, 0),
      at: r.at,
    }));
  const topups = fiatInto('topup', 'to');
  const cashouts = fiatInto('cashout', 'from');
  const depositReturns = fiatInto('deposit-return', 'from');
  const removed = removals.reduce((s, r) => s + r.amount, 0);
  const net = netCashIntoDrawer(period.posId, rows);
  const other = net - (cashSales + topups - cashRefunds - cashouts - depositReturns - removed);
  const expected = period.float + net;
  const counted = period.countedCash;
  return {
    float: period.float, sales: cashSales, topups, refunds: cashRefunds, cashouts, ...(depositReturns ? { depositReturns } : {}), removed, removals, other, expected,
    ...(before ? { beforeOpening: before } : {}),
    ...(counted === undefined ? {} : { counted, difference: counted - expected }),
  };
}

function assetLines(amounts: ReadonlyMap<string, number>, nameOf: (asset: string) => string): ZAssetLine[] {
  return [...amounts].map(([asset, amount]) => ({ asset, name: nameOf(asset), amount })).sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name));
}

/** The marked section of offline sales (synced in the period), or undefined when there was none. */
function offlineTotals(sales: Sale[], previousZAt: number): OfflineTotals | undefined {
  const offline = sales.filter((s) => s.offline);
  if (!offline.length) return undefined;
  const late = offline.filter((s) => previousZAt > 0 && s.offline!.at <= previousZAt);
  const sum = (list: Sale[]) => list.reduce((t, s) => t + s.total, 0);
  return { count: offline.length, total: sum(offline), shortfall: offline.reduce((t, s) => t + (s.shortfall ?? 0), 0), late: { count: late.length, total: sum(late) } };
}
