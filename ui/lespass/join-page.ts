// Joining one membership (or taking a subscription) of this collective: its questions, an
// optional Pass top-up, and the payment. A guest joins with a name and an email (the
// membership belongs to the account of that email, found when they sign in with it).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import type { MembershipProduct, Site, SiteMemberships } from './api-types.js';
import { siteStyles } from './lespass-styles.js';
import { priceLine } from './membership-card.js';
import { errorText, t } from './messages.js';
import { hrefOf } from './route.js';
import { SessionController } from './session.js';
import { siteApi } from './site-api.js';
import './basket-form.js';

type Load = { status: 'loading' } | { status: 'ready'; memberships: SiteMemberships } | { status: 'error'; error: unknown };

@customElement('join-page')
export class JoinPage extends LitElement {
  @property({ attribute: false }) site!: Site;
  @property() productId = '';
  @state() private load: Load = { status: 'loading' };
  private readonly session = new SessionController(this);

  static override styles = [
    baseStyles,
    buttonStyles,
    siteStyles,
    css`
      .layout {
        display: grid;
        gap: var(--pass-space-4);
        max-width: 720px;
      }
      .price {
        font-weight: 800;
        font-size: 1.2rem;
      }
      h1 {
        margin-bottom: var(--pass-space-2);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetch();
  }

  override render() {
    const back = html`<a class="back" href=${hrefOf(this.site.collective.slug, 'memberships')}>← ${t('nav.memberships')}</a>`;
    const load = this.load;
    if (load.status === 'loading')
      return html`${back}
        <p class="muted">${t('site.loading')}</p>`;
    if (load.status === 'error') {
      return html`${back}
        <div class="card">
          <p>${errorText(load.error)}</p>
          <button @click=${() => this.fetch()}>${t('site.retry')}</button>
        </div>`;
    }
    const product = load.memberships.mine.find((p) => p.id === this.productId);
    if (!product) return html`${back}${this.renderElsewhere(load.memberships)}`;
    return html`${back}
      <div class="layout" data-testid="join" data-product-id=${product.id}>
        <div class="card">
          <h1>${product.name}</h1>
          <p class="price">${priceLine(product)}</p>
          ${product.description ? html`<p class="description">${product.description}</p>` : nothing}
        </div>
        <div class="card">${this.renderForm(product)}</div>
      </div>`;
  }

  private renderForm(product: MembershipProduct) {
    const session = this.session.state;
    if (session.status === 'loading') return html`<p class="muted">${t('site.loading')}</p>`;
    return html`<h2>${t(product.subscription ? 'memberships.subscribe' : 'join.title')}</h2>
      <basket-form .site=${this.site} .offer=${{ prices: [], memberships: [product] }}></basket-form>`;
  }

  /** A product of another collective of the village is joined on that collective's site. */
  private renderElsewhere(memberships: SiteMemberships) {
    for (const v of memberships.village) {
      const product = v.memberships.find((p) => p.id === this.productId);
      if (product) {
        return html`<div class="card">
          <p>${t('join.otherCollective', { name: v.collective.name })}</p>
          <a class="btn primary" href=${hrefOf(v.collective.slug, 'join', product.id)}>${v.collective.name}</a>
        </div>`;
      }
    }
    return html`<p class="card" data-testid="join-missing">${t('join.notFound')}</p>`;
  }

  private async fetch(): Promise<void> {
    this.load = { status: 'loading' };
    try {
      this.load = { status: 'ready', memberships: await siteApi.memberships(this.site.collective.slug) };
    } catch (error) {
      this.load = { status: 'error', error };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'join-page': JoinPage;
  }
}
