// What a POS sells: every catalogue product with its state here — offered or not, an optional
// price of this POS (euros typed with a comma or a dot, sent as integer cents) and its place
// in the register's grid. Each row saves on its own (PUT / DELETE of the offer).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { getLang, LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { Offer, Product } from '../api-types.js';
import { centsToInput, parseEuros } from '../euros.js';
import { formErrorsOf, formErrorText } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { amountError, money, t } from '../messages.js';
import { tb } from './messages.js';

interface Draft {
  price: string;
  order: string;
  errors?: { price?: string; order?: string; row?: string };
  saved?: boolean;
}

interface OffersData {
  products: Product[];
  offers: Map<string, Offer>;
}

@customElement('pos-offers')
export class PosOffers extends LitElement {
  @property() collectiveId = '';
  @property() posId = '';
  @state() private drafts = new Map<string, Draft>();
  @state() private busy = '';
  private draftsOf: OffersData | undefined;

  private readonly data = new Loader(this, {
    args: () => [this.collectiveId, this.posId] as const,
    task: async ([collectiveId, posId], signal): Promise<OffersData> => {
      const base = `/api/collectives/${encodeURIComponent(collectiveId)}`;
      const [{ products }, { offers }] = await Promise.all([
        api<{ products: Product[] }>(`${base}/products`, { signal }),
        api<{ offers: Offer[] }>(`${base}/pos/${encodeURIComponent(posId)}/products`, { signal }),
      ]);
      return { products, offers: new Map(offers.map((o) => [o.productId, o])) };
    },
  });

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      td.order input {
        max-width: 96px;
      }
      td input {
        min-width: 110px;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(): void {
    const value = this.data.value;
    if (value && value !== this.draftsOf) {
      this.draftsOf = value;
      const lang = getLang();
      this.drafts = new Map(
        value.products.map((p) => {
          const offer = value.offers.get(p.id);
          return [p.id, { price: offer?.price == null ? '' : centsToInput(offer.price, lang), order: String(offer?.order ?? '') }];
        }),
      );
    }
  }

  override render() {
    return html`<p class="muted">${tb('offers.intro')}</p>
      ${loadView(this.data.state, (d) => this.table(d), () => this.data.reload())}`;
  }

  private table(d: OffersData) {
    if (!d.products.length) return html`<p class="empty">${tb('offers.none')}</p>`;
    const sorted = [...d.products].sort((a, b) => rank(d, a) - rank(d, b) || a.name.localeCompare(b.name));
    return html`<div class="table-wrap">
      <table class="stack" data-testid="offers-table">
        <thead>
          <tr>
            <th>${tb('products.name')}</th>
            <th class="num">${tb('offers.catalogPrice')}</th>
            <th>${tb('offers.posPrice')}</th>
            <th>${tb('offers.order')}</th>
            <th class="num">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${sorted.map((p) => this.row(p, d.offers.get(p.id)))}
        </tbody>
      </table>
    </div>`;
  }

  private row(p: Product, offer: Offer | undefined) {
    const draft = this.drafts.get(p.id) ?? { price: '', order: '' };
    const set = (patch: Partial<Draft>) => {
      this.drafts = new Map(this.drafts).set(p.id, { ...draft, ...patch, saved: false });
    };
    return html`<tr data-testid="offer-row" data-product-id=${p.id} data-offered=${offer ? 'true' : 'false'} class=${offer ? '' : 'muted-row'}>
      <td>
        ${p.colour ? html`<span class="swatch" style="background:${p.colour}"></span>` : nothing}<strong>${p.name}</strong>
        <br /><span class="muted">${p.category}</span>
        ${offer ? html` <span class="badge ok">${tb('offers.offered')}</span>` : nothing}
        ${p.active ? nothing : html` <span class="badge warn">${tb('products.inactive')}</span>`}
      </td>
      <td class="num" data-label=${tb('offers.catalogPrice')}>${money(p.price)}</td>
      <td data-label=${tb('offers.posPrice')}>
        <input
          aria-label=${`${tb('offers.posPrice')} — ${p.name}`}
          inputmode="decimal"
          placeholder=${tb('offers.posPriceHint')}
          .value=${draft.price}
          aria-invalid=${draft.errors?.price ? 'true' : 'false'}
          data-testid="offer-price"
          @input=${(e: Event) => set({ price: (e.target as HTMLInputElement).value })}
        />
        ${draft.errors?.price ? html`<div class="field-error" role="alert">${draft.errors.price}</div>` : nothing}
      </td>
      <td class="order" data-label=${tb('offers.order')}>
        <input
          aria-label=${`${tb('offers.order')} — ${p.name}`}
          inputmode="numeric"
          .value=${draft.order}
          aria-invalid=${draft.errors?.order ? 'true' : 'false'}
          data-testid="offer-order"
          @input=${(e: Event) => set({ order: (e.target as HTMLInputElement).value })}
        />
        ${draft.errors?.order ? html`<div class="field-error" role="alert">${draft.errors.order}</div>` : nothing}
      </td>
      <td class="actions-cell">
        ${offer
          ? html`<button type="button" class="small-btn primary" ?disabled=${this.busy === p.id} data-testid="offer-save" @click=${() => this.save(p.id, draft)}>${tb('offers.save')}</button>
              <button type="button" class="small-btn danger" ?disabled=${this.busy === p.id} data-testid="offer-remove" @click=${() => this.removeOffer(p.id)}>${tb('offers.remove')}</button>`
          : html`<button type="button" class="small-btn primary" ?disabled=${this.busy === p.id || p.archived} data-testid="offer-add" @click=${() => this.save(p.id, draft)}>${tb('offers.add')}</button>`}
        ${draft.saved ? html`<span class="badge ok" role="status">${tb('offers.savedRow')}</span>` : nothing}
        ${draft.errors?.row ? html`<div class="field-error" role="alert">${draft.errors.row}</div>` : nothing}
      </td>
    </tr>`;
  }

  private async save(productId: string, draft: Draft): Promise<void> {
    const errors: Draft['errors'] = {};
    const body: { price?: number; order?: number } = {};
    if (draft.price.trim()) {
      const price = parseEuros(draft.price);
      if (price.ok) body.price = price.value;
      else errors.price = amountError(price.reason);
    }
    if (draft.order.trim()) {
      if (/^\d{1,6}$/.test(draft.order.trim()) && Number(draft.order) <= 100_000) body.order = Number(draft.order.trim());
      else errors.order = tb('offers.orderFormat');
    }
    if (errors.price || errors.order) {
      this.drafts = new Map(this.drafts).set(productId, { ...draft, errors });
      return;
    }
    await this.call(productId, draft, 'PUT', body);
  }

  private removeOffer(productId: string): Promise<void> {
    return this.call(productId, this.drafts.get(productId) ?? { price: '', order: '' }, 'DELETE');
  }

  private async call(productId: string, draft: Draft, method: 'PUT' | 'DELETE', body?: unknown): Promise<void> {
    this.busy = productId;
    try {
      await api(`/api/collectives/${encodeURIComponent(this.collectiveId)}/pos/${encodeURIComponent(this.posId)}/products/${encodeURIComponent(productId)}`, { method, body });
      await this.data.reload();
      const fresh = this.drafts.get(productId);
      if (fresh) this.drafts = new Map(this.drafts).set(productId, { ...fresh, saved: true });
    } catch (err) {
      const e = formErrorsOf(err);
      this.drafts = new Map(this.drafts).set(productId, {
        ...draft,
        errors: { price: e.fields.price, order: e.fields.order, row: formErrorText(e) },
      });
    } finally {
      this.busy = '';
    }
  }
}

/** Offered products first, in their grid order; then the others. */
function rank(d: OffersData, p: Product): number {
  const offer = d.offers.get(p.id);
  return offer ? offer.order : 1_000_000;
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-offers': PosOffers;
  }
}
