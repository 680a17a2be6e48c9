// Payments a collective received, for its admin: online checkouts (bookings, memberships,
// baskets, top-ups), euros taken at its points of sale (cash and bank card, from the ledger)
// and memberships an admin recorded as paid by hand. Filters: period, kind, method; totals
// per method and per kind. Amounts in integer cents; money paid back counts negative.
// Stripe top-ups appear once: as checkouts (the ledger's `stripe` legs are skipped).
import { accounts } from '../money/accounts.js';
import { fiatAsset } from '../money/assets.js';
import type { LedgerRow } from '../money/ledger-row.js';
import type { Ledger } from '../money/ledger.js';
import type { Members } from '../memberships/members.js';
import { euros, iso, toCsv } from '../memberships/csv.js';
import type { Checkouts } from '../payments/checkouts.js';
import { termsOf } from '../promotions/index.js';

export type PaymentMethod = 'online' | 'cash' | 'card';

export interface PaymentLine {
  at: number;
  kind: string;
  method: PaymentMethod;
  /** Received (positive) or paid back (negative), in cents, before refunds of online payments. */
  amount: number;
  /** Refunded of an online payment, in cents. */
  refunded: number;
  net: number;
  reference: string;
  source: 'checkout' | 'ledger' | 'member';
  /** The promo code used and the cents it took off (online purchases). */
  promoCode?: string;
  discount?: number;
  /** Cents the buyer chose to pay at pay-what-you-want prices. */
  payWhatYouWant?: number;
}

export interface PaymentsQuery {
  from: number;
  to: number;
  kind?: string;
  method?: PaymentMethod;
}

export interface Totals {
  count: number;
  amount: number;
  refunded: number;
  net: number;
  /** Cents taken off by promo codes, and chosen at pay-what-you-want prices. */
  discount: number;
  payWhatYouWant: number;
}

export interface PaymentsReport {
  from: number;
  to: number;
  lines: PaymentLine[];
  totals: Totals & { byMethod: Record<string, Totals>; byKind: Record<string, Totals> };
  /** More rows matched than one report holds: narrow the period. */
  truncated: boolean;
}

export const maxReportRows = 5_000;

export class PaymentsReports {
  constructor(private readonly deps: { checkouts: Checkouts; ledger: Ledger; members: Members }) {}

  async report(collectiveId: string, query: PaymentsQuery): Promise<PaymentsReport> {
    const [online, ledger, byHand] = await Promise.all([this.online(collectiveId, query), this.atPointsOfSale(collectiveId, query), this.recordedByHand(collectiveId, query)]);
    const all = [...online.lines, ...ledger.lines, ...byHand.lines]
      .filter((l) => (!query.kind || l.kind === query.kind) && (!query.method || l.method === query.method))
      .sort((a, b) => a.at - b.at || a.reference.localeCompare(b.reference));
    return { from: query.from, to: query.to, lines: all, totals: totalsOf(all), truncated: online.truncated || ledger.truncated || byHand.truncated };
  }

  private async online(collectiveId: string, q: PaymentsQuery) {
    const rows = await this.deps.checkouts.collection.find(
      { 'metadata.collectiveId': collectiveId, state: { $in: ['paid', 'refunded'] }, paidAt: { $gte: q.from, $lt: q.to } },
      { sort: { paidAt: 1 }, limit: maxReportRows + 1 },
    );
    const lines = rows.slice(0, maxReportRows).map((c): PaymentLine => {
      const amount = c.amountTotal ?? 0;
      const refunded = Math.min(c.refundedTotal ?? 0, amount);
      const terms = termsOf(c.metadata);
      const extra = { ...(terms.discount ? { promoCode: terms.promoCode, discount: terms.discount } : {}), ...(terms.payWhatYouWant ? { payWhatYouWant: terms.payWhatYouWant } : {}) };
      return { at: c.paidAt!, kind: c.kind ?? 'unknown', method: 'online', amount, refunded, net: amount - refunded, reference: c._id, source: 'checkout', ...extra };
    });
    return { lines, truncated: rows.length > maxReportRows };
  }

