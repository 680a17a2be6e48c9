// The collective's product catalogue: a table (price, VAT, kind, state), a form to create or
// edit a product, and archiving (never deleting: past sales and Z tickets keep their names).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { Product } from '../api-types.js';
import { checkField, formAlert } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { money, percent, t } from '../messages.js';
import { tb } from './messages.js';
import '../confirm-button.js';
import './product-form.js';

@customElement('products-panel')
export class ProductsPanel extends LitElement {
  @property() collectiveId = '';
  @state() private showArchived = false;
  /** undefined: no form; null: a new product; else the product edited. */
  @state() private editing: Product | null | undefined;
  @state() private notice = '';
  @state() private rowError = '';
  @state() private busy = '';

  private readonly products = new Loader(this, {
    args: () => [this.collectiveId, this.showArchived] as const,
    task: async ([id, archived], signal) =>
      (await api<{ products: Product[] }>(`/api/collectives/${encodeURIComponent(id)}/products${archived ? '?archived=true' : ''}`, { signal })).products,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`${this.editing !== undefined
        ? html`<product-form
            .collectiveId=${this.collectiveId}
            .product=${this.editing ?? undefined}
            @saved=${(e: CustomEvent<Product>) => this.saved(e.detail)}
            @cancel=${() => (this.editing = undefined)}
          ></product-form>`
        : nothing}
      <section class="panel" data-testid="products-panel">
        <div class="panel-head">
          <h2>${tb('products.title')}</h2>
          <button type="button" class="primary" data-testid="product-new" @click=${() => this.edit(null)}>+ ${tb('products.new')}</button>
        </div>
        <p class="muted">${tb('products.intro')}</p>
        ${this.notice ? html`<p class="badge ok" role="status" data-testid="product-notice">${this.notice}</p>` : nothing}
        ${formAlert(this.rowError, 'product-row-error')}
        ${checkField({ name: 'showArchived', label: tb('products.showArchived'), checked: this.showArchived, testid: 'products-show-archived', onChange: (v) => (this.showArchived = v) })}
        ${loadView(this.products.state, (list) => this.table(list), () => this.products.reload())}
      </section>`;
  }

  private table(list: Product[]) {
    if (!list.length) return html`<p class="empty" data-testid="products-empty">${tb('products.none')}</p>`;
    const sorted = [...list].sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
    return html`<div class="table-wrap">
      <table class="stack" data-testid="products-table">
        <thead>
          <tr>
            <th>${tb('products.name')}</th>
            <th>${tb('products.category')}</th>
            <th class="num">${tb('products.price')}</th>
            <th class="num">${tb('products.vat')}</th>
            <th>${tb('products.kind')}</th>
            <th><span class="visually-hidden">${t('actions')}</span></th>
            <th class="num">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${sorted.map((p) => this.row(p))}
        </tbody>
      </table>
    </div>`;
  }

  private row(p: Product) {
    const state = p.archived ? ['', tb('products.archived')] : p.active ? ['ok', tb('products.active')] : ['warn', tb('products.inactive')];
    return html`<tr data-testid="product-row" data-product-id=${p.id} class=${p.archived ? 'muted-row' : ''}>
      <td>${p.colour ? html`<span class="swatch" style="background:${p.colour}"></span>` : nothing}<strong>${p.name}</strong></td>
      <td data-label=${tb('products.category')}>${p.category}</td>
      <td class="num" data-label=${tb('products.price')} data-testid="product-price-cell">${money(p.price)}</td>
      <td class="num" data-label=${tb('products.vat')}>${percent(p.vatRate)}</td>
      <td data-label=${tb('products.kind')}>${tb(`products.kind.${p.kind}`)}</td>
      <td><span class="badge ${state[0]}">${state[1]}</span></td>
      <td class="actions-cell">
        ${p.archived
          ? nothing
          : html`<button type="button" class="small-btn" data-testid="product-edit" @click=${() => this.edit(p)}>${t('edit')}</button>
              <confirm-button small label=${tb('products.archive')} question=${tb('products.archiveConfirm', { name: p.name })} testid="product-archive" ?disabled=${this.busy === p.id} @confirmed=${() => this.archive(p)}></confirm-button>`}
      </td>
    </tr>`;
  }

  private edit(product: Product | null): void {
    this.editing = product;
    this.notice = '';
    // The form opens above the table: bring it into view on a phone.
    void this.updateComplete.then(() => this.renderRoot.querySelector('product-form')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  private async saved(product: Product): Promise<void> {
    this.notice = this.editing ? tb('products.saved', { name: product.name }) : tb('products.created', { name: product.name });
    this.editing = undefined;
    await this.products.reload();
  }

  private async archive(p: Product): Promise<void> {
    this.busy = p.id;
    this.rowError = '';
    try {
      await api(`/api/collectives/${encodeURIComponent(this.collectiveId)}/products/${encodeURIComponent(p.id)}`, { method: 'DELETE' });
      if (this.editing?.id === p.id) this.editing = undefined;
      await this.products.reload();
    } catch (err) {
      this.rowError = errorLine(formErrorsOf(err));
    } finally {
      this.busy = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'products-panel': ProductsPanel;
  }
}
