import { describe, expect, it } from 'vitest';
import { parseEuros } from './amounts.js';

describe('parseEuros', () => {
  it('reads euros with a comma or a point as integer cents', () => {
    expect(parseEuros('12')).toBe(1200);
    expect(parseEuros('12,5')).toBe(1250);
    expect(parseEuros('12.05')).toBe(1205);
    expect(parseEuros(' 0,10 € ')).toBe(10);
    expect(parseEuros('0.1')).toBe(10); // 0.1 as a float is not exactly a tenth: digits are read instead
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '-5', '1,234', '12,', '1e3', '12.345']) expect(parseEuros(bad)).toBeNull();
  });
});
