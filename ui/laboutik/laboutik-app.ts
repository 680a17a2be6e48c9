// LaBoutik, the terminal app. Unpaired → pairing screen; paired → the `/terminal` socket with
// the token, the POS catalog, and the tabs (sale, top-up, balance, last sales, settings).
// The app owns the session, the socket, the NFC bridge, the outbox of money commands and the
// record of recent sales; screens get what they need as properties and send events up.
import type { DeskCall } from './card-desk.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { LanguageController } from '../shared/i18n.js';
import { isCents } from '../shared/money.js';
import '../shared/lang-switch.js';
import { SocketController } from '../shared/socket-controller.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { appStyles } from './app-styles.js';
import './balance-screen.js';
import './close-register-screen.js';
import { balanceIcon, historyIcon, saleIcon, settingsIcon, topupIcon } from './icons.js';
import { failureReason, t } from './messages.js';
import { defaultCommandTimeoutMs, MoneyCommands } from './money-commands.js';
import { NfcController } from './nfc-controller.js';
import { Journal } from './offline/journal.js';
import { OfflineDesk } from './offline/offline-desk.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import './pairing-screen.js';
import type { PairedEvent, PairingNotice } from './pairing-screen.js';
import { serverEvents, unauthorized, type Ack, type BalanceAnswer, type BalanceLine, type Catalog, type CloseRegisterAnswer, type CloseRegisterCall, type RefundAnswer, type RegisterStatus, type SaleAnswer } from './protocol.js';
import './register-state.js';
import type { RegisterCall } from './register-state.js';
import { RecentSales } from './recent-sales.js';
import './sale-screen.js';
import type { SaleContext } from './sale-screen.js';
import './sales-screen.js';
import { deviceStorage, forgetSession, lastTerminalName, loadSession, saveSession, storageKeys, type TerminalSession } from './session.js';
import './settings-screen.js';
import './topup-screen.js';

type Tab = 'sale' | 'topup' | 'balance' | 'sales' | 'settings';
type CatalogState = { status: 'idle' | 'loading'; catalog?: Catalog } | { status: 'ready'; catalog: Catalog } | { status: 'error'; code: string; message: string; catalog?: Catalog };

const tabs: ReadonlyArray<{ tab: Tab; icon: () => unknown }> = [
  { tab: 'sale', icon: () => saleIcon(24) },
  { tab: 'topup', icon: () => topupIcon(24) },
  { tab: 'balance', icon: () => balanceIcon(24) },
  { tab: 'sales', icon: () => historyIcon(24) },
  { tab: 'settings', icon: () => settingsIcon(24) },
];
const queryTimeoutMs = 8_000;
/** Writing a Z reads the whole day: give it longer than a query. */
const closeRegisterTimeoutMs = 20_000;

@customElement('laboutik-app')
export class LaboutikApp extends LitElement {
  @state() private session: TerminalSession | null = null;
  @state() private notice: PairingNotice = '';
  @state() private catalog: CatalogState = { status: 'idle' };
  @state() private tab: Tab = 'sale';
  /** Card taps up to this one happened before the current tab was shown. */
  @state() private tapArmedSeq = 0;
  /** The settings tab shows the register close flow instead of the settings. */
  @state() private closingRegister = false;
  /** Bumped when a sale or a close may have changed the register's state: its banner reads it again. */
  @state() private registerSeq = 0;
  private readonly storage = deviceStorage();
  private readonly nfc = new NfcController(this);
  private readonly socket = new SocketController(this, {
    namespace: '/terminal',
    onConnect: () => this.onConnect(),
    onRefused: (message) => this.onRefused(message),
  });
  private commands: MoneyCommands | undefined;
  @state() private desk: OfflineDesk | undefined;
  private recentSales: RecentSales | undefined;
  private unsubscribe: Array<() => void> = [];

  static override styles = [baseStyles, buttonStyles, appStyles];

  constructor() {
    super();
    new LanguageController(this);
    this.socket.on(serverEvents.catalogChanged, () => void this.loadCatalog());
    this.socket.on(serverEvents.revoked, () => this.endSession('revoked'));
    this.socket.on(serverEvents.blocklistChanged, (change) => this.desk?.noteBlocklist(change));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The offline shell (gateways/http/laboutik-shell.ts): a reload with no network still opens the till.
    void navigator.serviceWorker?.register('/laboutik/sw.js', { scope: '/laboutik/' }).catch(() => undefined);
    const session = loadSession(this.storage);
    if (session) this.startSession(session);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening();
  }

