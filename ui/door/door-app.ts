// The door on a volunteer's phone (/door/). Paired once with a 6-digit code (the admin creates
// the phone for some events); then: pick the event, point the camera at tickets. Each scan goes
// to the server (a ticket enters once: POST /api/door/scans, see core/door/door.ts); when the
// server cannot be reached the phone checks its own signed list (offline-list.ts), lets the
// person in, and sends the scan later, when the server reports a double entry if another door
// let the same ticket in meanwhile.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../shared/api.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import '../shared/lang-switch.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { DoorApi, newScanId, type DoorMe, type EventCount } from './door-api.js';
import { doorStyles } from './door-styles.js';
import { feedback } from './feedback.js';
import { refusalText, t } from './messages.js';
import { checkLocally, normaliseShortCode, OfflineStore, sha256Hex } from './offline-list.js';
import './door-camera.js';
import type { DoorCamera } from './door-camera.js';

type Screen = 'loading' | 'pair' | 'events' | 'scan';
interface Shown {
  ok: boolean;
  title: string;
  holder?: string;
  priceName?: string;
  detail?: string;
  seq: number;
}

const tokenKey = 'pass.door.token';
const eventKey = 'pass.door.event';
const syncEveryMs = 3_000;
const listEveryMs = 30_000;

@customElement('door-app')
export class DoorApp extends LitElement {
  @state() private screen: Screen = 'loading';
  @state() private me: DoorMe | null = null;
  @state() private eventId = localStorage.getItem(eventKey) ?? '';
  @state() private shown: Shown | null = null;
  @state() private online = true;
  @state() private count: EventCount | null = null;
  @state() private pending = 0;
  @state() private list: { n: number; issuedAt: number } | null = null;
  @state() private listTampered = false;
  @state() private doublesReported = 0;
  @state() private cameraError = '';
  @state() private pairError = '';
  @state() private busy = false;
  @state() private cameraOn = false;
  private token = localStorage.getItem(tokenKey) ?? '';
  private readonly store = new OfflineStore();
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastListAt = 0;
  private seq = 0;

  static override styles = [baseStyles, buttonStyles, formStyles, doorStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.tick(), syncEveryMs);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override render() {
    return html`<header>
        <h1>${t('title')}</h1>
        <lang-switch></lang-switch>
      </header>
      <main>${this.body()}</main>`;
  }

  private body() {
    switch (this.screen) {
      case 'loading':
        return html`<p class="muted" role="status">…</p>`;
      case 'pair':
        return this.pairForm();
      case 'events':
        return this.eventPicker();
      case 'scan':
        return this.scanScreen();
    }
  }

  private pairForm() {
    return html`<form class="card" @submit=${this.pair}>
      <h2>${t('pair.title')}</h2>
      <p class="muted">${t('pair.hint')}</p>
      <label for="pairing">${t('pair.code')}</label>
      <input id="pairing" name="pairing" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required data-testid="pairing-code" />
      ${this.pairError ? html`<p class="error" role="alert">${this.pairError}</p>` : nothing}
      <button class="primary big" type="submit" ?disabled=${this.busy}>${this.busy ? t('pair.busy') : t('pair.submit')}</button>
    </form>`;
  }

  private eventPicker() {
    const events = this.me?.events ?? [];
    return html`<section class="card">
      <h2>${t('events.title')}</h2>
      <p class="muted">${this.me?.collective.name} · ${this.me?.scanner.name}</p>
      ${events.length ? nothing : html`<p>${t('events.none')}</p>`}
      <ul class="events">
        ${events.map((e) => html`<li><button class="big" @click=${() => this.chooseEvent(e.id)} data-testid="event-choice">${e.title}<span>${this.dateTime(e.startsAt)} · ${e.place}</span></button></li>`)}
      </ul>
      <button class="link" @click=${this.unpair}>${t('pair.forget')}</button>
    </section>`;
  }

