import { describe, expect, it } from 'vitest';
import { pressKey } from './keypad.js';
import { cashSuggestions, payRestWithPass, payRestWithTwoCards, remainingDue, secondCardFor, startPlan, tenderCard, tenderCash } from './payment-plan.js';

describe('payment plan', () => {
  it('computes the change due in cents when cash covers the total', () => {
    expect(tenderCash(startPlan(1700), 2000)).toEqual({ kind: 'complete', payments: [{ method: 'cash', amount: 2000 }], change: 300 });
    expect(tenderCash(startPlan(30), 50)).toMatchObject({ change: 20 }); // 0.50 − 0.30, exactly
  });

  it('splits: part in cash, the rest on the Pass, which pays exactly what remains', () => {
    const partial = tenderCash(startPlan(1500), 500);
    expect(partial.kind).toBe('partial');
    if (partial.kind !== 'partial') return;
    expect(remainingDue(partial.plan)).toBe(1000);
    expect(payRestWithPass(partial.plan, '04A1B2C3')).toEqual({
      payments: [{ method: 'cash', amount: 500 }, { method: 'pass', cardUid: '04A1B2C3' }],
      change: 0,
    });
  });

  it('never charges a bank card more than what remains', () => {
    const partial = tenderCash(startPlan(1000), 400);
    if (partial.kind !== 'partial') throw new Error('expected a partial payment');
    expect(tenderCard(partial.plan, 9999)).toEqual({ kind: 'complete', payments: [{ method: 'cash', amount: 400 }, { method: 'card', amount: 600 }], change: 0 });
  });

  it('gives change on the last cash tender of a split payment', () => {
    const card = tenderCard(startPlan(1000), 300);
    if (card.kind !== 'partial') throw new Error('expected a partial payment');
    expect(tenderCash(card.plan, 1000)).toEqual({ kind: 'complete', payments: [{ method: 'card', amount: 300 }, { method: 'cash', amount: 1000 }], change: 300 });
  });

  it('refuses amounts that are not positive integer cents', () => {
    expect(() => tenderCash(startPlan(1000), 0)).toThrow(RangeError);
    expect(() => tenderCash(startPlan(1000), 2.5)).toThrow(RangeError);
  });

  it('suggests the exact amount then the next round notes', () => {
    expect(cashSuggestions(1250)).toEqual([1250, 1500, 2000, 5000]);
    expect(cashSuggestions(2000)).toEqual([2000, 5000, 10000, 20000]);
  });
});

describe('keypad', () => {
  it('pushes digits in from the right, in cents', () => {
    const keys = ['1', '2', '5', '0'] as const;
    expect(keys.reduce((cents, key) => pressKey(cents, key), 0)).toBe(1250);
    expect(pressKey(12, '00')).toBe(1200);
    expect(pressKey(1250, 'back')).toBe(125);
    expect(pressKey(1250, 'clear')).toBe(0);
  });
  it('ignores a digit that would go above the largest amount', () => {
    expect(pressKey(100_000_00, '5')).toBe(100_000_00);
  });
});

describe('a second Pass card', () => {
  it('offers a second card only after a one-card Pass sale refused for a known missing amount', () => {
    const pass = { method: 'pass' as const, cardUid: '04A1B2C3' };
    expect(secondCardFor([pass], { code: 'INSUFFICIENT_FUNDS', missing: 150 })).toEqual({ uid: '04A1B2C3', missing: 150 });
    expect(secondCardFor([{ method: 'cash', amount: 200 }, pass], { code: 'INSUFFICIENT_FUNDS', missing: 150 })).toEqual({ uid: '04A1B2C3', missing: 150 });
    expect(secondCardFor([pass], { code: 'CARD_BLOCKED' })).toBeUndefined();
    expect(secondCardFor([pass], { code: 'INSUFFICIENT_FUNDS' })).toBeUndefined();
    expect(secondCardFor([pass, { ...pass, cardUid: '04DDDDDD' }], { code: 'INSUFFICIENT_FUNDS', missing: 10 })).toBeUndefined();
  });
  it('sends the tenders, then the first card, then the second', () => {
    const plan = tenderCash(startPlan(900), 200);
    if (plan.kind !== 'partial') throw new Error('partial expected');
    expect(payRestWithTwoCards(plan.plan, 'AA000001', 'AA000002').payments).toEqual([
      { method: 'cash', amount: 200 },
      { method: 'pass', cardUid: 'AA000001' },
      { method: 'pass', cardUid: 'AA000002' },
    ]);
  });
});
