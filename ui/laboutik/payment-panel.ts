// Taking the payment of a sale: what is due, the parts already paid (split payment), and the
// step of the chosen method: cash (amount handed over, change due), bank card (amount charged
// on the card terminal), Pass (tap the card; it pays whatever remains).
// Properties down: `plan`, `method`, `tap`, `nfcStatus`, `busy`. Events up: `tender`
// {method, amount}, `card` {uid} (from the tap step), `method-change` {method}, `cancel-payment`.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import './amount-keypad.js';
import type { AmountChangeEvent } from './amount-keypad.js';
import './card-tap.js';
import type { PayMethod } from './cart-panel.js';
import { money } from './format.js';
import { cardIcon, cashIcon, passIcon } from './icons.js';
import { t } from './messages.js';
import type { CardTap, NfcStatus } from './nfc-controller.js';
import { cashSuggestions, remainingDue, type PaymentPlan } from './payment-plan.js';

export type TenderEvent = CustomEvent<{ method: 'cash' | 'card'; amount: number }>;

@customElement('lb-payment-panel')
export class PaymentPanel extends LitElement {
  @property({ attribute: false }) plan: PaymentPlan = { total: 0, tenders: [] };
  @property({ reflect: true }) method: PayMethod = 'cash';
  @property({ attribute: false }) tap: CardTap | undefined;
  @property() nfcStatus: NfcStatus = 'unavailable';
  @property({ type: Boolean }) busy = false;
  /** Set after "il manque X": the amount the first card lacked, for a second card to pay. */
  @property({ attribute: false }) secondCardMissing: number | undefined;
  /** Cents keyed in for the cash or card step. */
  @state() private amount = 0;

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: grid;
        gap: var(--pass-space-2) var(--pass-space-4);
        grid-template-columns: minmax(0, 1fr);
        grid-template-areas: 'due' 'methods' 'quick' 'keypad' 'tap' 'actions';
        max-width: 980px;
        margin: 0 auto;
        width: 100%;
        --keypad-key-height: 48px;
      }
      .due {
        grid-area: due;
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-2) var(--pass-space-3);
      }
      .row {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--pass-space-2);
      }
      .tenders {
        list-style: none;
        margin: 0 0 var(--pass-space-1);
        padding: 0 0 var(--pass-space-1);
        border-bottom: 1px solid var(--pass-border);
      }
      .figures {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: var(--pass-space-2);
      }
      .figure {
        display: flex;
        flex-direction: column;
        padding: var(--pass-space-1) var(--pass-space-2);
        border-radius: var(--pass-radius-small);
      }
      .figure span {
        font-weight: 600;
        font-size: 0.9rem;
      }
      .figure strong {
        font-size: 1.8rem;
        line-height: 1.15;
      }
      .figure.change {
        background: var(--pass-success-bg);
        color: var(--pass-success);
        text-align: right;
      }
      .figure.partial {
        background: var(--pass-warning-bg);
        color: var(--pass-warning);
        text-align: right;
      }
      .methods {
        grid-area: methods;
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: var(--pass-space-2);
      }
      .methods button {
        padding: var(--pass-space-1) var(--pass-space-2);
        line-height: 1.15;
      }
      .methods button[aria-pressed='true'] {
        background: var(--pass-text);
        border-color: var(--pass-text);
        color: var(--pass-surface);
      }
      .quick {
        grid-area: quick;
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: var(--pass-space-2);
      }
      .quick button {
        padding: var(--pass-space-1);
        font-size: 0.95rem;
        line-height: 1.15;
      }
      lb-amount-keypad {
        grid-area: keypad;
      }
      lb-card-tap {
        grid-area: tap;
      }
      .actions {
        grid-area: actions;
        display: grid;
        grid-template-columns: 1fr 2fr;
        gap: var(--pass-space-2);
        align-self: end;
        /* The confirm button stays in reach when a small screen scrolls. */
        position: sticky;
        bottom: 0;
        background: var(--pass-bg);
        padding: var(--pass-space-1) 0;
      }
