import { describe, expect, it } from 'vitest';
import { brandProperties, contrastRatio } from './branding.js';

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#b5462b', '#b5462b')).toBe(1);
  });
});

describe('brandProperties', () => {
  it('writes white on a dark brand colour and uses it for links', () => {
    const p = brandProperties({ primary: '#5b2a86', secondary: '#f7b32b' });
    expect(p['--pass-primary']).toBe('#5b2a86');
    expect(p['--pass-on-primary']).toBe('#ffffff');
    expect(p['--brand-ink']).toBe('#5b2a86');
    expect(p['--brand-on-secondary']).toBe('#000000');
  });

  it('keeps links readable when the brand colour is too light to read on white', () => {
    const p = brandProperties({ primary: '#f2c14e', secondary: '#ffffff' });
    expect(p['--pass-on-primary']).toBe('#000000');
    expect(p['--brand-ink']).toBe('var(--pass-text)');
  });

  it('falls back to the default theme for missing or malformed colours', () => {
    expect(brandProperties(null)['--pass-primary']).toBe('#0a4fbf');
    expect(brandProperties({ primary: 'red' })['--pass-primary']).toBe('#0a4fbf');
    expect(brandProperties({ primary: '#1f6f5c' })['--brand-secondary']).toBe('#1f6f5c');
  });
});
