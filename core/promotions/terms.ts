// What a purchase's checkout carries of its promo code and pay-what-you-want prices, so the
// payments report and its export show them (checkout metadata holds strings only).
import type { CheckoutLine } from '../payments/port.js';
import { AppError } from '../shared/errors.js';

export interface PurchaseTerms {
  /** Cents taken off by the promo code. */
  discount: number;
  promoCode?: string;
  /** Cents the buyer chose to pay at pay-what-you-want prices (before any discount). */
  payWhatYouWant: number;
}

export function sumTerms(all: PurchaseTerms[]): PurchaseTerms {
  return {
    discount: all.reduce((s, t) => s + t.discount, 0),
    promoCode: all.find((t) => t.promoCode)?.promoCode,
    payWhatYouWant: all.reduce((s, t) => s + t.payWhatYouWant, 0),
  };
}

export function termsMetadata(t: PurchaseTerms): Record<string, string> {
  return {
    ...(t.discount && t.promoCode ? { promoCode: t.promoCode, discount: String(t.discount) } : {}),
    ...(t.payWhatYouWant ? { payWhatYouWant: String(t.payWhatYouWant) } : {}),
  };
}

/** Reads back what termsMetadata wrote (absent: nothing). */
export function termsOf(metadata: Record<string, string>): PurchaseTerms {
  const cents = (v: string | undefined) => (v && /^\d{1,12}$/.test(v) ? Number(v) : 0);
  return { discount: cents(metadata.discount), promoCode: metadata.promoCode || undefined, payWhatYouWant: cents(metadata.payWhatYouWant) };
}

/**
 * Checkout lines less a discount of `discount` cents, taken from the first lines on: a line
 * keeps its quantity when the discount divides evenly, else it becomes one line for its
 * quantity; a line brought to zero is dropped (a checkout line is never free).
 */
export function linesAfterDiscount(lines: CheckoutLine[], discount: number): CheckoutLine[] {
  let left = discount;
  const out: CheckoutLine[] = [];
  for (const line of lines) {
    const gross = line.amount * line.qty;
    const off = Math.min(left, gross);
    left -= off;
    if (off === gross) continue;
    if (off % line.qty === 0) out.push({ ...line, amount: line.amount - off / line.qty });
    else out.push({ name: `${line.name} ×${line.qty}`, amount: gross - off, qty: 1 });
  }
  return out;
}

export function promoNotApplicable(): AppError {
  const message = 'this promo code does not apply to this purchase';
  return new AppError('CONFLICT', message, { reason: 'PROMO_NOT_APPLICABLE', fields: { promoCode: message } });
}
