// A terminal's one-time pairing code, shown big (read across a bar counter) with the time it
// has left; once expired it says so instead of showing a code that would be refused.
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles } from '../../shared/styles.js';
import { tb } from './messages.js';

@customElement('pairing-code')
export class PairingCode extends LitElement {
  @property() code = '';
  /** Epoch ms. */
  @property({ type: Number }) expiresAt = 0;
  @property() terminalName = '';
  @state() private now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        border: 3px solid var(--pass-primary);
        border-radius: var(--pass-radius);
        padding: var(--pass-space-4);
        text-align: center;
        background: var(--pass-surface);
        margin-bottom: var(--pass-space-4);
      }
      .code {
        font-family: var(--pass-font-mono);
        font-size: clamp(2.6rem, 11vw, 4.5rem);
        font-weight: 800;
        letter-spacing: 0.18em;
        margin: var(--pass-space-2) 0;
        font-variant-numeric: tabular-nums;
      }
      .expired {
        color: var(--pass-danger);
        font-weight: 700;
      }
      h3 {
        font-size: 1rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = Date.now()), 1_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override render() {
    const leftMs = this.expiresAt - this.now;
    if (leftMs <= 0) return html`<p class="expired" role="alert" data-testid="pairing-expired">${tb('terminals.expired')}</p>`;
    const seconds = Math.ceil(leftMs / 1000);
    const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    return html`<h3>${tb('terminals.codeTitle')}${this.terminalName ? ` · ${this.terminalName}` : ''}</h3>
      <div class="code" data-testid="pairing-code" aria-label=${this.code.split('').join(' ')}>${this.code}</div>
      <p>${tb('terminals.codeHelp')}</p>
      <p class="muted" data-testid="pairing-expiry">${tb('terminals.expiresIn', { time })}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pairing-code': PairingCode;
  }
}
