// Pairing this device as a terminal of a POS: the 6-digit code an admin created (valid 10 min,
// single use) and a name for the device → `POST /api/terminals/pair` → the terminal's token.
// Properties down: `notice` (why we are here again), `defaultName`; event up: `paired`.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../shared/api.js';
import { LanguageController } from '../shared/i18n.js';
import '../shared/lang-switch.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { failureReason, t } from './messages.js';
import type { PairingAnswer } from './protocol.js';

export type PairingNotice = '' | 'unauthorized' | 'revoked' | 'unpaired';
export type PairedEvent = CustomEvent<{ answer: PairingAnswer; name: string }>;

type Status = { status: 'idle' } | { status: 'submitting' } | { status: 'error'; code: string; message: string };

@customElement('lb-pairing-screen')
export class PairingScreen extends LitElement {
  @property() notice: PairingNotice = '';
  @property() defaultName = '';
  @state() private code = '';
  @state() private name = '';
  @state() private submit: Status = { status: 'idle' };

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        min-height: 100dvh;
        padding: var(--pass-space-4);
      }
      .top {
        display: flex;
        justify-content: flex-end;
        max-width: 480px;
        margin: 0 auto var(--pass-space-4);
      }
      main {
        max-width: 480px;
        margin: 0 auto;
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-5) var(--pass-space-4);
      }
      .brand {
        font-size: 2rem;
        font-weight: 900;
        letter-spacing: -0.02em;
        color: var(--pass-primary);
      }
      h1 {
        font-size: 1.4rem;
        margin: var(--pass-space-2) 0 var(--pass-space-2);
      }
      .intro {
        margin: 0 0 var(--pass-space-5);
      }
      #code {
        font-family: var(--pass-font-mono);
        font-size: 2rem;
        letter-spacing: 0.4em;
        text-align: center;
        min-height: 64px;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.name ||= this.defaultName;
  }

  override render() {
    const busy = this.submit.status === 'submitting';
    const valid = /^\d{6}$/.test(this.code) && this.name.trim().length > 0;
    return html`<div class="top"><lang-switch></lang-switch></div>
      <main>
        <div class="brand">LaBoutik</div>
        <h1>${t('pairing.title')}</h1>
        <p class="intro muted">${t('pairing.intro')}</p>
        ${this.notice ? html`<div class="alert warning" role="alert" data-testid="pairing-notice" data-notice=${this.notice}>${t(`pairing.notice.${this.notice}`)}</div>` : nothing}
        ${this.submit.status === 'error'
          ? html`<div class="alert error" role="alert" data-testid="pairing-error" data-code=${this.submit.code}>${this.pairingError(this.submit.code, this.submit.message)}</div>`
          : nothing}
        <form @submit=${this.onSubmit} novalidate>
          <div class="field">
            <label for="code">${t('pairing.code')}</label>
            <input
              id="code"
              data-testid="pairing-code"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="6"
              placeholder="000000"
              .value=${this.code}
              @input=${(e: InputEvent) => (this.code = (e.target as HTMLInputElement).value.replace(/\D/g, '').slice(0, 6))}
            />
          </div>
          <div class="field">
            <label for="name">${t('pairing.name')}</label>
            <input
              id="name"
              data-testid="terminal-name"
              maxlength="64"
              autocomplete="off"
              placeholder=${t('pairing.namePlaceholder')}
              .value=${this.name}
              @input=${(e: InputEvent) => (this.name = (e.target as HTMLInputElement).value)}
            />
          </div>
          <button class="big primary block" type="submit" data-testid="pair-submit" ?disabled=${busy || !valid}>${busy ? t('pairing.submitting') : t('pairing.submit')}</button>
        </form>
      </main>`;
  }

  private pairingError(code: string, message: string): string {
    if (code === 'UNAUTHORIZED') return t('pairing.badCode');
    return failureReason({ code, message });
  }

  private onSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (this.submit.status === 'submitting' || !/^\d{6}$/.test(this.code)) return;
    this.submit = { status: 'submitting' };
    const name = this.name.trim();
    try {
      const answer = await api<PairingAnswer>('/api/terminals/pair', { body: { pairingCode: this.code, name } });
      this.submit = { status: 'idle' };
      this.code = '';
      this.dispatchEvent(new CustomEvent('paired', { detail: { answer, name }, bubbles: true, composed: true }));
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError('NETWORK', String(err), 0);
      this.submit = { status: 'error', code: error.code, message: error.message };
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-pairing-screen': PairingScreen;
  }
}
