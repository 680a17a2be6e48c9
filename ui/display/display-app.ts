// The public balance screen (a TV at the bar, or a phone). Idle: "Tap your Pass" in both
// languages. A card UID comes from the NFC bridge of this device (ws://127.0.0.1:7777) or is
// typed; the /display socket answers the card's balances and rights, pushes balance changes
// while the card is shown, and the screen clears after `clearAfterMs`.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import '../shared/lang-switch.js';
import { SocketController } from '../shared/socket-controller.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { NfcController } from '../laboutik/nfc-controller.js';
import './card-view.js';
import { displayStyles } from './display-styles.js';
import { errorText, inOtherLang, t } from './messages.js';
import { changedAssets, errorOutcome, tapOutcome, typedUid, type BalanceLine, type ShownCard, type TapAck } from './tap.js';

type Screen = { kind: 'idle' } | { kind: 'reading' } | { kind: 'shown'; card: ShownCard; totalSeconds: number } | { kind: 'error'; code: string; clearAt: number };

const tapTimeoutMs = 6_000;
const tickMs = 250;

@customElement('display-app')
export class DisplayApp extends LitElement {
  @state() private screen: Screen = { kind: 'idle' };
  @state() private now = Date.now();
  @state() private changed: string[] = [];
  @state() private updates = 0;
  @state() private typedError = '';
  private readonly nfc = new NfcController(this);
  private readonly socket = new SocketController(this, { namespace: '/display', autoOpen: true, onConnect: () => this.resumeShownCard() });
  /** The card on screen: after a reconnection the server must be told again to push its changes. */
  private shownUid = '';
  private handledTapSeq = 0;
  /** Answers to an older tap than the latest are dropped. */
  private tapSeq = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;

  static override styles = [baseStyles, buttonStyles, displayStyles];

  constructor() {
    super();
    new LanguageController(this);
    this.socket.on('balance', (event: { balances: BalanceLine[]; at: number }) => this.onBalance(event));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTicker();
  }

  override willUpdate(): void {
    const tap = this.nfc.lastTap;
    if (tap && tap.seq > this.handledTapSeq) {
      this.handledTapSeq = tap.seq;
      void this.tap(tap.uid);
    }
  }

  override render() {
    return html`<main class="screen-${this.screen.kind}" data-screen=${this.screen.kind}>${this.body()}</main>
      <footer>
        <div class="pills">
          <span class="pill ${this.nfc.status === 'ready' ? 'ok' : ''}" data-testid="reader-status" data-state=${this.nfc.status}>${t(`reader.${this.nfc.status}`)}</span>
          <span class="pill ${this.socket.status === 'connected' ? 'ok' : 'bad'}" data-testid="server-status" data-state=${this.socket.status}>${this.serverText()}</span>
        </div>
        <form class="typed" @submit=${this.submitTyped} novalidate>
          <label for="uid">${t('typed.label')}</label>
          <div class="row">
            <input id="uid" name="uid" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder=${t('typed.placeholder')} data-testid="uid-input" />
            <button class="show" type="submit" data-testid="uid-submit">${t('typed.submit')}</button>
          </div>
          ${this.typedError ? html`<p class="typed-error" role="alert" data-testid="uid-error">${this.typedError}</p>` : nothing}
        </form>
        <lang-switch></lang-switch>
      </footer>`;
  }

  private body() {
    const s = this.screen;
    switch (s.kind) {
      case 'idle': {
        const other = inOtherLang('tap');
        return html`<div class="idle" data-testid="idle">
          ${tapArt()}
          <h1>${t('tap')}</h1>
          <p class="other" lang=${other.lang}>${other.text}</p>
          <p class="hint">${t('tapHint')}</p>
        </div>`;
      }
      case 'reading':
        return html`<div class="idle" data-testid="reading"><div class="spinner" aria-hidden="true"></div><p class="hint">${t('reading')}</p></div>`;
      case 'shown':
        return html`<display-card-view
            data-testid="card"
            .card=${s.card}
            .changed=${this.changed}
            updates=${this.updates}
            secondsLeft=${this.secondsLeft(s.card.clearAt)}
            totalSeconds=${s.totalSeconds}
          ></display-card-view>
          <button class="close ghost" type="button" @click=${() => this.clear()} data-testid="close">${t('close')} ✕</button>`;
      case 'error': {
        const text = errorText(s.code);
        return html`<div class="error" role="alert" data-testid="error" data-code=${s.code}>
          <svg viewBox="0 0 24 24" width="96" height="96" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
            <circle cx="12" cy="12" r="10"></circle>
            <path d=${s.code === 'RATE_LIMITED' ? 'M12 6v6l4 2' : 'm15 9-6 6M9 9l6 6'}></path>
          </svg>
          <h1>${text.title}</h1>
          <p>${text.hint}</p>
        </div>`;
      }
    }
  }

