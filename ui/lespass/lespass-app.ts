// Lespass: the public site of one collective at /<slug>/ — its description, its agenda and its
// village's, memberships, booking and the visitor's account. This shell loads the collective,
// dresses the page in its colours, follows links inside the site without reloading, and
// shows the page the address names.
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../shared/api.js';
import { getLang, LanguageController, langStorageKey } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import type { Site } from './api-types.js';
import { brandProperties } from './branding.js';
import { siteStyles } from './lespass-styles.js';
import { t } from './messages.js';
import { internalHref, navigate, onNavigate } from './nav.js';
import { parseRoute, type Route } from './route.js';
import { siteApi } from './site-api.js';
import './account-page.js';
import './agenda-view.js';
import './event-page.js';
import './home-page.js';
import './join-page.js';
import './memberships-page.js';
import './site-header.js';

type Load = { status: 'loading' } | { status: 'ready'; site: Site } | { status: 'missing' } | { status: 'error'; error: unknown };

@customElement('lespass-app')
export class LespassApp extends LitElement {
  @state() private route: Route = parseRoute(location.pathname, location.search);
  @state() private load: Load = { status: 'loading' };
  private offNavigate?: () => void;

  static override styles = [
    baseStyles,
    buttonStyles,
    siteStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
        min-height: 100dvh;
      }
      main {
        flex: 1;
        width: 100%;
        max-width: 1080px;
        margin: 0 auto;
        padding: var(--pass-space-4) var(--pass-space-4) var(--pass-space-6);
      }
      footer {
        border-top: 1px solid var(--pass-border);
        background: var(--pass-surface);
        padding: var(--pass-space-4);
        text-align: center;
        color: var(--pass-muted);
        font-size: 0.92rem;
      }
      footer a {
        color: inherit;
      }
      .state {
        max-width: 560px;
        margin: 12vh auto 0;
        text-align: center;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
    this.addEventListener('click', (event) => this.followLink(event));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    keepLanguageOfLink();
    this.offNavigate = onNavigate(() => this.onRoute());
    void this.loadSite();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.offNavigate?.();
  }

  override render() {
    const load = this.load;
    if (load.status === 'loading') return html`<main><p class="state muted" data-testid="site-loading">${t('site.loading')}</p></main>`;
    if (load.status === 'missing') return this.renderMissing();
    if (load.status === 'error') {
      return html`<main class="state" data-testid="site-error">
        <p>${t('site.loadFailed')}</p>
        <button class="primary" @click=${() => this.loadSite()}>${t('site.retry')}</button>
      </main>`;
    }
    const { site } = load;
    return html`<site-header .site=${site} .page=${this.route.page}></site-header>
      <main id="content">${this.renderPage(site)}</main>
      <footer><a href="/">Pass</a> · ${t('site.poweredBy')}</footer>`;
  }

  private renderPage(site: Site) {
    const { route } = this;
    switch (route.page) {
      case 'home':
        return html`<home-page .site=${site}></home-page>`;
      case 'agenda':
        return html`<h1>${t('agenda.title')}</h1>
          <agenda-view .site=${site}></agenda-view>`;
      case 'event':
        return html`<event-page .site=${site} .eventId=${route.id!}></event-page>`;
      case 'memberships':
        return html`<memberships-page .site=${site}></memberships-page>`;
      case 'join':
        return html`<join-page .site=${site} .productId=${route.id!}></join-page>`;
      case 'account':
        return html`<account-page .site=${site} .returnFrom=${route.returnFrom} .loginExpired=${route.loginExpired ?? false}></account-page>`;
      default:
        return html`<div class="state" data-testid="page-not-found">
          <h1>${t('page.notFound')}</h1>
          <p><a href="/${encodeURIComponent(site.collective.slug)}/">${t('page.backHome')}</a></p>
        </div>`;
    }
  }

  private renderMissing() {
    return html`<main class="state" data-testid="site-missing">
      <h1>${t('site.notFound')}</h1>
      <p class="muted">${t('site.notFoundHint')}</p>
      <p><a class="btn primary" href="/">${t('site.allCollectives')}</a></p>
    </main>`;
  }

  private async loadSite(): Promise<void> {
    const slug = this.route.slug;
    this.load = { status: 'loading' };
    try {
      const site = await siteApi.profile(slug);
      this.brand(site);
      this.load = { status: 'ready', site };
    } catch (error) {
      this.load = error instanceof ApiError && error.status === 404 ? { status: 'missing' } : { status: 'error', error };
    }
  }

  private brand(site: Site): void {
    for (const [name, value] of Object.entries(brandProperties(site.collective.colours))) this.style.setProperty(name, value);
    document.title = `${site.collective.name} · Lespass`;
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', site.collective.colours?.primary ?? '#0a4fbf');
  }

  private onRoute(): void {
    const next = parseRoute(location.pathname, location.search);
    const slugChanged = next.slug !== this.route.slug;
    this.route = next;
    if (slugChanged) void this.loadSite();
    window.scrollTo({ top: 0 });
  }

  private followLink(event: MouseEvent): void {
    const href = internalHref(event, this.route.slug);
    if (href === null) return;
    event.preventDefault();
    if (href !== location.pathname + location.search + location.hash) navigate(href);
  }
}

/**
 * A link with ?lang= (shared by the collective, or the admin's preview) sets the language of the
 * whole visit: the payment page and the sign-in link come back without it.
 */
function keepLanguageOfLink(): void {
  if (!new URLSearchParams(location.search).has('lang')) return;
  try {
    localStorage.setItem(langStorageKey, getLang());
  } catch {
    // storage disabled: the browser's language applies on the way back
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lespass-app': LespassApp;
  }
}
