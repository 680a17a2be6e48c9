// The Z ticket: the day's sales summary a French cash register must produce (inalterability:
// each Z is hash-chained to the previous one; conservation: stored immutable; archiving:
// exportable and verifiable offline). Totals come from the sales and the ledger rows of the
// period, so a test can compare them with the ledger.
import { businessDayOf, defaultDayCutoffMinutes } from '../live/business-day.js';
import { chainHash } from '../shared/canonical.js';
import { accounts } from '../money/accounts.js';
import { fiatAsset } from '../money/assets.js';
import { genesisHash, type LedgerRow } from '../money/ledger-row.js';
import { includedVat } from './pricing.js';
import type { ZDeposits } from './deposit.js';
import type { OfflineTotals, RegisterSession, Sale, ZTicket, ZTotals } from './records.js';

export function computeZTotals(
  posId: string,
  sales: Sale[],
  rows: LedgerRow[],
  refundsInPeriod: Array<{ pass: number; card: number; cash: number }>,
  previousZAt = 0,
  cupsOutBefore = 0,
): ZTotals {
  const deposits: ZDeposits = { held: 0, heldQty: 0, returned: 0, returnedQty: 0, returnedToCards: 0, returnedInCash: 0, cupsOut: cupsOutBefore };
  const sorted = [...sales].sort((a, b) => a.number - b.number);
  const byProduct = new Map<string, { productId: string; name: string; qty: number; total: number }>();
  const byVat = new Map<number, number>();
  const byAsset: Record<string, number> = {};
  const byMethod = { cash: 0, card: 0, pass: 0 };
  for (const sale of sorted) {
    for (const line of sale.lines) {
      if (line.deposit) {
        // A deposit is money held for the cup, not revenue: no VAT, not among the products sold.
        deposits.held += line.total;
        deposits.heldQty += line.qty;
        continue;
      }
      const p = byProduct.get(line.productId) ?? { productId: line.productId, name: line.name, qty: 0, total: 0 };
      p.qty += line.qty;
      p.total += line.total;
      byProduct.set(line.productId, p);
      byVat.set(line.vatRate, (byVat.get(line.vatRate) ?? 0) + line.total);
    }
    byMethod.cash += sale.payments.cash;
    byMethod.card += sale.payments.card;
    byMethod.pass += sale.payments.pass;
    for (const s of sale.spent ?? []) byAsset[s.asset] = (byAsset[s.asset] ?? 0) + s.amount;
  }
  const topups = { total: 0, byMethod: {} as Record<string, number>, byAsset: {} as Record<string, number> };
  let cashouts = 0;
  for (const row of rows) {
    if (row.kind === 'topup') {
      const credit = row.legs.find((l) => l.asset !== fiatAsset)!;
      const method = String(row.meta?.method ?? 'unknown');
      topups.total += credit.amount;
      topups.byMethod[method] = (topups.byMethod[method] ?? 0) + credit.amount;
      topups.byAsset[credit.asset] = (topups.byAsset[credit.asset] ?? 0) + credit.amount;
    }
    if (row.kind === 'deposit-return') {
      const qty = Number((row.meta?.deposit as { qty?: number } | undefined)?.qty ?? 0);
      const cash = row.legs.filter((l) => l.asset === fiatAsset && l.from === accounts.cashDrawer(posId)).reduce((s, l) => s + l.amount, 0);
      const toCard = row.legs.filter((l) => l.asset !== fiatAsset && l.to === row.wallet).reduce((s, l) => s + l.amount, 0);
      deposits.returned += cash + toCard;
      deposits.returnedQty += qty;
      deposits.returnedInCash += cash;
      deposits.returnedToCards += toCard;
    }
    if (row.kind === 'cashout') {
      cashouts += row.legs.filter((l) => l.asset === fiatAsset && (l.from === accounts.cashDrawer(posId) || l.from === accounts.cardTerminal(posId))).reduce((s, l) => s + l.amount, 0);
    }
  }
  const refunds = { total: 0, byMethod: { cash: 0, card: 0, pass: 0 } };
  for (const r of refundsInPeriod) {
    refunds.byMethod.cash += r.cash;
    refunds.byMethod.card += r.card;
    refunds.byMethod.pass += r.pass;
    refunds.total += r.cash + r.card + r.pass;
  }
  const offline = offlineTotals(sorted, previousZAt);
  return {
    ...(offline ? { offline } : {}),
    salesCount: sorted.length,
    firstSale: sorted[0]?.number ?? null,
    lastSale: sorted[sorted.length - 1]?.number ?? null,
    sales: byMethod.cash + byMethod.card + byMethod.pass,
    byMethod,
    byProduct: [...byProduct.values()].sort((a, b) => b.total - a.total),
    byVat: [...byVat].sort(([a], [b]) => a - b).map(([rate, total]) => ({ rate, total, vat: includedVat(total, rate) })),
    byAsset,
    topups,
    refunds,
    cashouts,
    ...(deposits.held || deposits.returned || cupsOutBefore ? { deposits: { ...deposits, cupsOut: cupsOutBefore + deposits.heldQty - deposits.returnedQty } } : {}),
  };
}

/** The marked section of offline sales, or undefined when none was synced in the period. */
function offlineTotals(sales: Sale[], previousZAt: number): OfflineTotals | undefined {
  const offline = sales.filter((s) => s.offline);
  if (!offline.length) return undefined;
  const late = offline.filter((s) => previousZAt > 0 && s.offline!.at <= previousZAt);
  const sum = (list: Sale[]) => list.reduce((t, s) => t + s.total, 0);
  return { count: offline.length, total: sum(offline), shortfall: offline.reduce((t, s) => t + (s.shortfall ?? 0), 0), late: { count: late.length, total: sum(late) } };
}

export function sealZ(body: Omit<ZTicket, 'hash' | 'prevHash'>, previous: ZTicket | null): ZTicket {
  const prevHash = previous?.hash ?? genesisHash;
  const withPrev = { ...body, prevHash };
  return { ...withPrev, hash: chainHash(prevHash, withPrev) };
}

/** Checks an exported chain of Z tickets offline: numbering, links and content hashes. */
export function verifyZChain(tickets: ZTicket[]): { ok: boolean; errors: string[] } {
  const errors: string[] = [];
  let prev = genesisHash;
  const sorted = [...tickets].sort((a, b) => a.number - b.number);
  sorted.forEach((z, i) => {
    if (z.number !== i + 1) errors.push(`Z ${z.number}: expected number ${i + 1}`);
    if (z.prevHash !== prev) errors.push(`Z ${z.number}: previous hash does not match`);
    const { hash, ...body } = z;
    if (chainHash(z.prevHash, body) !== hash) errors.push(`Z ${z.number}: content was altered`);
    prev = z.hash;
  });
  return { ok: errors.length === 0, errors };
}

/** The business day of an instant: from the collective's cut-off (04:00 by default) to the next (core/live/business-day.ts). */
export function businessDay(atMs: number, timeZone: string, cutoffMinutes = defaultDayCutoffMinutes): string {
  return businessDayOf(atMs, timeZone, cutoffMinutes);
}

export function sessionSummary(s: RegisterSession): ZTicket['sessions'][number] {
  return { _id: s._id, openedAt: s.openedAt, closedAt: s.closedAt, float: s.float, expectedCash: s.expectedCash, countedCash: s.countedCash, difference: s.difference };
}