  override render() {
    if (!this.session) {
      return html`<lb-pairing-screen notice=${this.notice} defaultName=${lastTerminalName(this.storage)} @paired=${this.onPaired}></lb-pairing-screen>`;
    }
    return html`${this.renderHeader()}
      <main>
        ${this.renderBanner()}
        ${tabs.map(({ tab }) =>
          // The sale screen stays mounted so a cart survives a look at another tab; the others
          // start afresh each time (and their elements exist only while shown).
          tab === 'sale' || this.tab === tab
            ? html`<div class="screen ${tab}" ?hidden=${this.tab !== tab} data-testid="screen-${tab}">${this.renderScreen(tab)}</div>`
            : nothing,
        )}
      </main>
      <nav aria-label=${t('nav.label')}>
        ${tabs.map(
          ({ tab, icon }) =>
            html`<button data-testid="tab-${tab}" aria-current=${this.tab === tab ? 'page' : 'false'} @click=${() => this.showTab(tab)}>${icon()}<span>${t(`nav.${tab}`)}</span></button>`,
        )}
      </nav>`;
  }

  private renderHeader() {
    const status = this.socket.status;
    const tone = status === 'connected' ? 'ok' : status === 'refused' ? 'bad' : 'warn';
    const pending = this.commands?.outbox.size ?? 0;
    return html`<header>
      <div class="pos">
        <strong data-testid="pos-name">${this.catalog.catalog?.pos.name ?? 'LaBoutik'}</strong>
        <span>${this.session?.name}</span>
      </div>
      ${this.desk?.unsyncedCount
        ? html`<span class="pill count warn" data-testid="offline-count" data-count=${this.desk.unsyncedCount}>${this.desk.unsyncedCount}<span class="label">&nbsp;${t('header.offline')}</span></span>`
        : nothing}
      ${pending
        ? html`<button class="pill count" data-testid="outbox-count" title=${t('sales.pendingHint')} @click=${() => this.showTab('sales')}>
            ${pending}<span class="label">&nbsp;${t('header.pending')}</span>
          </button>`
        : nothing}
      <span class="pill ${this.nfc.status === 'ready' ? 'ok' : 'warn'}" data-testid="nfc-pill" title=${t(`nfcShort.${this.nfc.status}`)}><span class="label">NFC</span></span>
      <span class="pill ${tone}" data-testid="connection-status" data-status=${status} role="status"><span class="label">${t(`connection.${status}`)}</span></span>
      <lang-switch></lang-switch>
    </header>`;
  }

  private renderBanner() {
    const status = this.socket.status;
    if (status === 'refused') {
      return html`<div class="banner error" role="alert" data-testid="connection-banner">
        <span>${t('connection.refusedText', { reason: this.socket.lastError })}</span>
        <button data-testid="reconnect" @click=${() => this.session && this.socket.open({ token: this.session.token })}>${t('connection.retry')}</button>
      </div>`;
    }
    if (status === 'connecting') return html`<div class="banner" role="status" data-testid="connection-banner">${t('connection.connectingText')}</div>`;
    if (status !== 'connected') return html`<div class="banner" role="status" data-testid="connection-banner">${t('connection.offlineText')}</div>`;
    if (this.catalog.status === 'error') {
      return html`<div class="banner error" role="alert" data-testid="catalog-error">
        <span>${t('catalog.failed', { reason: failureReason({ code: this.catalog.code, message: this.catalog.message }) })}</span>
        <button data-testid="catalog-retry" @click=${() => this.loadCatalog()}>${t('connection.retry')}</button>
      </div>`;
    }
    return nothing;
  }