  /** Sends a tap and shows what comes back; a newer tap wins over an older answer. */
  private async tap(rawUid: string): Promise<void> {
    const seq = ++this.tapSeq;
    this.typedError = '';
    if (!this.socket.connected) return this.showOutcome(errorOutcome('OFFLINE', Date.now()));
    if (this.screen.kind !== 'shown') this.screen = { kind: 'reading' };
    let ack: TapAck;
    try {
      ack = await this.socket.request<TapAck>('tap', { cardUid: rawUid }, tapTimeoutMs);
    } catch {
      ack = { ok: false, code: 'OFFLINE' };
    }
    if (seq !== this.tapSeq) return;
    this.shownUid = ack.ok ? rawUid : '';
    this.showOutcome(tapOutcome(ack, Date.now()));
  }

  /** Reconnected while a card is shown: tap it again server-side, keep the screen's countdown. */
  private async resumeShownCard(): Promise<void> {
    const s = this.screen;
    if (s.kind !== 'shown' || !this.shownUid) return;
    const ack = await this.socket.request<TapAck>('tap', { cardUid: this.shownUid }, tapTimeoutMs).catch(() => null);
    const now = this.screen;
    if (ack?.ok && now.kind === 'shown' && now.card.number === ack.card.number && changedAssets(now.card.balances, ack.balances).length) this.onBalance({ balances: ack.balances });
  }

  private showOutcome(outcome: ReturnType<typeof tapOutcome>): void {
    this.changed = [];
    this.updates = 0;
    if (outcome.kind === 'shown') this.screen = { kind: 'shown', card: outcome.card, totalSeconds: this.secondsLeft(outcome.card.clearAt) };
    else this.screen = { kind: 'error', code: outcome.code, clearAt: outcome.clearAt };
    this.startTicker();
  }

  private onBalance(event: { balances: BalanceLine[] }): void {
    const s = this.screen;
    if (s.kind !== 'shown' || !Array.isArray(event?.balances)) return;
    this.changed = changedAssets(s.card.balances, event.balances);
    this.updates++;
    this.screen = { ...s, card: { ...s.card, balances: event.balances } };
  }

  private submitTyped(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('uid') as HTMLInputElement;
    const uid = typedUid(input.value);
    if (!uid) {
      this.typedError = t('typed.invalid');
      return;
    }
    input.value = '';
    input.blur(); // a phone's keyboard would hide the balances
    void this.tap(uid);
  }

  private startTicker(): void {
    this.now = Date.now();
    this.ticker ??= setInterval(() => {
      this.now = Date.now();
      const s = this.screen;
      const clearAt = s.kind === 'shown' ? s.card.clearAt : s.kind === 'error' ? s.clearAt : 0;
      if (clearAt && this.now >= clearAt) this.clear();
    }, tickMs);
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private clear(): void {
    this.stopTicker();
    this.tapSeq++; // an answer still on its way no longer matters
    this.shownUid = '';
    this.changed = [];
    this.updates = 0;
    this.screen = { kind: 'idle' };
  }

  private secondsLeft(clearAt: number): number {
    return Math.max(0, Math.ceil((clearAt - this.now) / 1000));
  }

  private serverText(): string {
    const status = this.socket.status;
    if (status === 'connected') return t('server.connected');
    if (status === 'reconnecting') return t('server.reconnecting');
    if (status === 'connecting') return t('server.connecting');
    return t('server.offline');
  }
}

/** A Pass card with contactless waves, drawn inline (no image to load on a kiosk). */
function tapArt() {
  return html`<svg class="art" viewBox="0 0 220 150" aria-hidden="true">
    <rect x="20" y="30" width="130" height="86" rx="10" fill="#fff" opacity="0.95"></rect>
    <rect x="34" y="48" width="28" height="20" rx="3" fill="#f2c14e"></rect>
    <rect x="34" y="88" width="70" height="8" rx="4" fill="#0a4fbf" opacity="0.5"></rect>
    <text x="128" y="108" font-size="14" font-weight="800" fill="#0a4fbf" text-anchor="end" font-family="system-ui, sans-serif">PASS</text>
    <g fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round">
      <path class="wave w1" d="M166 58a26 26 0 0 1 0 34"></path>
      <path class="wave w2" d="M180 44a46 46 0 0 1 0 62"></path>
      <path class="wave w3" d="M194 30a66 66 0 0 1 0 90"></path>
    </g>
  </svg>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'display-app': DisplayApp;
  }
}