  private scanScreen() {
    const event = this.me?.events.find((e) => e.id === this.eventId);
    const pendingHere = this.store.pending().filter((p) => p.eventId === this.eventId).length;
    return html`<section class="event">
        <h2>${event?.title ?? ''}</h2>
        ${this.count
          ? html`<p class="counter" data-testid="door-counter" aria-live="polite">${t('count.entries', { entered: this.count.entered + pendingHere, tickets: this.count.tickets })}${this.count.doubleEntries ? html` · <strong>${t('count.doubles', { n: this.count.doubleEntries })}</strong>` : nothing}</p>`
          : nothing}
        <p class="status ${this.online ? 'on' : 'off'}" data-testid="door-status">
          ${this.online ? t('status.online') : t('status.offline')}${this.pending ? html` · ${t('status.pending', { n: this.pending })}` : nothing}${this.list ? html` · ${t('status.list', { n: this.list.n, time: this.time(this.list.issuedAt) })}` : nothing}
        </p>
        ${this.listTampered ? html`<p class="error" role="alert">${t('status.listBad')}</p>` : nothing}
        ${this.doublesReported ? html`<p class="warning" role="alert" data-testid="doubles-reported">${t('status.doubleReported', { n: this.doublesReported })}</p>` : nothing}
      </section>
      ${this.result()}
      <door-camera ?hidden=${!this.cameraOn} aim=${t('scan.aim')} @qr=${(e: CustomEvent<string>) => void this.check(e.detail)}></door-camera>
      <button class="camera-toggle" @click=${this.toggleCamera} data-testid="camera-toggle">${this.cameraOn ? t('scan.stop') : t('scan.start')}</button>
      ${this.cameraError ? html`<p class="warning" role="alert">${t('scan.noCamera', { reason: this.cameraError })}</p>` : nothing}
      <form class="typed" @submit=${this.checkTyped}>
        <label for="typed">${t('scan.typed')}</label>
        <div class="row">
          <input id="typed" name="typed" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="12" data-testid="typed-code" />
          <button class="primary" type="submit">${t('scan.check')}</button>
        </div>
      </form>
      <button class="link" @click=${this.changeEvent}>${t('scan.change')}</button>`;
  }

  private result() {
    const s = this.shown;
    if (!s) return nothing;
    return html`<div class="result ${s.ok ? 'ok' : 'refused'}" role="alert" data-testid="door-result" data-ok=${String(s.ok)} @click=${() => (this.shown = null)}>
      <p class="verdict">${s.ok ? '✓' : '✕'} ${s.title}</p>
      ${s.holder ? html`<p class="holder" data-testid="door-holder">${s.holder}</p>` : nothing}
      ${s.priceName ? html`<p class="rate">${s.priceName}</p>` : nothing}
      ${s.detail ? html`<p class="detail">${s.detail}</p>` : nothing}
    </div>`;
  }

  // --- pairing and event choice

  private async load(): Promise<void> {
    if (!this.token) return void (this.screen = 'pair');
    try {
      this.me = await new DoorApi(this.token).me();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return this.unpair();
      if (!this.me) this.online = false; // offline at start-up: scan from the kept list
    }
    const known = this.me ? this.me.events.some((e) => e.id === this.eventId) : Boolean(this.eventId);
    if (known) await this.chooseEvent(this.eventId);
    else this.screen = 'events';
  }

  private async pair(e: Event): Promise<void> {
    e.preventDefault();
    const code = (new FormData(e.target as HTMLFormElement).get('pairing') as string).trim();
    this.busy = true;
    this.pairError = '';
    try {
      const { token } = await DoorApi.pair(code);
      this.token = token;
      localStorage.setItem(tokenKey, token);
      await this.load();
    } catch (err) {
      const c = err instanceof ApiError ? err.code : 'OTHER';
      this.pairError = c === 'UNAUTHORIZED' || c === 'RATE_LIMITED' || c === 'NETWORK' ? t(`error.${c}`) : t('error.OTHER', { code: c });
    } finally {
      this.busy = false;
    }
  }

  private unpair(): void {
    localStorage.removeItem(tokenKey);
    localStorage.removeItem(eventKey);
    this.token = '';
    this.me = null;
    this.screen = 'pair';
  }

  private async chooseEvent(eventId: string): Promise<void> {
    this.eventId = eventId;
    localStorage.setItem(eventKey, eventId);
    this.screen = 'scan';
    this.lastListAt = 0;
    await this.updateComplete;
    await this.startCamera();
    await this.tick();
  }

  private changeEvent(): void {
    this.renderRoot.querySelector<DoorCamera>('door-camera')?.stop();
    this.cameraOn = false;
    this.shown = null;
    this.screen = 'events';
  }

  private async toggleCamera(): Promise<void> {
    const camera = this.renderRoot.querySelector<DoorCamera>('door-camera');
    if (camera?.running) {
      camera.stop();
      this.cameraOn = false;
    } else await this.startCamera();
  }

  private async startCamera(): Promise<void> {
    try {
      this.cameraError = '';
      await this.renderRoot.querySelector<DoorCamera>('door-camera')?.start();
      this.cameraOn = true;
    } catch (err) {
      this.cameraError = err instanceof Error ? err.name || err.message : String(err);
    }
  }

  // --- scans

