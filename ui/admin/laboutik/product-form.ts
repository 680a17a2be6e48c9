// Create or edit a product: name, category, price in euros (typed "3,50" or "3.50", sent as
// integer cents parsed from the text — never through a float), VAT rate, button colour, kind
// and whether it is on sale. Sends `saved` with the product, or `cancel`.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { getLang, LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { Product, ProductKind } from '../api-types.js';
import { centsToInput, parseEuros } from '../euros.js';
import { checkField, colourField, formAlert, selectField, textField } from '../fields.js';
import { fieldError, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { amountError, percent, t } from '../messages.js';
import { tb } from './messages.js';

interface ProductDraft {
  name: string;
  category: string;
  price: string;
  vatRate: string;
  colour: string;
  hasColour: boolean;
  kind: ProductKind;
  active: boolean;
}

/** French VAT rates, in basis points. */
const vatRates = [2000, 1000, 550, 210, 0];
const kinds: ProductKind[] = ['item', 'topup', 'membership', 'ticket', 'deposit'];
const hex = /^#[0-9a-fA-F]{6}$/;

@customElement('product-form')
export class ProductForm extends LitElement {
  @property() collectiveId = '';
  /** The product edited; none to create one. */
  @property({ attribute: false }) product: Product | undefined;
  @state() private draft: ProductDraft = emptyDraft();
  @state() private errors: FormErrors | undefined;
  @state() private busy = false;
  private draftOf: Product | undefined | null = null;

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(): void {
    if (this.product !== this.draftOf) {
      this.draftOf = this.product;
      this.draft = this.product ? draftFrom(this.product) : emptyDraft();
      this.errors = undefined;
    }
  }

  override render() {
    const d = this.draft;
    const e = (name: string) => fieldError(this.errors, name);
    const set = (patch: Partial<ProductDraft>) => (this.draft = { ...d, ...patch });
    const rates = vatRates.includes(Number(d.vatRate)) ? vatRates : [...vatRates, Number(d.vatRate)];
    return html`<form class="panel" novalidate @submit=${this.submit} data-testid="product-form">
      <h2>${this.product ? tb('products.edit', { name: this.product.name }) : tb('products.new')}</h2>
      ${formAlert(formErrorText(this.errors))}
      <div class="grid">
        ${textField({ name: 'name', label: tb('products.name'), value: d.name, error: e('name'), maxlength: 120, testid: 'product-name', onInput: (v) => set({ name: v }) })}
        ${textField({ name: 'category', label: tb('products.category'), value: d.category, error: e('category'), maxlength: 60, testid: 'product-category', onInput: (v) => set({ category: v }) })}
        ${textField({ name: 'price', label: tb('products.price'), value: d.price, inputmode: 'decimal', placeholder: tb('products.pricePlaceholder'), error: e('price'), testid: 'product-price', onInput: (v) => set({ price: v }) })}
        ${selectField({
          name: 'vatRate',
          label: tb('products.vat'),
          value: d.vatRate,
          error: e('vatRate'),
          testid: 'product-vat',
          options: rates.map((bp) => ({ value: String(bp), label: percent(bp) })),
          onInput: (v) => set({ vatRate: v }),
        })}
        ${selectField({
          name: 'kind',
          label: tb('products.kind'),
          value: d.kind,
          error: e('kind'),
          testid: 'product-kind',
          options: kinds.map((k) => ({ value: k, label: tb(`products.kind.${k}`) })),
          onInput: (v) => set({ kind: v as ProductKind }),
        })}
        <div>
          ${this.product?.colour
            ? nothing /* the API keeps a colour once set: no "none" to offer */
            : checkField({ name: 'hasColour', label: tb('products.colour'), checked: d.hasColour, testid: 'product-has-colour', onChange: (v) => set({ hasColour: v }) })}
          ${d.hasColour ? colourField({ name: 'colour', label: tb('products.colour'), value: d.colour, error: e('colour'), testid: 'product-colour', onInput: (v) => set({ colour: v }) }) : nothing}
        </div>
      </div>
      ${checkField({ name: 'active', label: tb('products.active'), checked: d.active, testid: 'product-active', onChange: (v) => set({ active: v }) })}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="product-save">${this.busy ? t('saving') : this.product ? t('save') : t('create')}</button>
        <button type="button" data-testid="product-cancel" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private readonly submit = async (event: Event) => {
    event.preventDefault();
    const d = this.draft;
    const fields: Record<string, string> = {};
    if (!d.name.trim()) fields.name = t('required');
    if (!d.category.trim()) fields.category = t('required');
    const price = parseEuros(d.price);
    if (!price.ok) fields.price = amountError(price.reason);
    if (d.hasColour && !hex.test(d.colour)) fields.colour = t('colour.format');
    if (Object.keys(fields).length || !price.ok) {
      this.errors = { fields };
      return;
    }
    const body = {
      name: d.name.trim(),
      category: d.category.trim(),
      price: price.value,
      vatRate: Number(d.vatRate),
      kind: d.kind,
      active: d.active,
      ...(d.hasColour ? { colour: d.colour.toLowerCase() } : {}),
    };
    this.busy = true;
    this.errors = undefined;
    try {
      const base = `/api/collectives/${encodeURIComponent(this.collectiveId)}/products`;
      const { product } = this.product
        ? await api<{ product: Product }>(`${base}/${encodeURIComponent(this.product.id)}`, { method: 'PATCH', body })
        : await api<{ product: Product }>(base, { body });
      this.dispatchEvent(new CustomEvent<Product>('saved', { detail: product }));
      if (!this.product) this.draft = emptyDraft();
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = false;
    }
  };
}

function emptyDraft(): ProductDraft {
  return { name: '', category: '', price: '', vatRate: '2000', colour: '#f2c14e', hasColour: false, kind: 'item', active: true };
}

function draftFrom(p: Product): ProductDraft {
  return {
    name: p.name,
    category: p.category,
    price: centsToInput(p.price, getLang()),
    vatRate: String(p.vatRate),
    colour: p.colour ?? '#f2c14e',
    hasColour: Boolean(p.colour),
    kind: p.kind,
    active: p.active,
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'product-form': ProductForm;
  }
}
