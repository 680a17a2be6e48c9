import { describe, expect, it } from 'vitest';
import { addProduct, cartLimits, cartTotal, changeQty, itemCount, removeLine, repriceCart, saleLines, type Cart } from './cart.js';

const beer = { id: 'beer', name: 'Bière', price: 350 };
const crepe = { id: 'crepe', name: 'Crêpe', price: 400 };

describe('cart', () => {
  it('keeps one line per product and totals in integer cents', () => {
    let cart: Cart = [];
    cart = addProduct(cart, beer);
    cart = addProduct(cart, beer);
    cart = addProduct(cart, crepe);
    expect(cart).toHaveLength(2);
    expect(itemCount(cart)).toBe(3);
    expect(cartTotal(cart)).toBe(1100);
    expect(saleLines(cart)).toEqual([
      { productId: 'beer', qty: 2 },
      { productId: 'crepe', qty: 1 },
    ]);
  });

  it('removes a line whose quantity falls to zero, or on request', () => {
    const cart = addProduct(addProduct([], beer), crepe);
    expect(changeQty(cart, 'beer', -1).map((l) => l.productId)).toEqual(['crepe']);
    expect(removeLine(cart, 'crepe').map((l) => l.productId)).toEqual(['beer']);
  });

  it('never goes above the quantity the server accepts', () => {
    let cart = addProduct([], beer);
    cart = changeQty(cart, 'beer', cartLimits.maxQty + 5);
    expect(cart[0].qty).toBe(cartLimits.maxQty);
  });

  it('takes new prices and drops withdrawn products when the catalog changes', () => {
    const cart = addProduct(addProduct([], beer), crepe);
    const repriced = repriceCart(cart, [{ ...beer, price: 400, vatRate: 2000, category: 'Boissons', kind: 'item' }]);
    expect(repriced).toEqual([{ productId: 'beer', name: 'Bière', unitPrice: 400, qty: 1 }]);
  });
});
