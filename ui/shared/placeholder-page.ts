// A bilingual "coming soon" page for apps not built yet: their own component replaces it.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController, translator } from './i18n.js';
import './lang-switch.js';
import { baseStyles } from './styles.js';

const t = translator({
  fr: { comingSoon: 'Bientôt disponible.', home: 'Accueil' },
  en: { comingSoon: 'Coming soon.', home: 'Home' },
});

@customElement('placeholder-page')
export class PlaceholderPage extends LitElement {
  /** Already translated by the app. */
  @property() heading = '';
  @property() description = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        max-width: 720px;
        margin: 0 auto;
        padding: var(--pass-space-5) var(--pass-space-4);
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--pass-space-3);
        margin-bottom: var(--pass-space-6);
      }
      h1 {
        font-size: 2rem;
      }
      p {
        font-size: 1.2rem;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<header>
        <a href="/" data-testid="home-link">← ${t('home')}</a>
        <lang-switch></lang-switch>
      </header>
      <main>
        <h1 data-testid="page-title">${this.heading}</h1>
        ${this.description ? html`<p>${this.description}</p>` : ''}
        <p class="muted" data-testid="coming-soon">${t('comingSoon')}</p>
      </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'placeholder-page': PlaceholderPage;
  }
}
