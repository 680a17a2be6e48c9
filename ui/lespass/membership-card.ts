// One membership or subscription on offer: its name, price and validity, its description,
// and the button to join (on the site of the collective that offers it); a paid subscription
// may also be paid each period automatically (a signed-in holder, who can cancel it later).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../shared/api.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import type { MembershipProduct } from './api-types.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, t } from './messages.js';
import { hrefOf } from './route.js';
import { newRequestId } from './site-api.js';

/** "15,00 € / an", "Gratuite · valable 30 jours"... */
export function priceLine(p: Pick<MembershipProduct, 'price' | 'period' | 'durationDays'>): string {
  const price = p.price > 0 ? formatMoney(p.price, getLang()) : t('memberships.free');
  if (p.period === 'month') return t('memberships.perMonth', { price });
  if (p.period === 'year') return t('memberships.perYear', { price });
  if (p.durationDays === 365 || p.durationDays === 366) return t('memberships.forOneYear', { price });
  return p.durationDays ? t('memberships.forDays', { price, days: p.durationDays }) : price;
}

@customElement('membership-card')
export class MembershipCard extends LitElement {
  @property({ attribute: false }) product!: MembershipProduct;
  /** Slug of the site where this membership is bought (its collective's). */
  @property() slug = '';
  @state() private failure = '';
  @state() private busy = false;

  static override styles = [
    baseStyles,
    buttonStyles,
    siteStyles,
    css`
      :host {
        display: block;
        height: 100%;
      }
      .card {
        height: 100%;
        display: flex;
        flex-direction: column;
        gap: var(--pass-space-2);
        border-top: 6px solid var(--brand-secondary);
      }
      .price {
        font-weight: 800;
        font-size: 1.15rem;
      }
      .description {
        flex: 1;
        color: var(--pass-muted);
        margin: 0;
      }
      .btn {
        align-self: flex-start;
        margin-top: var(--pass-space-2);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const p = this.product;
    return html`<article class="card" data-testid="membership" data-product-id=${p.id}>
      <div class="spread">
        <h3>${p.name}</h3>
        ${p.subscription ? html`<span class="badge brand">${t('memberships.subscription')}</span>` : nothing}
      </div>
      <div class="price">${priceLine(p)}</div>
      ${p.description ? html`<p class="description">${p.description}</p>` : html`<p class="description"></p>`}
      <a class="btn primary" href=${hrefOf(this.slug, 'join', p.id)} data-testid="join-${p.id}">${t(p.subscription ? 'memberships.subscribe' : 'memberships.join')}</a>
      ${p.subscription && p.price > 0
        ? html`<button class="btn" ?disabled=${this.busy} data-testid="recurring-${p.id}" @click=${() => this.subscribe()}>${t('subs.start')}</button>`
        : nothing}
      ${this.failure ? html`<p class="field-error" role="alert" data-testid="recurring-error">${this.failure}</p>` : nothing}
    </article>`;
  }

  private async subscribe(): Promise<void> {
    this.busy = true;
    this.failure = '';
    try {
      const { checkoutUrl } = await api<{ checkoutUrl: string }>(`/api/sites/${encodeURIComponent(this.slug)}/subscriptions`, { body: { productId: this.product.id, requestId: newRequestId() } });
      location.assign(checkoutUrl);
    } catch (err) {
      this.failure = err instanceof ApiError && err.code === 'UNAUTHORIZED' ? t('subs.signInFirst') : errorText(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'membership-card': MembershipCard;
  }
}