  private renderScreen(tab: Tab) {
    const active = this.tab === tab;
    // Only the screen on display hears card taps, and only taps made since it was shown.
    const tap = active && this.nfc.lastTap && this.nfc.lastTap.seq > this.tapArmedSeq ? this.nfc.lastTap : undefined;
    const nfcStatus = this.nfc.status;
    switch (tab) {
      case 'sale':
        if (!this.catalog.catalog) return html`<p class="status muted" data-testid="catalog-loading">${t('catalog.loading')}</p>`;
        return html`${keyed(this.registerSeq, html`<lb-register-state compact .request=${this.registerCall}></lb-register-state>`)}<lb-sale-screen .catalog=${this.catalog.catalog} .commands=${this.commands} .desk=${this.desk} .tap=${tap} nfcStatus=${nfcStatus}></lb-sale-screen>`;
      case 'topup':
        return html`<lb-topup-screen .commands=${this.commands} .lookup=${this.lookup} .tap=${tap} nfcStatus=${nfcStatus}></lb-topup-screen>`;
      case 'balance':
        return html`<lb-balance-screen .lookup=${this.lookup} .desk=${this.cardDesk} .tap=${tap} nfcStatus=${nfcStatus}></lb-balance-screen>`;
      case 'sales':
        return html`<lb-sales-screen .sales=${this.recentSales?.list() ?? []} .pending=${this.commands?.outbox.list() ?? []} .commands=${this.commands}></lb-sales-screen>`;
      case 'settings':
        if (this.closingRegister) {
          return html`<lb-close-register
            .closeRegister=${this.closeRegister}
            posId=${this.session?.posId ?? ''}
            @close-register-exit=${() => {
              this.closingRegister = false;
              this.registerSeq++;
            }}
          ></lb-close-register>`;
        }
        return html`<lb-settings-screen
          .session=${this.session}
          posName=${this.catalog.catalog?.pos.name ?? ''}
          socketStatus=${this.socket.status}
          nfcStatus=${nfcStatus}
          pendingCount=${this.commands?.outbox.size ?? 0}
          .registerCall=${this.registerCall}
          @unpair=${() => this.endSession('unpaired')}
          @reload-catalog=${() => this.loadCatalog()}
          @laboutik-close-register=${this.onCloseRegister}
        ></lb-settings-screen>`;
    }
  }

  private showTab(tab: Tab): void {
    this.tab = tab;
    this.closingRegister = false;
    this.tapArmedSeq = this.nfc.lastTap?.seq ?? 0;
  }

  private onPaired = (e: PairedEvent): void => {
    const session: TerminalSession = { ...e.detail.answer, name: e.detail.name, pairedAtMs: Date.now() };
    saveSession(this.storage, session);
    this.notice = '';
    this.startSession(session);
  };

  private startSession(session: TerminalSession): void {
    this.stopListening();
    this.session = session;
    this.tab = 'sale';
    this.closingRegister = false;
    this.catalog = { status: 'idle', catalog: this.cachedCatalog(session) };
    const commands = new MoneyCommands(this.socket, new Outbox(this.storage, storageKeys.outbox(session.terminalId)), { timeoutMs: defaultCommandTimeoutMs });
    const recentSales = new RecentSales(this.storage, storageKeys.recentSales(session.terminalId));
    this.commands = commands;
    this.recentSales = recentSales;
    // Every final answer is recorded here, whichever screen (or reconnect) sent the command.
    this.unsubscribe = [commands.onSettled((entry, ack) => this.record(recentSales, entry, ack)), commands.onChange(() => this.requestUpdate())];
    this.desk = undefined;
    void this.openDesk(session);
    this.socket.open({ token: session.token });
  }

  private cachedCatalog(session: TerminalSession): Catalog | undefined {
    try {
      const cached = JSON.parse(this.storage.getItem(storageKeys.catalog(session.terminalId)) ?? 'null') as Catalog | null;
      return cached && Array.isArray(cached.products) ? cached : undefined;
    } catch {
      return undefined;
    }
  }

  /** The offline journal (IndexedDB) of this pairing; the sale screen sells without it until it is open. */
  private async openDesk(session: TerminalSession): Promise<void> {
    const journal = await Journal.open(session.terminalId);
    if (this.session !== session) return journal.close();
    const recentSales = this.recentSales;
    const desk = new OfflineDesk(this.socket, journal, this.storage, session, () => this.catalog.catalog?.pos.collectiveId, {
      // A synced offline sale joins the last sales (refundable) with the number the server gave it.
      onSynced: (e) => recentSales?.record({ saleId: e.txId, number: e.number ?? 0, total: e.total, atMs: e.atMs, lines: e.context.lines, methods: e.context.methods, refunds: {} }),
    });
    await desk.start();
    this.unsubscribe.push(desk.onChange(() => this.requestUpdate()), () => journal.close());
    this.desk = desk;
    if (this.socket.connected) void this.syncOffline();
  }

