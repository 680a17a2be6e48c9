// A button for what cannot be undone (revoke a terminal, close a register, cancel a booking):
// the first press asks in place — the question, then "Yes" / "Cancel" — and only "Yes" sends
// `confirmed`. No browser dialog: it works the same on a phone, a tablet and in tests.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { t } from './messages.js';

@customElement('confirm-button')
export class ConfirmButton extends LitElement {
  @property() label = '';
  @property() question = '';
  /** 'danger' (outlined red), 'danger-solid' or 'primary'. */
  @property() variant = 'danger';
  @property({ type: Boolean }) small = false;
  @property({ type: Boolean }) disabled = false;
  @property() testid = 'confirm';
  @state() private asking = false;

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: inline-flex;
        flex-wrap: wrap;
        gap: var(--pass-space-2);
        align-items: center;
        justify-content: flex-end;
      }
      .small {
        min-height: 40px;
        padding: 4px 12px;
        font-size: 0.95rem;
      }
      .question {
        font-weight: 600;
        flex-basis: 100%;
        text-align: inherit;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const size = this.small ? 'small' : '';
    if (!this.asking) {
      return html`<button type="button" class="${this.variant} ${size}" ?disabled=${this.disabled} data-testid=${this.testid} @click=${() => (this.asking = true)}>${this.label}</button>`;
    }
    return html`<span class="question" role="alert">${this.question}</span>
      <button type="button" class="danger-solid ${size}" data-testid="${this.testid}-yes" @click=${this.confirm}>${t('confirm')}</button>
      <button type="button" class=${size} data-testid="${this.testid}-no" @click=${() => (this.asking = false)}>${t('cancel')}</button>`;
  }

  private readonly confirm = () => {
    this.asking = false;
    this.dispatchEvent(new CustomEvent('confirmed', { bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'confirm-button': ConfirmButton;
  }
}