.second-card {
        margin: 0;
        padding: var(--pass-space-2) var(--pass-space-3);
        border-radius: var(--pass-radius-small);
        background: var(--pass-warning-bg);
        color: var(--pass-warning);
        font-weight: 600;
      }
      .hint {
        grid-column: 1 / -1;
        margin: 0;
      }
      @media (min-width: 760px) {
        :host {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
          grid-template-rows: auto auto auto 1fr;
          grid-template-areas: 'due keypad' 'methods keypad' 'quick keypad' 'actions keypad' 'tap tap';
          --keypad-key-height: 60px;
        }
        :host([method='pass']) {
          grid-template-columns: minmax(0, 1fr);
          grid-template-rows: none;
          grid-template-areas: 'due' 'methods' 'tap' 'actions';
          max-width: 640px;
        }
        .methods button {
          min-height: var(--pass-tap-big);
        }
        .figure strong {
          font-size: 2.2rem;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new step starts from a sensible amount: nothing handed over yet, or the card charged for all that remains.
    if (changed.has('method') || changed.has('plan')) this.amount = this.method === 'card' ? remainingDue(this.plan) : 0;
  }

  override render() {
    const remaining = remainingDue(this.plan);
    const pass = this.method === 'pass';
    return html`<section class="due" aria-live="polite">
        ${this.plan.tenders.length
          ? html`<ul class="tenders">
              <li class="row"><span>${t('cart.total')}</span><span class="money" data-testid="pay-total">${money(this.plan.total)}</span></li>
              ${this.plan.tenders.map(
                (tender, i) => html`<li class="row muted" data-testid="pay-tender-${i}"><span>${t(`pay.${tender.method}`)}</span><span class="money">− ${money(tender.amount)}</span></li>`,
              )}
            </ul>`
          : nothing}
        <div class="figures">
          <div class="figure"><span>${t('pay.remaining')}</span><strong class="money" data-testid="pay-remaining">${money(remaining)}</strong></div>
          ${this.method === 'cash' ? this.renderChange(remaining) : nothing}
        </div>
      </section>
      <div class="methods" role="group" aria-label=${t('pay.method')}>
        ${this.methodButton('cash', cashIcon(22))} ${this.methodButton('card', cardIcon(22))} ${this.methodButton('pass', passIcon(22))}
      </div>
      ${pass ? this.renderPass(remaining) : this.renderKeyed(remaining)}
      <div class="actions">
        <button class="danger" data-testid="pay-cancel" ?disabled=${this.busy} @click=${() => this.emit('cancel-payment', {})}>${t('pay.cancel')}</button>
        ${pass ? nothing : this.renderConfirm(remaining)}
      </div>
      ${this.plan.tenders.length ? html`<p class="hint muted">${t('pay.cancelHint')}</p>` : nothing}`;
  }

  private methodButton(method: PayMethod, icon: unknown) {
    return html`<button aria-pressed=${String(this.method === method)} data-testid="pay-method-${method}" ?disabled=${this.busy} @click=${() => this.emit('method-change', { method })}>
      ${icon}${t(`pay.${method}`)}
    </button>`;
  }

  private renderKeyed(remaining: number) {
    const cash = this.method === 'cash';
    return html`${cash
        ? html`<div class="quick">
            ${cashSuggestions(remaining).map(
              (cents, i) =>
                html`<button data-testid="cash-quick-${cents}" @click=${() => (this.amount = cents)}>${i === 0 ? t('pay.exact') : money(cents)}</button>`,
            )}
          </div>`
        : nothing}
      <lb-amount-keypad
        .value=${this.amount}
        label=${cash ? t('pay.given') : t('pay.charged')}
        @amount-change=${(e: AmountChangeEvent) => (this.amount = Math.min(e.detail.cents, cash ? e.detail.cents : remaining))}
      ></lb-amount-keypad>`;
  }

  private renderChange(remaining: number) {
    if (this.amount === 0) return nothing;
    if (this.amount >= remaining) {
      return html`<div class="figure change" data-testid="cash-change"><span>${t('pay.changeDue')}</span><strong class="money">${money(this.amount - remaining)}</strong></div>`;
    }
    return html`<div class="figure partial" data-testid="cash-partial"><span>${t('pay.stillDue')}</span><strong class="money">${money(remaining - this.amount)}</strong></div>`;
  }

  private renderConfirm(remaining: number) {
    const partial = this.amount > 0 && this.amount < remaining;
    const label = this.method === 'card' ? (partial ? t('pay.cardPartial') : t('pay.cardDone')) : partial ? t('pay.cashPartial') : t('pay.cashDone');
    return html`<button
      class="big success"
      data-testid="${this.method}-confirm"
      ?disabled=${this.busy || this.amount <= 0}
      @click=${() => this.emit('tender', { method: this.method, amount: this.amount })}
    >
      ${label}
    </button>`;
  }

  private renderPass(remaining: number) {
    // After "il manque X", the next tap is the second card: it pays what the first one lacked.
    const prompt = this.secondCardMissing ? t('pay.tapSecondCard', { missing: money(this.secondCardMissing) }) : t('pay.tapToPay', { amount: money(remaining) });
    return html`${this.secondCardMissing ? html`<p class="second-card" data-testid="pay-second-card">${prompt}</p>` : nothing}
      <lb-card-tap .tap=${this.tap} nfcStatus=${this.nfcStatus} ?busy=${this.busy} prompt=${prompt}></lb-card-tap>`;
  }

  private emit(name: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-payment-panel': PaymentPanel;
  }
}
