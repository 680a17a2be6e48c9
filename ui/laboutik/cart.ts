// The cart of the sale being rung up. Pure and immutable (screens hold it as a property and
// replace it). Invariants: integer cents; one line per product; a line's qty is 1..maxQty
// (reaching 0 removes it); the total is the sum of unitPrice × qty. The server prices the sale
// again from its catalog: this total is what the cashier announces, the ack's is the truth.
import type { CatalogProduct } from './protocol.js';

export interface CartLine {
  productId: string;
  name: string;
  unitPrice: number;
  qty: number;
}

export type Cart = readonly CartLine[];

/** Mirrors the server's limits (core/shared/limits.ts) so the cashier is stopped before sending. */
export const cartLimits = { maxQty: 1_000, maxLines: 100, maxTotalCents: 100_000_00 } as const;

export function addProduct(cart: Cart, product: Pick<CatalogProduct, 'id' | 'name' | 'price'>): Cart {
  const line = cart.find((l) => l.productId === product.id);
  if (line) return changeQty(cart, product.id, +1);
  if (cart.length >= cartLimits.maxLines) return cart;
  return [...cart, { productId: product.id, name: product.name, unitPrice: product.price, qty: 1 }];
}

/** Adds `delta` (±1 from the buttons) to a line; a line that falls to 0 leaves the cart. */
export function changeQty(cart: Cart, productId: string, delta: number): Cart {
  return cart.flatMap((l) => {
    if (l.productId !== productId) return [l];
    const qty = Math.min(cartLimits.maxQty, l.qty + Math.trunc(delta));
    return qty > 0 ? [{ ...l, qty }] : [];
  });
}

export function removeLine(cart: Cart, productId: string): Cart {
  return cart.filter((l) => l.productId !== productId);
}

export function lineTotal(line: CartLine): number {
  return line.unitPrice * line.qty;
}

export function cartTotal(cart: Cart): number {
  return cart.reduce((sum, l) => sum + lineTotal(l), 0);
}

export function itemCount(cart: Cart): number {
  return cart.reduce((sum, l) => sum + l.qty, 0);
}

export function saleLines(cart: Cart): Array<{ productId: string; qty: number }> {
  return cart.map(({ productId, qty }) => ({ productId, qty }));
}

/** After `catalog:changed`: current names and prices, and products no longer sold here dropped. */
export function repriceCart(cart: Cart, products: readonly CatalogProduct[]): Cart {
  const byId = new Map(products.map((p) => [p.id, p]));
  return cart.flatMap((l) => {
    const p = byId.get(l.productId);
    return p ? [{ ...l, name: p.name, unitPrice: p.price }] : [];
  });
}
