// The admin panel. Signed out → the sign-in form. Signed in → who it is, the menu and the
// section the address names (route.ts). A collective admin administers their own collective;
// an operator picks one (kept in ?collective= for reloads) and also has the operations tools.
import { setCollectiveTimeZone } from './time-zone.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../shared/api.js';
import { LanguageController } from '../shared/i18n.js';
import '../shared/lang-switch.js';
import { shellStyles } from '../shared/shell-styles.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import './admin-login.js';
import './admin-nav.js';
import './admin-section.js';
import type { Account, CollectiveSummary } from './api-types.js';
import { sessionEndedEvent } from './loader.js';
import { errorText, t } from './messages.js';
import { hrefOf, navigate, navigateEvent, parseRoute, type Route } from './route.js';

type Session =
  | { status: 'checking' }
  | { status: 'login' }
  | { status: 'error'; code: string; message: string }
  | { status: 'ready'; account: Account; collectives: CollectiveSummary[] };

@customElement('admin-app')
export class AdminApp extends LitElement {
  @state() private session: Session = { status: 'checking' };
  @state() private route: Route = parseRoute(location.pathname, location.search);

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    shellStyles,
    css`
      h1 {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 var(--pass-space-2);
      }
      h1 .collective {
        opacity: 0.9;
      }
      header select {
        max-width: 220px;
      }
      .who {
        font-size: 0.9rem;
        line-height: 1.2;
        text-align: right;
      }
      .who .role {
        display: block;
        opacity: 0.75;
        font-size: 0.8rem;
      }
      .layout {
        display: grid;
        grid-template-columns: 240px minmax(0, 1fr);
        gap: var(--pass-space-5);
        max-width: 1400px;
        margin: 0 auto;
        padding: var(--pass-space-4);
      }
      admin-nav {
        position: sticky;
        top: var(--pass-space-4);
        align-self: start;
      }
      .center {
        max-width: 520px;
      }
      .center h2 {
        margin-bottom: var(--pass-space-3);
      }
      .center ul {
        padding-left: var(--pass-space-5);
      }
      @media (max-width: 860px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
          gap: var(--pass-space-3);
          padding: var(--pass-space-3) var(--pass-space-2);
        }
        admin-nav {
          position: static;
          background: var(--pass-surface);
          border-radius: var(--pass-radius);
          box-shadow: var(--pass-shadow);
          padding: var(--pass-space-2);
        }
      }
      @media (max-width: 560px) {
        .who {
          text-align: left;
          margin-right: auto;
        }
      }
    `,
  ];

  private readonly onRoute = () => {
    this.route = parseRoute(location.pathname, location.search);
  };

  private readonly onSessionEnded = () => {
    if (this.session.status === 'ready') this.session = { status: 'login' };
  };

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onRoute);
    window.addEventListener(navigateEvent, this.onRoute);
    window.addEventListener(sessionEndedEvent, this.onSessionEnded);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onRoute);
    window.removeEventListener(navigateEvent, this.onRoute);
    window.removeEventListener(sessionEndedEvent, this.onSessionEnded);
  }

  override render() {
    const s = this.session;
    const collective = s.status === 'ready' ? this.currentCollective(s) : undefined;
    return html`<header>
        <h1>
          <a href="/" title=${t('home')}>Pass</a><span>· ${t('title')}</span>
          ${collective ? html`<span class="collective" data-testid="collective-name">· ${collective.name}</span>` : nothing}
        </h1>
        ${s.status === 'ready' && s.account.role === 'operator' && s.collectives.length && (collective || this.route.section.startsWith('ops-'))
          ? this.collectiveSelect(s.collectives, collective?.id ?? '', 'collective-switch')
          : nothing}
        ${s.status === 'ready'
          ? html`<span class="who" data-testid="signed-in-as"
              >${s.account.name || s.account.email}<span class="role">${s.account.role === 'operator' ? t('who.operator') : t('who.admin')} · ${s.account.email}</span></span
            >`
          : nothing}
        <lang-switch></lang-switch>
        ${s.status === 'ready' ? html`<button type="button" data-testid="sign-out" @click=${this.signOut}>${t('signOut')}</button>` : nothing}
      </header>
      ${this.body()}`;
  }

  private body() {
    const s = this.session;
    switch (s.status) {
      // Every screen sits in a <main> landmark (axe: content outside landmarks), sign-in included.
      case 'checking':
        return html`<main><p class="center muted" data-testid="loading">${t('loading')}</p></main>`;
      case 'login':
        return html`<main><admin-login @signed-in=${(e: CustomEvent<Account>) => this.signedIn(e.detail)}></admin-login></main>`;
      case 'error':
        return html`<main class="center" role="alert" data-testid="session-error">
          <p>${errorText(s.code, s.message)}</p>
          <button class="primary" @click=${() => this.start()}>${t('retry')}</button>
        </main>`;
      case 'ready':
        return this.signedInBody(s);
    }
  }

  private signedInBody(s: Extract<Session, { status: 'ready' }>) {
    const operator = s.account.role === 'operator';
    const collective = this.currentCollective(s);
    setCollectiveTimeZone(collective?.timezone); // before the sections render their dates
    const opsSection = this.route.section.startsWith('ops-');
    if (!collective && !(operator && opsSection)) return this.pickScreen(s);
    return html`<div class="layout">
      <admin-nav .route=${this.route} ?operator=${operator} collectiveId=${collective?.id ?? ''}></admin-nav>
      <main>
        <admin-section .route=${this.route} .collectiveId=${collective?.id ?? ''} ?operator=${operator}></admin-section>
      </main>
    </div>`;
  }

  private pickScreen(s: Extract<Session, { status: 'ready' }>) {
    return html`<main class="center" data-testid="pick-collective">
      <h2>${t('pick.title')}</h2>
      <p class="muted">${t('pick.intro')}</p>
      ${s.collectives.length
        ? html`<label for="pick">${t('pick.label')}</label>${this.collectiveSelect(s.collectives, '', 'pick')}`
        : html`<p class="muted">${t('pick.none')}</p>`}
      <p>${t('pick.ops')}</p>
      <ul>
        <li><a href=${hrefOf({ section: 'ops-queues' })} @click=${this.follow}>${t('nav.queues')}</a></li>
        <li><a href=${hrefOf({ section: 'ops-ledger' })} @click=${this.follow}>${t('nav.ledger')}</a></li>
      </ul>
    </main>`;
  }

  private readonly follow = (e: MouseEvent) => {
    e.preventDefault();
    navigate(new URL((e.currentTarget as HTMLAnchorElement).href).pathname);
  };

  private collectiveSelect(collectives: CollectiveSummary[], selected: string, id: string) {
    return html`<select
      id=${id}
      data-testid=${id}
      aria-label=${t('pick.label')}
      @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}
    >
      ${selected ? nothing : html`<option value="" selected disabled>—</option>`}
      ${collectives.map((c) => html`<option value=${c.id} ?selected=${c.id === selected}>${c.name}</option>`)}
    </select>`;
  }

  /** The collective shown: a collective admin's own; for an operator, the one in the address. */
  private currentCollective(s: Extract<Session, { status: 'ready' }>): CollectiveSummary | undefined {
    const id = s.account.role === 'operator' ? this.route.collectiveId : s.account.collectiveId;
    return s.collectives.find((c) => c.id === id);
  }

  private choose(collectiveId: string): void {
    const section = this.route.section.startsWith('ops-') ? 'collective' : this.route.section;
    // Another collective's POS or event makes no sense: back to the section's list.
    navigate(hrefOf({ section, collectiveId }));
  }

  private async start(): Promise<void> {
    this.session = { status: 'checking' };
    try {
      const { account } = await api<{ account: Account }>('/api/auth/me');
      await this.signedIn(account);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.session = { status: 'login' };
      else this.session = { status: 'error', code: err instanceof ApiError ? err.code : 'NETWORK', message: err instanceof Error ? err.message : '' };
    }
  }

  private async signedIn(account: Account): Promise<void> {
    try {
      const collectives =
        account.role === 'operator'
          ? (await api<{ collectives: CollectiveSummary[] }>('/api/collectives')).collectives
          : account.collectiveId
            ? [(await api<{ collective: CollectiveSummary }>(`/api/collectives/${encodeURIComponent(account.collectiveId)}`)).collective]
            : [];
      this.session = { status: 'ready', account, collectives };
    } catch (err) {
      this.session = { status: 'error', code: err instanceof ApiError ? err.code : 'NETWORK', message: err instanceof Error ? err.message : '' };
    }
  }

  private readonly signOut = async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    this.session = { status: 'login' };
    navigate(hrefOf({ section: 'collective' }), { replace: true });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-app': AdminApp;
  }
}
