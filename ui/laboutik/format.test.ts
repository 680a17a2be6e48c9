import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../shared/i18n.js';
import { vatRateLabel } from './format.js';

describe('vatRateLabel', () => {
  afterEach(() => setLang('fr'));

  it('shows basis points as a percentage with only the decimals it needs, in the page language', () => {
    setLang('fr');
    expect([2000, 1000, 550, 210, 5, 0].map(vatRateLabel)).toEqual(['20\u00a0%', '10\u00a0%', '5,5\u00a0%', '2,1\u00a0%', '0,05\u00a0%', '0\u00a0%']);
    setLang('en');
    expect([2000, 550, 1234].map(vatRateLabel)).toEqual(['20%', '5.5%', '12.34%']);
  });
});
