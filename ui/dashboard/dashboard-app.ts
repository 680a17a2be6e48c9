// The organizer dashboard. Signed out → the login form; an operator picks a collective (a
// collective admin sees their own); then the live board of that collective, pushed over the
// /dashboard socket. The collective shown is kept in the address (?collective=) for reloads.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../shared/api.js';
import { LanguageController } from '../shared/i18n.js';
import '../shared/lang-switch.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { appStyles } from './app-styles.js';
import { LiveBoardController } from './board-controller.js';
import './board-view.js';
import './login-form.js';
import type { SignedInAccount } from './login-form.js';
import { t, timeOf } from './messages.js';

interface CollectiveInfo {
  id: string;
  name: string;
  slug?: string;
  timezone?: string;
}

type Step =
  | { step: 'checking' }
  | { step: 'login' }
  | { step: 'error'; code: string }
  | { step: 'pick'; account: SignedInAccount; collectives: CollectiveInfo[] }
  | { step: 'board'; account: SignedInAccount; collectives: CollectiveInfo[]; collective: CollectiveInfo & { timezone: string } };

const minuteTickMs = 15_000;

@customElement('dashboard-app')
export class DashboardApp extends LitElement {
  @state() private view: Step = { step: 'checking' };
  @state() private now = Date.now();
  @state() private posNames: Record<string, string> = {};
  private readonly live = new LiveBoardController(this, () => void this.signedOut());
  private posNamesAskedFor = new Set<string>();
  private ticker: ReturnType<typeof setInterval> | undefined;

  static override styles = [baseStyles, buttonStyles, formStyles, appStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => (this.now = Date.now()), minuteTickMs);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  override render() {
    return html`<header>
        <h1>
          <a href="/" title=${t('home')}>Pass</a> · ${t('title')}
          ${this.view.step === 'board' ? html`<span class="collective" data-testid="collective-name">· ${this.view.collective.name}</span>` : nothing}
        </h1>
        ${this.view.step === 'board' && this.view.collectives.length > 1 ? this.collectiveSelect(this.view.collectives, this.view.collective.id) : nothing}
        ${this.view.step === 'board' ? this.statusLine() : nothing}
        <lang-switch></lang-switch>
        ${this.view.step === 'board' || this.view.step === 'pick' ? html`<button type="button" data-testid="sign-out" @click=${this.signOut}>${t('signOut')}</button>` : nothing}
      </header>
      <main>${this.body()}</main>`;
  }

  override updated(): void {
    this.askForUnknownPosNames();
  }

  private body() {
    const v = this.view;
    switch (v.step) {
      case 'checking':
        return html`<p class="center muted">${t('loading')}</p>`;
      case 'login':
        return html`<dash-login-form @signed-in=${(e: CustomEvent<SignedInAccount>) => this.signedIn(e.detail)}></dash-login-form>`;
      case 'error':
        return html`<div class="center" role="alert">
          <p>${t('status.failed', { code: v.code })}</p>
          <button class="primary" @click=${() => this.start()}>${t('retry')}</button>
        </div>`;
      case 'pick':
        return html`<div class="center">
          <h2>${t('pick.title')}</h2>
          ${v.collectives.length ? html`<label for="pick">${t('pick.label')}</label>${this.collectiveSelect(v.collectives, '', 'pick')}` : html`<p class="muted">${t('pick.none')}</p>`}
        </div>`;
      case 'board':
        return this.boardBody(v.collective);
    }
  }

  private boardBody(collective: CollectiveInfo & { timezone: string }) {
    const feed = this.live.feed;
    if (feed?.status.state === 'error') {
      return html`<div class="center" role="alert" data-testid="board-error">
        <p>${t('status.failed', { code: feed.status.code })}</p>
        <button class="primary" @click=${() => feed.subscribe()}>${t('retry')}</button>
      </div>`;
    }
    if (!feed?.board) return html`<p class="center muted" data-testid="board-loading">${t('loading')}</p>`;
    return html`<dash-board-view
      data-testid="board"
      data-version=${feed.board.version}
      .board=${feed.board}
      version=${feed.board.version}
      .openRegisters=${feed.openRegisters}
      .posNames=${this.posNames}
      .currencies=${feed.currencies}
      timezone=${collective.timezone}
      now=${this.now}
    ></dash-board-view>`;
  }

