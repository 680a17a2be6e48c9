// The cart: lines with qty −/+, remove, the total, and the three ways to pay. Properties down:
// `cart`, `review` (read-only while the sale is being paid); events up: `change-qty` {productId, delta}, `remove-line` {productId}, `clear-cart`,
// `pay` {method}.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { cartTotal, itemCount, lineTotal, type Cart } from './cart.js';
import { money } from './format.js';
import { cardIcon, cashIcon, passIcon } from './icons.js';
import { t } from './messages.js';

export type PayMethod = 'cash' | 'card' | 'pass';
export type PayEvent = CustomEvent<{ method: PayMethod }>;

@customElement('lb-cart-panel')
export class CartPanel extends LitElement {
  @property({ attribute: false }) cart: Cart = [];
  /** Read-only: the sale is being paid. */
  @property({ type: Boolean }) review = false;

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        padding: var(--pass-space-3) var(--pass-space-4) var(--pass-space-2);
      }
      h2 {
        font-size: 1.2rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 var(--pass-space-3);
        overflow-y: auto;
        flex: 1;
        min-height: 0;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: var(--pass-space-1) var(--pass-space-2);
        padding: var(--pass-space-2) 0;
        border-bottom: 1px solid var(--pass-border);
      }
      .line-name {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .line-total {
        font-weight: 700;
        text-align: right;
      }
      .qty {
        display: flex;
        align-items: center;
        gap: var(--pass-space-2);
      }
      .qty output {
        min-width: 2ch;
        text-align: center;
        font-weight: 800;
        font-size: 1.15rem;
      }
      .qty button {
        font-size: 1.4rem;
        padding: 0;
      }
      .unit {
        align-self: center;
        text-align: right;
        font-size: 0.9rem;
      }
      .empty {
        padding: var(--pass-space-5) var(--pass-space-4);
        text-align: center;
      }
      footer {
        padding: var(--pass-space-3) var(--pass-space-4) var(--pass-space-4);
        border-top: 2px solid var(--pass-text);
      }
      .total {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        margin-bottom: var(--pass-space-3);
      }
      .total strong {
        font-size: 2rem;
      }
      .pay {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: var(--pass-space-2);
      }
      .pay button {
        flex-direction: column;
        gap: 0;
        padding: var(--pass-space-2);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const empty = this.cart.length === 0;
    const count = itemCount(this.cart);
    return html`<header>
        <h2>${t('cart.title')} ${count ? html`<span class="muted">(${count})</span>` : nothing}</h2>
        ${empty || this.review ? nothing : html`<button class="ghost danger" data-testid="cart-clear" @click=${() => this.emit('clear-cart', {})}>${t('cart.clear')}</button>`}
      </header>
      ${empty
        ? html`<p class="empty muted" data-testid="cart-empty">${t('cart.empty')}</p>`
        : html`<ul data-testid="cart-lines">
            ${this.cart.map(
              (l) => html`<li data-testid="cart-line-${l.productId}">
                <span class="line-name">${l.name}</span>
                <span class="line-total money">${money(lineTotal(l))}</span>
                ${this.review
                  ? html`<span class="qty"><output data-testid="cart-qty-${l.productId}">${l.qty}</output></span>`
                  : html`<span class="qty">
                      <button data-testid="cart-dec-${l.productId}" aria-label=${t('cart.less', { name: l.name })} @click=${() => this.emit('change-qty', { productId: l.productId, delta: -1 })}>−</button>
                      <output data-testid="cart-qty-${l.productId}">${l.qty}</output>
                      <button data-testid="cart-inc-${l.productId}" aria-label=${t('cart.more', { name: l.name })} @click=${() => this.emit('change-qty', { productId: l.productId, delta: +1 })}>+</button>
                      <button class="ghost danger" data-testid="cart-remove-${l.productId}" aria-label=${t('cart.remove', { name: l.name })} @click=${() => this.emit('remove-line', { productId: l.productId })}>✕</button>
                    </span>`}
                <span class="unit muted money">${l.qty} × ${money(l.unitPrice)}</span>
              </li>`,
            )}
          </ul>`}
      <footer>
        <div class="total"><span>${t('cart.total')}</span><strong class="money" data-testid="cart-total">${money(cartTotal(this.cart))}</strong></div>
        ${this.review
          ? nothing
          : html`<div class="pay">
              ${this.payButton('cash', cashIcon(), t('pay.cash'))} ${this.payButton('card', cardIcon(), t('pay.card'))} ${this.payButton('pass', passIcon(), t('pay.pass'))}
            </div>`}
      </footer>`;
  }

  private payButton(method: PayMethod, icon: unknown, label: string) {
    return html`<button class="big primary" data-testid="pay-${method}" ?disabled=${this.cart.length === 0} @click=${() => this.emit('pay', { method })}>
      ${icon}${label}
    </button>`;
  }

  private emit(name: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-cart-panel': CartPanel;
  }
}
