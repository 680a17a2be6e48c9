// "Tap the card": waits for a tap from the NFC bridge, or a UID typed (or typed by a USB
// keyboard-wedge reader, which ends with Enter). Only taps that happen while this step is on
// screen count: a card tapped earlier for another customer must not pay this sale.
// Properties down: `tap` (latest bridge tap), `nfcStatus`, `prompt`; event up: `card` {uid}.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { normalizeCardUid } from '../../core/pass/uid.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { passIcon } from './icons.js';
import { t } from './messages.js';
import type { CardTap, NfcStatus } from './nfc-controller.js';

export type CardEvent = CustomEvent<{ uid: string }>;

@customElement('lb-card-tap')
export class CardTapStep extends LitElement {
  @property({ attribute: false }) tap: CardTap | undefined;
  @property() nfcStatus: NfcStatus = 'unavailable';
  @property() prompt = '';
  @property({ type: Boolean }) busy = false;
  @state() private typed = '';
  @state() private invalid = false;
  /** Taps up to this sequence number happened before this step was shown. */
  private armedSeq = -1;

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
      .reader {
        display: flex;
        flex-direction: column;
        align-items: center;
        text-align: center;
        gap: var(--pass-space-2);
        padding: var(--pass-space-5) var(--pass-space-4);
        border: 3px dashed var(--pass-primary);
        border-radius: var(--pass-radius);
        background: var(--pass-surface);
        margin-bottom: var(--pass-space-4);
      }
      .icon {
        width: 72px;
        height: 72px;
        border-radius: 50%;
        background: var(--pass-primary);
        color: #fff;
        display: grid;
        place-items: center;
        animation: pulse 1.6s ease-in-out infinite;
      }
      @keyframes pulse {
        50% {
          transform: scale(1.08);
          box-shadow: 0 0 0 12px rgb(10 79 191 / 0.15);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .icon {
          animation: none;
        }
      }
      .prompt {
        font-size: 1.3rem;
        font-weight: 700;
      }
      form {
        display: flex;
        gap: var(--pass-space-2);
        align-items: flex-end;
      }
      form .field {
        flex: 1;
        margin: 0;
      }
      input {
        font-family: var(--pass-font-mono);
        text-transform: uppercase;
      }
      .error {
        color: var(--pass-danger);
        font-weight: 600;
        margin: var(--pass-space-2) 0 0;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.armedSeq = this.tap?.seq ?? 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tap') && this.tap && this.tap.seq > this.armedSeq && !this.busy) {
      this.armedSeq = this.tap.seq;
      this.emitCard(this.tap.uid);
    }
  }

  override render() {
    return html`<div class="reader" data-testid="card-tap">
        <div class="icon" aria-hidden="true">${passIcon(44)}</div>
        <div class="prompt">${this.prompt || t('card.tapPrompt')}</div>
        <div class="muted" data-testid="nfc-status" data-status=${this.nfcStatus}>${t(`nfc.${this.nfcStatus}`)}</div>
      </div>
      <form @submit=${this.onSubmit} novalidate>
        <div class="field">
          <label for="uid">${t('card.typeUid')}</label>
          <input
            id="uid"
            data-testid="card-uid-input"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            inputmode="text"
            maxlength="40"
            placeholder="04A1B2C3"
            .value=${this.typed}
            aria-invalid=${String(this.invalid)}
            @input=${(e: InputEvent) => {
              this.typed = (e.target as HTMLInputElement).value;
              this.invalid = false;
            }}
          />
        </div>
        <button class="primary" type="submit" data-testid="card-uid-submit" ?disabled=${this.busy || !this.typed.trim()}>${t('card.useUid')}</button>
      </form>
      ${this.invalid ? html`<p class="error" role="alert" data-testid="card-uid-error">${t('card.invalidUid')}</p>` : ''}`;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const uid = normalizeCardUid(this.typed);
    if (!uid) {
      this.invalid = true;
      return;
    }
    this.typed = '';
    this.emitCard(uid);
  }

  private emitCard(uid: string): void {
    this.dispatchEvent(new CustomEvent('card', { detail: { uid }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-card-tap': CardTapStep;
  }
}