  private collectiveSelect(collectives: CollectiveInfo[], selected: string, id = 'switch') {
    return html`<select id=${id} data-testid="collective-select" aria-label=${t('pick.label')} @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
      ${selected ? nothing : html`<option value="" selected disabled>—</option>`}
      ${collectives.map((c) => html`<option value=${c.id} ?selected=${c.id === selected}>${c.name}</option>`)}
    </select>`;
  }

  private statusLine() {
    const socket = this.live.socket.status;
    const feed = this.live.feed?.status.state;
    const [cls, text] =
      socket === 'connected' && feed === 'live'
        ? ['live', t('status.live')]
        : socket === 'reconnecting'
          ? ['down', t('status.reconnecting')]
          : socket === 'refused'
            ? ['down', t('status.refused')]
            : feed === 'error'
              ? ['down', t('status.error')]
              : ['', socket === 'connected' ? t('status.subscribing') : t('status.connecting')];
    const updated = this.live.changedAt ? t('status.updated', { time: timeOf(this.live.changedAt) }) : '';
    return html`<span class="status ${cls}" data-testid="live-status" data-state=${cls || 'pending'} title=${updated}>${text}</span>`;
  }

  /** Who is signed in, then which collective to show. */
  private async start(): Promise<void> {
    this.view = { step: 'checking' };
    try {
      const { account } = await api<{ account: SignedInAccount }>('/api/auth/me');
      await this.signedIn(account);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.view = { step: 'login' };
      else this.view = { step: 'error', code: err instanceof ApiError ? err.code : 'NETWORK' };
    }
  }

  private async signedIn(account: SignedInAccount): Promise<void> {
    try {
      const { collectives } = await api<{ collectives: CollectiveInfo[] }>('/api/collectives');
      const mine = account.collectiveId ? collectives.filter((c) => c.id === account.collectiveId) : collectives;
      const wanted = new URLSearchParams(location.search).get('collective');
      const chosen = mine.find((c) => c.id === wanted) ?? (mine.length === 1 ? mine[0] : undefined);
      if (!chosen) return void (this.view = { step: 'pick', account, collectives: mine });
      await this.show(account, mine, chosen.id);
    } catch (err) {
      this.view = { step: 'error', code: err instanceof ApiError ? err.code : 'NETWORK' };
    }
  }

  private async choose(collectiveId: string): Promise<void> {
    const v = this.view;
    if ((v.step === 'pick' || v.step === 'board') && collectiveId) await this.show(v.account, v.collectives, collectiveId);
  }

  private async show(account: SignedInAccount, collectives: CollectiveInfo[], collectiveId: string): Promise<void> {
    const { collective } = await api<{ collective: CollectiveInfo }>(`/api/collectives/${encodeURIComponent(collectiveId)}`);
    const url = new URL(location.href);
    url.searchParams.set('collective', collective.id);
    history.replaceState(history.state, '', url);
    this.posNames = {};
    this.posNamesAskedFor = new Set();
    this.view = { step: 'board', account, collectives, collective: { ...collective, timezone: collective.timezone ?? 'Europe/Paris' } };
    this.live.follow(collective.id, collective.timezone ?? 'Europe/Paris');
    void this.loadPosNames(collective.id);
  }

  /** A POS created after the page loaded shows up in a delta: learn its name once. */
  private askForUnknownPosNames(): void {
    const board = this.live.feed?.board;
    if (this.view.step !== 'board' || !board) return;
    const unknown = Object.keys(board.byPos).filter((id) => !(id in this.posNames) && !this.posNamesAskedFor.has(id));
    if (!unknown.length) return;
    unknown.forEach((id) => this.posNamesAskedFor.add(id));
    void this.loadPosNames(this.view.collective.id);
  }

  private async loadPosNames(collectiveId: string): Promise<void> {
    try {
      const { pointsOfSale } = await api<{ pointsOfSale: Array<{ id: string; name: string }> }>(`/api/collectives/${encodeURIComponent(collectiveId)}/pos`);
      if (this.view.step === 'board' && this.view.collective.id === collectiveId) this.posNames = Object.fromEntries(pointsOfSale.map((p) => [p.id, p.name]));
    } catch {
      // Names are a comfort: the board shows POS ids until the next try.
    }
  }

  private async signOut(): Promise<void> {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    this.signedOut();
  }

  private signedOut(): void {
    this.live.stop();
    this.view = { step: 'login' };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-app': DashboardApp;
  }
}
