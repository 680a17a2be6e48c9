// About this terminal: its pairing, connection, card reader and language; unpairing; and the
// hook for closing the register (see CLOSE REGISTER HOOK below).
// Properties down: session, posName, statuses, pendingCount. Events up: `unpair`,
// `reload-catalog`, `laboutik-close-register` (cancelable).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import '../shared/lang-switch.js';
import type { SocketStatus } from '../shared/socket-controller.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { t } from './messages.js';
import type { NfcStatus } from './nfc-controller.js';
import './register-state.js';
import type { RegisterCall } from './register-state.js';
import type { TerminalSession } from './session.js';

/** Detail of the `laboutik-close-register` event. */
export interface CloseRegisterRequest {
  posId: string;
  terminalId: string;
}

@customElement('lb-settings-screen')
export class SettingsScreen extends LitElement {
  @property({ attribute: false }) session: TerminalSession | null = null;
  @property() posName = '';
  @property() socketStatus: SocketStatus = 'idle';
  @property() nfcStatus: NfcStatus = 'unavailable';
  @property({ type: Number }) pendingCount = 0;
  @property({ attribute: false }) registerCall: RegisterCall | null = null;
  @state() private confirmingUnpair = false;
  @state() private closeRegisterUnwired = false;

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
        max-width: 640px;
        margin: 0 auto;
        width: 100%;
      }
      section {
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-4);
        margin-bottom: var(--pass-space-3);
      }
      h2 {
        font-size: 1.2rem;
        margin-bottom: var(--pass-space-3);
      }
      dl {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        margin: 0;
      }
      dd + dt {
        margin-top: var(--pass-space-2);
      }
      @media (min-width: 520px) {
        dl {
          grid-template-columns: auto minmax(0, 1fr);
          gap: var(--pass-space-2) var(--pass-space-4);
        }
        dd + dt {
          margin-top: 0;
        }
      }
      dt {
        color: var(--pass-muted);
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pass-space-2);
      }
      .buttons button {
        flex: 1 1 220px;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const s = this.session;
    return html`<section>
        <h2>${t('settings.terminal')}</h2>
        <dl>
          <dt>${t('settings.name')}</dt>
          <dd data-testid="settings-terminal-name">${s?.name ?? ''}</dd>
          <dt>${t('settings.pos')}</dt>
          <dd data-testid="settings-pos">${this.posName || s?.posId}</dd>
          <dt>${t('settings.terminalId')}</dt>
          <dd><code>${s?.terminalId}</code></dd>
          <dt>${t('settings.connection')}</dt>
          <dd data-testid="settings-connection">${t(`connection.${this.socketStatus}`)}</dd>
          <dt>${t('settings.reader')}</dt>
          <dd data-testid="settings-nfc">${t(`nfcShort.${this.nfcStatus}`)}</dd>
          <dt>${t('settings.pending')}</dt>
          <dd>${this.pendingCount}</dd>
        </dl>
      </section>
      <section>
        <h2>${t('settings.language')}</h2>
        <lang-switch></lang-switch>
      </section>
      <section>
        <h2>${t('settings.register')}</h2>
        ${this.registerCall ? html`<lb-register-state .request=${this.registerCall}></lb-register-state>` : nothing}
        <div class="buttons">
          <button data-testid="reload-catalog" @click=${() => this.emit('reload-catalog')}>${t('settings.reloadCatalog')}</button>
          <button data-testid="close-register" @click=${this.requestCloseRegister}>${t('settings.closeRegister')}</button>
        </div>
        ${this.closeRegisterUnwired ? html`<p class="alert info" data-testid="close-register-info">${t('settings.closeRegisterInAdmin')} <a href="/admin/">/admin/</a></p>` : nothing}
      </section>
      <section>
        <h2>${t('settings.pairing')}</h2>
        ${this.pendingCount ? html`<p class="alert warning">${t('settings.unpairPending', { count: this.pendingCount })}</p>` : nothing}
        <div class="buttons">
          ${this.confirmingUnpair
            ? html`<button data-testid="unpair-cancel" @click=${() => (this.confirmingUnpair = false)}>${t('pay.cancel')}</button>
                <button class="danger-solid" data-testid="unpair-confirm" @click=${() => this.emit('unpair')}>${t('settings.unpairConfirm')}</button>`
            : html`<button class="danger" data-testid="unpair" @click=${() => (this.confirmingUnpair = true)}>${t('settings.unpair')}</button>`}
        </div>
      </section>`;
  }

  /**
   * CLOSE REGISTER HOOK. This button emits `laboutik-close-register` {posId, terminalId}
   * (bubbling, composed, cancelable). The app handles it (`event.preventDefault()`) with the
   * terminal's own close flow (`closeRegister`, an extension of protocol v1); unhandled (an app
   * without it), the terminal points the cashier to the admin app.
   */
  private requestCloseRegister = (): void => {
    const s = this.session;
    if (!s) return;
    const detail: CloseRegisterRequest = { posId: s.posId, terminalId: s.terminalId };
    const handled = !this.dispatchEvent(new CustomEvent('laboutik-close-register', { detail, bubbles: true, composed: true, cancelable: true }));
    this.closeRegisterUnwired = !handled;
  };

  private emit(name: string): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-settings-screen': SettingsScreen;
  }
  interface HTMLElementEventMap {
    'laboutik-close-register': CustomEvent<CloseRegisterRequest>;
  }
}
