// The language switch shown in every app's header: FR | EN, the current one pressed.
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { getLang, LanguageController, languages, setLang, type Lang } from './i18n.js';
import { baseStyles } from './styles.js';

const labels: Record<Lang, { short: string; name: string }> = {
  fr: { short: 'FR', name: 'Français' },
  en: { short: 'EN', name: 'English' },
};

@customElement('lang-switch')
export class LangSwitch extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: inline-flex;
        color: inherit;
      }
      .switch {
        display: inline-flex;
        border: 2px solid var(--lang-switch-border, var(--pass-border));
        border-radius: var(--pass-radius-small);
        overflow: hidden;
      }
      button {
        font: inherit;
        font-weight: 700;
        min-width: 44px;
        min-height: 40px;
        border: 0;
        background: transparent;
        color: inherit;
        cursor: pointer;
      }
      button[aria-pressed='true'] {
        background: var(--lang-switch-active-bg, var(--pass-text));
        color: var(--lang-switch-active-text, var(--pass-surface));
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const current = getLang();
    return html`<div class="switch" role="group" aria-label="Langue / Language">
      ${languages.map(
        (lang) =>
          html`<button type="button" lang=${lang} aria-pressed=${String(lang === current)} title=${labels[lang].name} data-testid="lang-${lang}" @click=${() => setLang(lang)}>
            ${labels[lang].short}
          </button>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lang-switch': LangSwitch;
  }
}
