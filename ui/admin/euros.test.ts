import { describe, expect, it } from 'vitest';
import { basisPointsToInput, centsToInput, parseEuros, parsePercent } from './euros.js';

describe('parseEuros', () => {
  it('reads a comma or a dot as the decimal mark', () => {
    expect(parseEuros('3,50')).toEqual({ ok: true, value: 350 });
    expect(parseEuros('3.50')).toEqual({ ok: true, value: 350 });
    expect(parseEuros('3,5')).toEqual({ ok: true, value: 350 });
    expect(parseEuros('3')).toEqual({ ok: true, value: 300 });
    expect(parseEuros(',99')).toEqual({ ok: true, value: 99 });
    expect(parseEuros('0')).toEqual({ ok: true, value: 0 });
  });

  it('gets right what floats get wrong', () => {
    // 0.29 * 100 is 28.999999999999996 and 1.005 * 100 is 100.49999999999999 in floats.
    expect(parseEuros('0,29')).toEqual({ ok: true, value: 29 });
    expect(parseEuros('4.35')).toEqual({ ok: true, value: 435 });
    expect(parseEuros('1,10')).toEqual({ ok: true, value: 110 });
    expect(parseEuros('99999,99')).toEqual({ ok: true, value: 9_999_999 });
  });

  it('ignores spaces, French grouping and the euro sign', () => {
    expect(parseEuros(' 1 234,50 € ')).toEqual({ ok: true, value: 123_450 });
    expect(parseEuros('1\u202f234,5\u00a0€')).toEqual({ ok: true, value: 123_450 });
    expect(parseEuros('12 EUR')).toEqual({ ok: true, value: 1_200 });
  });

  it('refuses what is not an amount, with a reason', () => {
    expect(parseEuros('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseEuros('  ')).toEqual({ ok: false, reason: 'empty' });
    for (const text of ['abc', '3,50,1', '1.234,50', '-2', '3e2', ',', '0x10', '+1']) expect(parseEuros(text)).toEqual({ ok: false, reason: 'format' });
    expect(parseEuros('3,505')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseEuros('100000,01')).toEqual({ ok: false, reason: 'too-large' });
    expect(parseEuros('99999999999999999999')).toEqual({ ok: false, reason: 'too-large' });
    expect(parseEuros('100000')).toEqual({ ok: true, value: 10_000_000 });
  });
});

describe('parsePercent', () => {
  it('reads a VAT rate in percent as basis points', () => {
    expect(parsePercent('20')).toEqual({ ok: true, value: 2000 });
    expect(parsePercent('5,5 %')).toEqual({ ok: true, value: 550 });
    expect(parsePercent('2.1')).toEqual({ ok: true, value: 210 });
    expect(parsePercent('101')).toEqual({ ok: false, reason: 'too-large' });
  });
});

describe('back to a field', () => {
  it('writes cents and basis points the way they are typed', () => {
    expect(centsToInput(350, 'fr')).toBe('3,50');
    expect(centsToInput(5, 'en')).toBe('0.05');
    expect(centsToInput(123_450, 'fr')).toBe('1234,50');
    expect(basisPointsToInput(550, 'fr')).toBe('5,5');
    expect(basisPointsToInput(2000, 'en')).toBe('20');
    expect(basisPointsToInput(0, 'fr')).toBe('0');
    for (const cents of [0, 1, 29, 350, 9_999_999]) expect(parseEuros(centsToInput(cents, 'fr'))).toEqual({ ok: true, value: cents });
  });
});
