// Lespass: placeholder until the app is built (its engineer replaces this component).
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LanguageController, translator } from '../shared/i18n.js';
import '../shared/placeholder-page.js';

const t = translator({
  fr: { title: 'Lespass', description: 'Le site du collectif : agenda, adhésions, réservations.' },
  en: { title: 'Lespass', description: "The collective's website: agenda, memberships, bookings." },
});

@customElement('lespass-app')
export class LespassApp extends LitElement {
  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<placeholder-page heading=${t('title')} description=${t('description')}></placeholder-page>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lespass-app': LespassApp;
  }
}
