import { describe, expect, it } from 'vitest';
import { detectLang, getLang, setLang, translator } from './i18n.js';

describe('detectLang', () => {
  it('prefers ?lang= over the stored choice and the browser', () => {
    expect(detectLang('?lang=en', 'fr', ['fr-FR'])).toBe('en');
  });
  it('then the stored choice, then the browser language, then French', () => {
    expect(detectLang('', 'en', ['fr-FR'])).toBe('en');
    expect(detectLang('?lang=de', null, ['de-DE', 'en-GB'])).toBe('en');
    expect(detectLang('', null, ['es'])).toBe('fr');
  });
});

describe('translator', () => {
  const t = translator({ fr: { hello: 'Bonjour {name}', only: 'seulement' }, en: { hello: 'Hello {name}', only: 'only' } });
  it('follows the current language and fills parameters', () => {
    setLang('en');
    expect(getLang()).toBe('en');
    expect(t('hello', { name: 'Ada' })).toBe('Hello Ada');
    setLang('fr');
    expect(t('hello', { name: 'Ada' })).toBe('Bonjour Ada');
  });
});
