// How much a promo code takes off the lines of one purchase (pure, integer cents).
// Invariants: a line never costs less than zero; an amount code is spent once across the
// whole purchase (lines take from what is left, in order); a percentage rounds down, in the
// buyer's disfavour by under a cent, so a discount never exceeds what the code says.
import type { PromoCode, PromoTarget } from './types.js';

export class PromoDiscount {
  private left: number;
  private given = 0;

  constructor(readonly code: Pick<PromoCode, '_id' | 'code' | 'kind' | 'value' | 'eventIds' | 'productIds'>) {
    this.left = code.kind === 'amount' ? code.value : Number.POSITIVE_INFINITY;
  }

  /** Cents off a line of `gross` cents; 0 when the line is outside the code's scope. */
  take(target: PromoTarget, gross: number): number {
    if (gross <= 0 || !inScope(this.code, target)) return 0;
    const off = this.code.kind === 'percent' ? Math.floor((gross * this.code.value) / 100) : Math.min(this.left, gross);
    if (this.code.kind === 'amount') this.left -= off;
    this.given += off;
    return off;
  }

  /** Cents taken off so far over the purchase. */
  get total(): number {
    return this.given;
  }
}

export function inScope(code: Pick<PromoCode, 'eventIds' | 'productIds'>, target: PromoTarget): boolean {
  if (!code.eventIds.length && !code.productIds.length) return true;
  return 'eventId' in target ? code.eventIds.includes(target.eventId) : code.productIds.includes(target.productId);
}
