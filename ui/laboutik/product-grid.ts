// The products of the POS, one tab per category, as big touch buttons (in the product's
// colour when the admin chose one). Properties down: `products`, `categories`, `counts`
// (qty in cart per product); event up: `add-product` {product}.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { LanguageController } from '../shared/i18n.js';
import { readableTextOn } from '../shared/colour.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { money } from './format.js';
import { t } from './messages.js';
import type { CatalogProduct } from './protocol.js';

export type AddProductEvent = CustomEvent<{ product: CatalogProduct }>;

const allCategories = '';

@customElement('lb-product-grid')
export class ProductGrid extends LitElement {
  @property({ attribute: false }) products: readonly CatalogProduct[] = [];
  @property({ attribute: false }) categories: readonly string[] = [];
  @property({ attribute: false }) counts: ReadonlyMap<string, number> = new Map();
  @state() private category = allCategories;

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      [role='tablist'] {
        display: flex;
        gap: var(--pass-space-2);
        overflow-x: auto;
        padding: var(--pass-space-1) var(--pass-space-1) var(--pass-space-3);
        scrollbar-width: thin;
        flex: none;
      }
      [role='tab'] {
        flex: none;
        border-radius: 999px;
        padding: var(--pass-space-2) var(--pass-space-4);
      }
      [role='tab'][aria-selected='true'] {
        background: var(--pass-text);
        border-color: var(--pass-text);
        color: var(--pass-surface);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(132px, 1fr));
        gap: var(--pass-space-2);
        overflow-y: auto;
        align-content: start;
        padding: var(--pass-space-1);
      }
      .product {
        position: relative;
        flex-direction: column;
        align-items: stretch;
        justify-content: space-between;
        text-align: left;
        min-height: 96px;
        padding: var(--pass-space-3);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        border-width: 2px;
      }
      .name,
      .price {
        flex: none;
      }
      .name {
        font-size: 1.05rem;
        font-weight: 700;
        line-height: 1.2;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .price {
        font-size: 1.1rem;
        font-weight: 800;
        margin-top: var(--pass-space-2);
      }
      .count {
        position: absolute;
        top: -6px;
        right: -6px;
        min-width: 30px;
        height: 30px;
        padding: 0 6px;
        border-radius: 999px;
        background: var(--pass-text);
        color: var(--pass-surface);
        border: 2px solid var(--pass-surface);
        font-weight: 800;
        display: grid;
        place-items: center;
      }
      .empty {
        padding: var(--pass-space-5);
        text-align: center;
      }
      @media (min-width: 760px) {
        .grid {
          grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
          gap: var(--pass-space-3);
        }
        .product {
          min-height: 112px;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const category = this.categories.includes(this.category) ? this.category : allCategories;
    const shown = category === allCategories ? this.products : this.products.filter((p) => p.category === category);
    return html`${this.categories.length > 1
        ? html`<div role="tablist" aria-label=${t('sale.categories')}>
            ${this.renderTab(allCategories, t('sale.allCategories'), category)}
            ${this.categories.map((c) => this.renderTab(c, c, category))}
          </div>`
        : nothing}
      <div class="grid" role="tabpanel" data-testid="products">
        ${shown.length === 0 ? html`<p class="empty muted" data-testid="catalog-empty">${t('sale.noProducts')}</p>` : shown.map((p) => this.renderProduct(p))}
      </div>`;
  }

  private renderTab(value: string, label: string, current: string) {
    return html`<button role="tab" aria-selected=${String(value === current)} data-testid="category-${value || 'all'}" @click=${() => (this.category = value)}>${label}</button>`;
  }

  private renderProduct(p: CatalogProduct) {
    const count = this.counts.get(p.id) ?? 0;
    const colours = p.colour ? { background: p.colour, borderColor: p.colour, color: readableTextOn(p.colour) } : {};
    return html`<button
      class="product"
      style=${styleMap(colours)}
      data-testid="product-${p.id}"
      aria-label=${t('sale.addProduct', { name: p.name, price: money(p.price) })}
      @click=${() => this.dispatchEvent(new CustomEvent('add-product', { detail: { product: p }, bubbles: true, composed: true }))}
    >
      <span class="name">${p.name}</span>
      <span class="price money">${money(p.price)}</span>
      ${count > 0 ? html`<span class="count" data-testid="in-cart-${p.id}">${count}</span>` : nothing}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-product-grid': ProductGrid;
  }
}