  private checkTyped(e: Event): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    const code = input.value.trim();
    input.value = '';
    if (code) void this.check(code);
  }

  /** One scan: the server decides when it answers; the phone's list when it cannot. */
  private async check(code: string): Promise<void> {
    const scanId = newScanId();
    const scannedAt = Date.now();
    const door = new DoorApi(this.token);
    try {
      const answer = await door.scan({ scanId, eventId: this.eventId, code });
      this.online = true;
      this.store.markUsed(this.eventId, answer.ticket.id, scannedAt);
      this.show({ ok: true, title: t('result.entered'), holder: answer.ticket.holder, priceName: answer.ticket.priceName });
      void this.refreshCounts(door);
    } catch (err) {
      if (err instanceof ApiError && err.status > 0 && err.status < 500) return this.showRefusal(err);
      this.online = false;
      await this.checkOffline(scanId, code, scannedAt);
    }
  }

  private showRefusal(err: ApiError): void {
    if (err.status === 401) return this.unpair();
    const reason = err.code === 'ALREADY_USED' || err.code === 'FORBIDDEN' ? err.code : String(err.details.reason ?? err.code);
    const usedAt = typeof err.details.usedAt === 'number' ? t('result.usedAt', { time: this.time(err.details.usedAt) }) : undefined;
    this.show({ ok: false, title: refusalText(reason), holder: err.details.holder as string | undefined, priceName: err.details.priceName as string | undefined, detail: usedAt });
  }

  private async checkOffline(scanId: string, code: string, scannedAt: number): Promise<void> {
    const { list, tampered } = await this.store.list(this.eventId, this.token);
    this.listTampered = tampered;
    if (!list) return this.show({ ok: false, title: refusalText('TICKET_UNKNOWN'), detail: t('status.offline') });
    const isQr = code.startsWith('T1.');
    const checked = checkLocally(list, this.store.usedHere(this.eventId), { hash: isQr ? await sha256Hex(code) : null, short: isQr ? null : normaliseShortCode(code) });
    if (!checked.ok) {
      const detail = checked.entry?.u ? t('result.usedAt', { time: this.time(checked.entry.u) }) : t('status.offline');
      return this.show({ ok: false, title: refusalText(checked.reason), holder: checked.entry?.n, priceName: checked.entry?.p, detail });
    }
    this.store.markUsed(this.eventId, checked.entry.t, scannedAt);
    this.store.addPending({ scanId, eventId: this.eventId, code, scannedAt, offline: true });
    this.pending = this.store.pending().length;
    this.show({ ok: true, title: t('result.enteredOffline'), holder: checked.entry.n, priceName: checked.entry.p });
  }

  private show(shown: Omit<Shown, 'seq'>): void {
    this.shown = { ...shown, seq: ++this.seq };
    feedback(shown.ok);
  }

  // --- background: send offline scans, keep the list fresh, live counter

  private async tick(): Promise<void> {
    if (this.screen !== 'scan' || !this.token) return;
    const door = new DoorApi(this.token);
    try {
      for (const scan of this.store.pending()) {
        const answer = await door.scan(scan).catch((err: unknown) => {
          if (err instanceof ApiError && err.status > 0 && err.status < 500) return null; // refused for good: nothing to retry
          throw err;
        });
        if (answer?.result === 'double_entry') this.doublesReported += 1;
        this.store.removePending(scan.scanId);
      }
      this.pending = this.store.pending().length;
      if (!this.me) this.me = await door.me();
      if (Date.now() - this.lastListAt > listEveryMs) await this.refreshList(door);
      await this.refreshCounts(door);
      this.online = true;
    } catch {
      this.online = false;
      if (!this.list) await this.showKeptList();
    }
  }

  private async refreshList(door: DoorApi): Promise<void> {
    const list = await door.list(this.eventId);
    this.store.saveList(list);
    this.lastListAt = Date.now();
    await this.showKeptList();
  }

  private async showKeptList(): Promise<void> {
    const { list, tampered } = await this.store.list(this.eventId, this.token);
    this.listTampered = tampered;
    this.list = list ? { n: list.tickets.length, issuedAt: list.issuedAt } : null;
  }

  private async refreshCounts(door: DoorApi): Promise<void> {
    const { counts } = await door.counts();
    this.count = counts.find((c) => c.eventId === this.eventId) ?? null;
  }

  private time(ms: number): string {
    return new Intl.DateTimeFormat(getLang(), { hour: '2-digit', minute: '2-digit', timeZone: this.me?.collective.timezone }).format(ms);
  }

  private dateTime(ms: number): string {
    return new Intl.DateTimeFormat(getLang(), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: this.me?.collective.timezone }).format(ms);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'door-app': DoorApp;
  }
}
