import { describe, expect, it } from 'vitest';
import { readableTextOn } from './colour.js';

describe('readableTextOn', () => {
  it('writes black on light colours and white on dark ones', () => {
    expect(readableTextOn('#f2c14e')).toBe('#000000'); // beer yellow
    expect(readableTextOn('#ffffff')).toBe('#000000');
    expect(readableTextOn('#6f4e37')).toBe('#ffffff'); // coffee brown
    expect(readableTextOn('#1d3557')).toBe('#ffffff');
  });
  it('falls back to black for anything that is not #rrggbb', () => {
    expect(readableTextOn('red')).toBe('#000000');
  });
});
