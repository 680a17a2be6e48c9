import { describe, expect, it } from 'vitest';
import { PromoDiscount } from './discount.js';
import { linesAfterDiscount } from './terms.js';

const code = (kind: 'percent' | 'amount', value: number, scope: { eventIds?: string[]; productIds?: string[] } = {}) =>
  new PromoDiscount({ _id: 'prm_1', code: 'X', kind, value, eventIds: scope.eventIds ?? [], productIds: scope.productIds ?? [] });

describe('promo discount', () => {
  it('rounds a percentage down and never takes more than a line costs', () => {
    const d = code('percent', 15);
    expect(d.take({ eventId: 'e' }, 999)).toBe(149);
    expect(code('percent', 100).take({ productId: 'p' }, 1234)).toBe(1234);
    expect(d.total).toBe(149);
  });

  it('spends an amount once across the lines in scope only', () => {
    const d = code('amount', 1000, { eventIds: ['e1'], productIds: ['p1'] });
    expect(d.take({ eventId: 'e2' }, 5000)).toBe(0);
    expect(d.take({ eventId: 'e1' }, 600)).toBe(600);
    expect(d.take({ productId: 'p1' }, 600)).toBe(400);
    expect(d.take({ productId: 'p1' }, 600)).toBe(0);
    expect(d.total).toBe(1000);
  });

  it('takes a discount off checkout lines keeping their sum exact and no line free', () => {
    const lines = [
      { name: 'A', amount: 500, qty: 3 },
      { name: 'B', amount: 700, qty: 1 },
    ];
    expect(linesAfterDiscount(lines, 0)).toEqual(lines);
    expect(linesAfterDiscount(lines, 300)).toEqual([{ name: 'A', amount: 400, qty: 3 }, lines[1]]);
    expect(linesAfterDiscount(lines, 250)).toEqual([{ name: 'A ×3', amount: 1250, qty: 1 }, lines[1]]);
    expect(linesAfterDiscount(lines, 1600)).toEqual([{ name: 'B', amount: 600, qty: 1 }]);
    for (const off of [1, 333, 1499, 1500, 2199]) {
      const after = linesAfterDiscount(lines, off);
      expect(after.reduce((s, l) => s + l.amount * l.qty, 0)).toBe(2200 - off);
      for (const l of after) expect(l.amount).toBeGreaterThan(0);
    }
  });
});
