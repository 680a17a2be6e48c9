import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api.js';
import { setLang } from '../shared/i18n.js';
import { errorText, fieldText, t } from './messages.js';

describe('Lespass messages', () => {
  it('puts the server field messages it knows in the page language, and shows the others as written', () => {
    setLang('fr');
    expect(fieldText('required')).toBe('Obligatoire');
    expect(fieldText('reserved to members: sign in first')).toContain('connectez-vous');
    expect(fieldText('no Pass has this number')).toBe('Aucun Pass ne porte ce numéro.');
    expect(fieldText('between 1 and 100 cents')).toBe('between 1 and 100 cents');
    setLang('en');
    expect(fieldText('must be an email address')).toBe('Not a valid email address');
  });

  it('explains a refusal by its code', () => {
    setLang('en');
    expect(errorText(new ApiError('RATE_LIMITED', 'slow down', 429))).toBe(t('error.RATE_LIMITED'));
    expect(errorText(new ApiError('CONFLICT', 'the event changed while booking: try again', 409))).toContain('the event changed');
    expect(errorText(new ApiError('INVALID_INPUT', 'lines: 1 to 20 lines', 400))).toBe('Refused: lines: 1 to 20 lines');
    expect(errorText(new Error('x'))).toBe(t('error.INTERNAL'));
  });
});
