// The register's state as the cashier sees it: open (since when, float, cash in the drawer) or
// closed (and whether the next sale opens it, or a manager must), with the manager's "Open"
// action (float carried over from the last counted cash, editable). Commands: `registerStatus`,
// `openRegister` (extensions of protocol v1). Property down: `request`; event up: `register-changed`.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { money, timeOf } from './format.js';
import { failureReason, t } from './messages.js';
import type { Ack, RegisterStatus } from './protocol.js';

export type RegisterCall = (command: 'registerStatus' | 'openRegister', payload: { float?: number }) => Promise<Ack<RegisterStatus>>;

@customElement('lb-register-state')
export class RegisterState extends LitElement {
  @property({ attribute: false }) request!: RegisterCall;
  /** Compact: a banner shown only while the register is closed (the sale screen). */
  @property({ type: Boolean }) compact = false;
  @state() private status: RegisterStatus | null = null;
  @state() private error = '';
  @state() private floatText = '';
  @state() private busy = false;

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      :host { display: block; }
      .state { display: flex; flex-wrap: wrap; gap: var(--pass-space-2); align-items: center; justify-content: space-between; }
      .open { color: var(--pass-success, #1a7f37); font-weight: 700; }
      .closed { color: var(--pass-danger, #b42318); font-weight: 700; }
      .banner { padding: var(--pass-space-2) var(--pass-space-3); border-radius: var(--pass-radius); background: var(--pass-surface); box-shadow: var(--pass-shadow); margin-bottom: var(--pass-space-2); }
      form { display: flex; gap: var(--pass-space-2); align-items: end; flex-wrap: wrap; }
      input { max-width: 9em; }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      const ack = await this.request('registerStatus', {});
      if (!ack.ok) return void (this.error = failureReason(ack));
      this.status = ack;
      this.error = '';
      if (ack.state === 'closed') this.floatText = ((ack.carriedFloat ?? 0) / 100).toFixed(2);
    } catch {
      this.error = t('error.unknown');
    }
  }

  override render() {
    const s = this.status;
    if (!s) return this.error ? html`<p class="alert error">${this.error}</p>` : nothing;
    if (this.compact && s.state === 'open') return nothing;
    const line =
      s.state === 'open'
        ? html`<span class="open" data-testid="register-state" data-state="open">${t('register.open', { since: timeOf(s.session!.openedAt) })}</span>
            <span>${t('register.float', { float: money(s.session!.float) })} · ${t('register.inDrawer', { cash: money(s.cashInDrawer ?? 0) })}</span>`
        : html`<span class="closed" data-testid="register-state" data-state="closed">${t('register.closed')}</span>
            <span data-testid="register-opening">${s.openOnFirstSale ? t('register.opensOnFirstSale') : t('register.managerOpens')}</span>`;
    return html`<div class=${this.compact ? 'banner' : ''}>
      <div class="state">${line}</div>
      ${s.state === 'closed' ? this.openForm() : nothing}
      ${this.error ? html`<p class="alert error" data-testid="register-error">${this.error}</p>` : nothing}
    </div>`;
  }

  private openForm() {
    return html`<form @submit=${this.open}>
      <label>${t('register.openingFloat')}<input data-testid="register-float" inputmode="decimal" .value=${this.floatText} @input=${(e: Event) => (this.floatText = (e.target as HTMLInputElement).value)} /></label>
      <button class="primary" data-testid="register-open" ?disabled=${this.busy}>${t('register.openAction')}</button>
    </form>`;
  }

  private open = async (e: Event): Promise<void> => {
    e.preventDefault();
    const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(this.floatText.trim());
    if (!match) return void (this.error = t('register.badFloat'));
    const float = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
    this.busy = true;
    try {
      const ack = await this.request('openRegister', { float });
      if (!ack.ok) return void (this.error = failureReason(ack));
      this.status = ack;
      this.error = '';
      this.dispatchEvent(new CustomEvent('register-changed', { bubbles: true, composed: true }));
    } catch {
      this.error = t('error.unknown');
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-register-state': RegisterState;
  }
}
