// Settling a sale, possibly split between cash, bank card and Pass (DESIGN: one sale may mix
// them). Pure integer arithmetic. Invariants: what is tendered before the last step never
// exceeds what is due (only the final cash tender may exceed it, giving change); a Pass pays
// exactly what cash and card leave (so no change with a Pass, as the server requires); the
// change due is tendered cash above what remained, in cents.
import type { SalePayment } from './protocol.js';

export interface Tender {
  method: 'cash' | 'card';
  amount: number;
}

export interface PaymentPlan {
  total: number;
  /** Partial payments already taken, in order. */
  tenders: readonly Tender[];
}

export type TenderResult =
  | { kind: 'partial'; plan: PaymentPlan }
  | { kind: 'complete'; payments: SalePayment[]; change: number };

export function startPlan(total: number): PaymentPlan {
  return { total, tenders: [] };
}

export function paidSoFar(plan: PaymentPlan): number {
  return plan.tenders.reduce((sum, t) => sum + t.amount, 0);
}

export function remainingDue(plan: PaymentPlan): number {
  return plan.total - paidSoFar(plan);
}

/** Cash handed over: covers the rest (with change) or is one part of a split payment. */
export function tenderCash(plan: PaymentPlan, tendered: number): TenderResult {
  assertPositiveCents(tendered);
  const remaining = remainingDue(plan);
  if (tendered >= remaining) return { kind: 'complete', payments: [...plan.tenders, { method: 'cash', amount: tendered }], change: tendered - remaining };
  return { kind: 'partial', plan: { ...plan, tenders: [...plan.tenders, { method: 'cash', amount: tendered }] } };
}

/** A bank card payment; it never exceeds what remains (a card terminal gives no change). */
export function tenderCard(plan: PaymentPlan, amount: number): TenderResult {
  assertPositiveCents(amount);
  const remaining = remainingDue(plan);
  const charged = Math.min(amount, remaining);
  if (charged === remaining) return { kind: 'complete', payments: [...plan.tenders, { method: 'card', amount: charged }], change: 0 };
  return { kind: 'partial', plan: { ...plan, tenders: [...plan.tenders, { method: 'card', amount: charged }] } };
}

/** The Pass pays whatever remains: the server takes it from the card's wallets. */
export function payRestWithPass(plan: PaymentPlan, cardUid: string): { payments: SalePayment[]; change: 0 } {
  return { payments: [...plan.tenders, { method: 'pass', cardUid }], change: 0 };
}

/** "Il manque X": the first card pays what it can, a second card the rest (the server splits it). */
export function payRestWithTwoCards(plan: PaymentPlan, firstUid: string, secondUid: string): { payments: SalePayment[]; change: 0 } {
  return { payments: [...plan.tenders, { method: 'pass', cardUid: firstUid }, { method: 'pass', cardUid: secondUid }], change: 0 };
}

/** The card of a sale refused for INSUFFICIENT_FUNDS, when a second card can pay the rest: one Pass payment only. */
export function secondCardFor(payments: readonly SalePayment[], failure: { code: string; missing?: unknown }): { uid: string; missing: number } | undefined {
  const passes = payments.filter((p): p is Extract<SalePayment, { method: 'pass' }> => p.method === 'pass');
  const missing = failure.missing;
  if (failure.code !== 'INSUFFICIENT_FUNDS' || passes.length !== 1 || typeof missing !== 'number' || !Number.isSafeInteger(missing) || missing <= 0) return undefined;
  return { uid: passes[0].cardUid, missing };
}

/** Drops the partial payments (the cashier gives the cash back and starts over). */
export function clearTenders(plan: PaymentPlan): PaymentPlan {
  return { ...plan, tenders: [] };
}

/** Exact amount, then the round amounts a customer is likely to hand over (5, 10, 20, 50 €...). */
export function cashSuggestions(remaining: number, count = 4): number[] {
  if (remaining <= 0) return [];
  const out = [remaining];
  for (const step of [500, 1000, 2000, 5000, 10_000, 20_000]) {
    const rounded = roundUpTo(remaining, step);
    if (!out.includes(rounded)) out.push(rounded);
    if (out.length >= count) break;
  }
  return out;
}

function roundUpTo(cents: number, step: number): number {
  return cents + ((step - (cents % step)) % step);
}

function assertPositiveCents(cents: number): void {
  if (!Number.isSafeInteger(cents) || cents <= 0) throw new RangeError(`an amount is positive integer cents, got ${String(cents)}`);
}