  /** The journal goes first (older sales), then what waits in the outbox. */
  private async syncOffline(): Promise<void> {
    await this.desk?.refreshState();
    await this.desk?.sync();
    await this.commands?.resendPending();
  }

  private endSession(notice: PairingNotice): void {
    this.stopListening();
    this.socket.close();
    forgetSession(this.storage);
    this.commands = undefined;
    this.desk = undefined;
    this.recentSales = undefined;
    this.session = null;
    this.notice = notice;
    this.catalog = { status: 'idle' };
  }

  private stopListening(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  private onConnect(): void {
    void this.loadCatalog();
    void this.syncOffline();
  }

  private onRefused(message: string): void {
    if (message === unauthorized) this.endSession('unauthorized');
  }

  private async loadCatalog(): Promise<void> {
    const previous = this.catalog.catalog;
    this.catalog = { status: 'loading', catalog: previous };
    try {
      const ack = await this.socket.request<Ack<Catalog>>('catalog', {}, queryTimeoutMs);
      this.catalog = ack.ok ? { status: 'ready', catalog: ack } : { status: 'error', code: ack.code, message: ack.message, catalog: previous };
      if (ack.ok && this.session) this.storage.setItem(storageKeys.catalog(this.session.terminalId), JSON.stringify(ack));
    } catch {
      if (this.socket.connected) this.catalog = { status: 'error', code: 'TIMEOUT', message: '', catalog: previous };
      else this.catalog = { status: 'idle', catalog: previous }; // reloaded on reconnect
    }
  }

  /** The terminal closes its register itself (`closeRegister`, an extension of protocol v1). */
  private onCloseRegister = (e: Event): void => {
    e.preventDefault();
    this.closingRegister = true;
  };

  /** Offline sales are synced first, so today's Z counts them; any still unsynced go to the next Z. */
  private closeRegister: CloseRegisterCall = async (command) => {
    await this.desk?.sync();
    return this.socket.request<Ack<CloseRegisterAnswer>>('closeRegister', command, closeRegisterTimeoutMs);
  };

  private registerCall: RegisterCall = (command, payload) => this.socket.request<Ack<RegisterStatus>>(command, payload, queryTimeoutMs);
  /** The card desk's commands on the balance screen (cash-out, block; ui/laboutik/card-desk.ts). */
  private cardDesk: DeskCall = (command, payload) => this.socket.request(command, payload, queryTimeoutMs);

  private lookup = async (cardUid: string): Promise<Ack<BalanceAnswer>> => {
    const ack = await this.socket.request<Ack<BalanceAnswer>>('balance', { cardUid }, queryTimeoutMs);
    if (ack.ok) this.desk?.noteBalances(cardUid, ack.balances); // what the terminal knows when offline
    return ack;
  };

  private record(recentSales: RecentSales, entry: OutboxEntry, ack: Ack<Record<string, unknown>>): void {
    if (!ack.ok) return;
    this.registerSeq++;
    const cardUid = entry.command === 'topup' ? String(entry.payload.cardUid) : undefined;
    if (cardUid) this.desk?.noteBalances(cardUid, (ack as unknown as { balances?: BalanceLine[] }).balances);
    if (entry.command === 'sale') {
      const sale = ack as unknown as Partial<SaleAnswer>;
      const context = (entry.context ?? {}) as Partial<SaleContext>;
      if (typeof sale.saleId !== 'string') return; // nothing to refund later without its id
      recentSales.record({
        saleId: sale.saleId,
        number: Number.isSafeInteger(sale.number) ? sale.number! : 0,
        total: isCents(sale.total) ? sale.total : (context.total ?? 0),
        atMs: entry.createdAtMs,
        lines: context.lines ?? [],
        methods: context.methods ?? [],
        refunds: {},
      });
    } else if (entry.command === 'refund') {
      recentSales.recordRefund(String(entry.payload.saleId), entry.txId, (ack as unknown as RefundAnswer).refunded);
    }
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'laboutik-app': LaboutikApp;
  }
}
