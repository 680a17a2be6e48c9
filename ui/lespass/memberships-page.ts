// Memberships and subscriptions: what this collective offers, then what each other collective
// of its village offers (joined on that collective's own site).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import type { Site, SiteMemberships } from './api-types.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, t } from './messages.js';
import { siteApi } from './site-api.js';
import './membership-card.js';

type Load = { status: 'loading' } | { status: 'ready'; memberships: SiteMemberships } | { status: 'error'; error: unknown };

@customElement('memberships-page')
export class MembershipsPage extends LitElement {
  @property({ attribute: false }) site!: Site;
  @state() private load: Load = { status: 'loading' };

  static override styles = [
    baseStyles,
    buttonStyles,
    siteStyles,
    css`
      h1 {
        margin-bottom: var(--pass-space-5);
      }
      section {
        margin-bottom: var(--pass-space-6);
      }
      .grid {
        display: grid;
        gap: var(--pass-space-3);
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
      }
      .collective {
        display: flex;
        align-items: center;
        gap: var(--pass-space-2);
        margin: var(--pass-space-4) 0 var(--pass-space-3);
      }
      .collective img {
        width: 32px;
        height: 32px;
        border-radius: 6px;
        object-fit: contain;
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
    return html`<h1>${t('memberships.title')}</h1>
      ${this.renderBody()}`;
  }

  private renderBody() {
    const load = this.load;
    if (load.status === 'loading') return html`<p class="muted">${t('site.loading')}</p>`;
    if (load.status === 'error') {
      return html`<div class="card">
        <p>${t('memberships.loadFailed')} ${errorText(load.error)}</p>
        <button @click=${() => this.fetch()}>${t('site.retry')}</button>
      </div>`;
    }
    const { mine, village } = load.memberships;
    const c = this.site.collective;
    return html`<section data-testid="memberships-mine">
        <h2>${t('memberships.mine', { name: c.name })}</h2>
        ${
          mine.length
            ? html`<div class="grid">${mine.map((p) => html`<membership-card .product=${p} slug=${c.slug}></membership-card>`)}</div>`
            : html`<p class="empty">${t('memberships.empty')}</p>`
        }
      </section>
      ${
        village.length
          ? html`<section data-testid="memberships-village">
              <h2>${t('memberships.ofVillage')}</h2>
              ${village.map(
                (v) =>
                  html`<h3 class="collective">
                      ${v.collective.logoUrl ? html`<img src=${v.collective.logoUrl} alt="" />` : nothing}
                      <a href="/${encodeURIComponent(v.collective.slug)}/">${v.collective.name}</a>
                    </h3>
                    <div class="grid">${v.memberships.map((p) => html`<membership-card .product=${p} slug=${v.collective.slug}></membership-card>`)}</div>`,
              )}
            </section>`
          : nothing
      }`;
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
    'memberships-page': MembershipsPage;
  }
}
