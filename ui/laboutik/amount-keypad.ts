// A cash-register keypad for an amount in cents (digits push in from the right: 1, 2, 5, 0 →
// 12,50). Property down: `value`; event up: `amount-change` with the new cents.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { money } from './format.js';
import { pressKey, type KeypadKey } from './keypad.js';
import { t } from './messages.js';

export type AmountChangeEvent = CustomEvent<{ cents: number }>;

const keys: KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', '00'];

@customElement('lb-amount-keypad')
export class AmountKeypad extends LitElement {
  @property({ type: Number }) value = 0;
  @property() label = '';

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
      }
      .display {
        display: flex;
        align-items: center;
        gap: var(--pass-space-2);
        background: var(--pass-surface);
        border: 2px solid var(--pass-border);
        border-radius: var(--pass-radius-small);
        padding: 2px 2px 2px var(--pass-space-3);
        margin-bottom: var(--pass-space-2);
      }
      .label {
        font-size: 0.9rem;
        color: var(--pass-muted);
        font-weight: 600;
      }
      output {
        flex: 1;
        text-align: right;
        font-size: 1.8rem;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: var(--pass-space-2);
      }
      .keys button {
        min-height: var(--keypad-key-height, 56px);
        font-size: 1.5rem;
      }
      .keys button.clear {
        font-size: 1.1rem;
        color: var(--pass-danger);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<div class="display">
        <span class="label">${this.label}</span>
        <output data-testid="keypad-display" aria-live="polite">${money(this.value)}</output>
        <button class="ghost" data-testid="keypad-back" aria-label=${t('keypad.back')} @click=${() => this.press('back')}>⌫</button>
      </div>
      <div class="keys">
        ${keys.map(
          (key) =>
            html`<button class=${key === 'clear' ? 'clear' : ''} data-testid="keypad-${key}" aria-label=${key === 'clear' ? t('keypad.clear') : key} @click=${() => this.press(key)}>
              ${key === 'clear' ? 'C' : key}
            </button>`,
        )}
      </div>`;
  }

  private press(key: KeypadKey): void {
    const cents = pressKey(this.value, key);
    if (cents === this.value) return;
    this.dispatchEvent(new CustomEvent('amount-change', { detail: { cents }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-amount-keypad': AmountKeypad;
  }
}
