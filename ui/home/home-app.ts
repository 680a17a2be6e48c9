// The home page: every collective (each links to its Lespass at /<slug>/) and the tools.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../shared/api.js';
import { LanguageController } from '../shared/i18n.js';
import '../shared/lang-switch.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { t } from './messages.js';

export interface CollectiveSummary {
  id: string;
  slug: string;
  name: string;
  villageId?: string;
  description?: string;
  /** The API calls it logoUrl; `logo` is accepted too. */
  logoUrl?: string;
  logo?: string;
}

type Load = { status: 'loading' } | { status: 'ready'; collectives: CollectiveSummary[] } | { status: 'error'; code: string };

const tools = [
  { href: '/laboutik/', key: 'laboutik', hint: 'laboutikHint' },
  { href: '/display/', key: 'display', hint: 'displayHint' },
  { href: '/dashboard/', key: 'dashboard', hint: 'dashboardHint' },
  { href: '/admin/', key: 'admin', hint: 'adminHint' },
] as const;

@customElement('home-app')
export class HomeApp extends LitElement {
  @state() private load: Load = { status: 'loading' };

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
        max-width: 1080px;
        margin: 0 auto;
        padding: var(--pass-space-4);
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: flex-start;
        gap: var(--pass-space-4);
        padding: var(--pass-space-4) 0 var(--pass-space-5);
      }
      h1 {
        font-size: 2.4rem;
        letter-spacing: -0.02em;
      }
      .tagline {
        margin: var(--pass-space-2) 0 0;
        font-size: 1.1rem;
        max-width: 60ch;
      }
      h2 {
        font-size: 1.4rem;
        margin: var(--pass-space-5) 0 var(--pass-space-3);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pass-space-3);
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
      }
      .card {
        display: flex;
        gap: var(--pass-space-3);
        align-items: flex-start;
        height: 100%;
        padding: var(--pass-space-4);
        background: var(--pass-surface);
        border: 2px solid var(--pass-border);
        border-radius: var(--pass-radius);
        color: inherit;
        text-decoration: none;
        box-shadow: var(--pass-shadow);
        min-height: var(--pass-tap-big);
      }
      a.card:hover {
        border-color: var(--pass-primary);
      }
      .logo {
        flex: none;
        width: 56px;
        height: 56px;
        border-radius: var(--pass-radius-small);
        object-fit: cover;
        background: var(--pass-surface-2);
        display: grid;
        place-items: center;
        font-weight: 800;
        font-size: 1.5rem;
        color: var(--pass-primary);
      }
      .name {
        font-weight: 700;
        font-size: 1.15rem;
      }
      .description {
        margin: var(--pass-space-1) 0 0;
        color: var(--pass-muted);
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .link {
        color: var(--pass-primary);
        font-weight: 600;
        margin-top: var(--pass-space-2);
        display: inline-block;
      }
      .tool .name {
        color: var(--pass-primary);
      }
      .status {
        padding: var(--pass-space-4);
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetchCollectives();
  }

  override render() {
    return html`<header>
        <div>
          <h1>${t('title')}</h1>
          <p class="tagline muted">${t('tagline')}</p>
        </div>
        <lang-switch></lang-switch>
      </header>
      <main>
        <section aria-labelledby="collectives-title">
          <h2 id="collectives-title">${t('collectives')}</h2>
          ${this.renderCollectives()}
        </section>
        <section aria-labelledby="tools-title">
          <h2 id="tools-title">${t('tools')}</h2>
          <ul>
            ${tools.map(
              (tool) => html`<li>
                <a class="card tool" href=${tool.href} data-testid="tool-${tool.key}">
                  <div>
                    <div class="name">${t(tool.key)}</div>
                    <p class="description">${t(tool.hint)}</p>
                  </div>
                </a>
              </li>`,
            )}
          </ul>
        </section>
      </main>`;
  }

  private renderCollectives() {
    const load = this.load;
    if (load.status === 'loading') return html`<p class="status muted" data-testid="collectives-loading">${t('loading')}</p>`;
    if (load.status === 'error') {
      return html`<div class="status" role="alert" data-testid="collectives-error">
        <p>${t('loadFailed')} <span class="muted">(${load.code})</span></p>
        <button class="primary" data-testid="collectives-retry" @click=${() => this.fetchCollectives()}>${t('retry')}</button>
      </div>`;
    }
    if (load.collectives.length === 0) return html`<p class="status muted" data-testid="collectives-empty">${t('empty')}</p>`;
    return html`<ul data-testid="collectives">
      ${load.collectives.map((c) => {
        const logo = c.logoUrl ?? c.logo;
        return html`<li>
          <a class="card" href="/${encodeURIComponent(c.slug)}/" data-testid="collective-${c.slug}">
            ${logo ? html`<img class="logo" src=${logo} alt="" loading="lazy" />` : html`<span class="logo" aria-hidden="true">${c.name.slice(0, 1)}</span>`}
            <div>
              <div class="name">${c.name}</div>
              ${c.description ? html`<p class="description">${c.description}</p>` : nothing}
              <span class="link">${t('visit')} →</span>
            </div>
          </a>
        </li>`;
      })}
    </ul>`;
  }

  private async fetchCollectives(): Promise<void> {
    this.load = { status: 'loading' };
    try {
      // The API answers {collectives: [...]}; a bare array is accepted too.
      const data = await api<{ collectives: CollectiveSummary[] } | CollectiveSummary[]>('/api/collectives');
      const collectives = Array.isArray(data) ? data : (data?.collectives ?? []);
      this.load = { status: 'ready', collectives };
    } catch (err) {
      this.load = { status: 'error', code: err instanceof ApiError ? err.code : 'NETWORK' };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'home-app': HomeApp;
  }
}
