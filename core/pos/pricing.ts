// Pure sale arithmetic: price the cart from the catalog and split the total between cash,
// bank card and Pass. Invariants: integer cents only; cash kept + card + pass = total; the
// change given back is cash tendered above what was due.
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import { normalizeCardUid } from '../pass/uid.js';
import type { CatalogProduct, SalePayment } from './types.js';

export interface PricedLine {
  productId: string;
  name: string;
  category: string;
  qty: number;
  unitPrice: number;
  vatRate: number;
  total: number;
  /** Set when a manager sold this line at another price than the catalog's. */
  catalogPrice?: number;
  /** A returnable deposit (consigne): shown apart in the Z, not revenue, no VAT. */
  deposit?: true;
  /** A loyalty reward (negative total): its id, the units it cost, the product it gave free. */
  reward?: { id: string; units: number; productId?: string };
}

export interface PaymentSplit {
  cash: number;
  card: number;
  pass: number;
  change: number;
  cardUid?: string;
  /** A second Pass card pays what the first cannot ("il manque X": tap another card). */
  secondCardUid?: string;
}

/** A line's `price`, when given, overrides the catalog (the gateway lets only a manager send one). */
export function priceLines(lines: Array<{ productId: string; qty: number; price?: number }>, products: ReadonlyMap<string, CatalogProduct>): { lines: PricedLine[]; total: number } {
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > limits.maxSaleLines) {
    throw new AppError('INVALID_INPUT', `a sale has 1 to ${limits.maxSaleLines} lines`);
  }
  const priced = lines.map((line) => {
    const product = products.get(line.productId);
    if (!product) throw new AppError('INVALID_INPUT', `product ${line.productId} is not sold here`, { productId: line.productId });
    if (!Number.isSafeInteger(line.qty) || line.qty < 1 || line.qty > limits.maxQtyPerLine) {
      throw new AppError('INVALID_INPUT', `quantity must be a whole number from 1 to ${limits.maxQtyPerLine}`);
    }
    const { id, name, category, price, vatRate } = product;
    if (line.price !== undefined && (!Number.isSafeInteger(line.price) || line.price < 0 || line.price > limits.maxAmountCents)) {
      throw new AppError('INVALID_AMOUNT', 'an overridden price is whole cents');
    }
    const unitPrice = line.price ?? price;
    const override = line.price !== undefined && line.price !== price ? { catalogPrice: price } : {};
    const deposit = product.kind === 'deposit' ? { deposit: true as const, vatRate: 0 } : {};
    return { productId: id, name, category, qty: line.qty, unitPrice, vatRate, total: unitPrice * line.qty, ...override, ...deposit };
  });
  const total = priced.reduce((sum, l) => sum + l.total, 0);
  if (total > limits.maxAmountCents) throw new AppError('INVALID_AMOUNT', 'sale total is above the limit');
  return { lines: priced, total };
}

export function splitPayments(total: number, payments: SalePayment[]): PaymentSplit {
  if (!Array.isArray(payments) || payments.length === 0 || payments.length > 5) throw new AppError('INVALID_INPUT', 'a sale has 1 to 5 payments');
  const passes = payments.filter((p) => p.method === 'pass');
  if (passes.length > 2) throw new AppError('INVALID_INPUT', 'at most two Pass cards per sale');
  const [first, second] = passes as Array<{ method: 'pass'; cardUid: string }>;
  if (second && normalizeCardUid(second.cardUid) === normalizeCardUid(first.cardUid)) throw new AppError('INVALID_INPUT', 'the second Pass card is the first one');
  let cash = 0;
  let card = 0;
  for (const p of payments) {
    if (p.method === 'pass') continue;
    if (!Number.isSafeInteger(p.amount) || p.amount < 0 || p.amount > limits.maxAmountCents) throw new AppError('INVALID_AMOUNT', 'payment amounts are whole cents');
    if (p.method === 'cash') cash += p.amount;
    else card += p.amount;
  }
  if (card > total) throw new AppError('INVALID_AMOUNT', 'the bank card part is above the total');
  const pass = passes[0] as { method: 'pass'; cardUid: string } | undefined;
  if (pass) {
    if (cash + card > total) throw new AppError('INVALID_AMOUNT', 'cash and card already cover the total: no Pass needed');
    return { cash, card, pass: total - cash - card, change: 0, cardUid: pass.cardUid, ...(second ? { secondCardUid: second.cardUid } : {}) };
  }
  const due = total - card;
  if (cash < due) throw new AppError('INVALID_AMOUNT', `payments do not cover the total: ${due - cash} cents missing`, { missing: due - cash });
  return { cash: due, card, pass: 0, change: cash - due };
}

/** VAT included in a price including tax, rounded half up, in integer arithmetic. */
export function includedVat(totalInclTax: number, rateBasisPoints: number): number {
  const denominator = 10_000 + rateBasisPoints;
  return Math.floor((2 * totalInclTax * rateBasisPoints + denominator) / (2 * denominator));
}