  private async atPointsOfSale(collectiveId: string, q: PaymentsQuery) {
    const rows = await this.deps.ledger.rows.find({ collectiveId, at: { $gte: q.from, $lt: q.to } }, { sort: { at: 1 }, limit: maxReportRows + 1 });
    const lines = rows.slice(0, maxReportRows).flatMap((row) => euroLinesOf(row));
    return { lines, truncated: rows.length > maxReportRows };
  }

  private async recordedByHand(collectiveId: string, q: PaymentsQuery) {
    const rows = await this.deps.members.docs.find({ collectiveId, source: 'admin', createdAt: { $gte: q.from, $lt: q.to } }, { limit: maxReportRows + 1 });
    const lines = rows
      .slice(0, maxReportRows)
      .filter((m) => m.amount > 0 && (m.method === 'cash' || m.method === 'card'))
      .map((m): PaymentLine => ({ at: m.createdAt, kind: 'membership', method: m.method as PaymentMethod, amount: m.amount, refunded: 0, net: m.amount, reference: m._id, source: 'member' }));
    return { lines, truncated: rows.length > maxReportRows };
  }
}

export function paymentsCsv(report: PaymentsReport): string {
  const rows = report.lines.map((l) => [iso(l.at), l.kind, l.method, euros(l.amount), euros(l.refunded), euros(l.net), l.source, l.reference, l.promoCode ?? '', euros(l.discount ?? 0), euros(l.payWhatYouWant ?? 0)]);
  const t = report.totals;
  const header = ['at_utc', 'kind', 'method', 'amount_eur', 'refunded_eur', 'net_eur', 'source', 'reference', 'promo_code', 'discount_eur', 'pay_what_you_want_eur'];
  return toCsv([header, ...rows, ['total', '', '', euros(t.amount), euros(t.refunded), euros(t.net), '', String(t.count), '', euros(t.discount), euros(t.payWhatYouWant)]]);
}

/** Euros that entered (world -> drawer or card terminal) or left a point of sale in one ledger row. */
function euroLinesOf(row: LedgerRow): PaymentLine[] {
  const kind = row.kind === 'payment' ? 'sale' : row.kind;
  const out: PaymentLine[] = [];
  for (const [i, leg] of row.legs.entries()) {
    if (leg.asset !== fiatAsset) continue;
    const inward = leg.from === accounts.world;
    const method = methodOf(inward ? leg.to : leg.from);
    if (!method || (!inward && leg.to !== accounts.world)) continue;
    const amount = inward ? leg.amount : -leg.amount;
    out.push({ at: row.at, kind, method, amount, refunded: 0, net: amount, reference: `${row.txId}#${i}`, source: 'ledger' });
  }
  return out;
}

function methodOf(account: string): PaymentMethod | null {
  if (account.startsWith('cash:')) return 'cash';
  if (account.startsWith('cardterm:')) return 'card';
  return null; // `stripe`: online top-ups are reported from their checkouts
}

function totalsOf(lines: PaymentLine[]): PaymentsReport['totals'] {
  const zero = (): Totals => ({ count: 0, amount: 0, refunded: 0, net: 0, discount: 0, payWhatYouWant: 0 });
  const add = (t: Totals, l: PaymentLine) => {
    t.count++;
    t.amount += l.amount;
    t.refunded += l.refunded;
    t.net += l.net;
    t.discount += l.discount ?? 0;
    t.payWhatYouWant += l.payWhatYouWant ?? 0;
  };
  const all = zero();
  const byMethod: Record<string, Totals> = {};
  const byKind: Record<string, Totals> = {};
  for (const l of lines) {
    add(all, l);
    add((byMethod[l.method] ??= zero()), l);
    add((byKind[l.kind] ??= zero()), l);
  }
  return { ...all, byMethod, byKind };
}
