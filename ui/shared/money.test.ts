import { describe, expect, it } from 'vitest';
import { formatAmount, formatMoney, formatUnits } from './money.js';

describe('formatMoney', () => {
  it('writes cents as euros the French way: comma, then a non-breaking space and €', () => {
    expect(formatMoney(1250, 'fr')).toBe('12,50\u00a0€');
    expect(formatMoney(5, 'fr')).toBe('0,05\u00a0€');
    expect(formatMoney(0, 'fr')).toBe('0,00\u00a0€');
  });

  it('writes cents as euros the English way: € first, then a point', () => {
    expect(formatMoney(1250, 'en')).toBe('€12.50');
    expect(formatMoney(99, 'en')).toBe('€0.99');
  });

  it('groups thousands', () => {
    expect(formatMoney(123456789, 'en')).toBe('€1,234,567.89');
    expect(formatAmount(123450, 'fr')).toBe('1\u202f234,50');
    expect(formatAmount(100000, 'en')).toBe('1,000.00');
  });

  it('keeps the sign of refunds and debts', () => {
    expect(formatMoney(-1250, 'fr')).toBe('-12,50\u00a0€');
    expect(formatMoney(-1250, 'en')).toBe('-€12.50');
  });

  it('shows amounts that floats would get wrong exactly', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in cents it is 10 + 20.
    expect(formatMoney(10 + 20, 'en')).toBe('€0.30');
    expect(formatMoney(1005, 'fr')).toBe('10,05\u00a0€');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'en')).toBe('€90,071,992,547,409.91');
  });

  it('refuses anything that is not integer cents', () => {
    expect(() => formatMoney(12.5, 'fr')).toThrow(TypeError);
    expect(() => formatMoney(Number.NaN, 'en')).toThrow(TypeError);
  });
});

describe('a named currency shows its unit', () => {
  it('puts the local currency’s name after the amount in both languages', () => {
    expect(formatUnits(1250, 'fr', 'Fourmi')).toBe('12,50\u00a0Fourmi');
    expect(formatUnits(-5, 'en', 'Graines')).toBe('-0.05\u00a0Graines');
  });
});
