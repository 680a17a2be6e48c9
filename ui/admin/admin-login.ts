// Sign-in: POST /api/auth/login (the server sets the session cookie) and `signed-in` goes up
// with the account. A wrong password is said plainly, next to the form.
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { signIn, signInFailure } from '../shared/sign-in.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { panelStyles } from './admin-styles.js';
import type { Account } from './api-types.js';
import { formAlert, textField } from './fields.js';
import { t } from './messages.js';

@customElement('admin-login')
export class AdminLogin extends LitElement {
  @state() private email = '';
  @state() private password = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private missing: { email?: string; password?: string } = {};

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      :host {
        max-width: 440px;
        margin: var(--pass-space-6) auto;
      }
      h2 {
        font-size: 1.5rem;
        margin-bottom: var(--pass-space-2);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<form class="panel" novalidate @submit=${this.submit} data-testid="login-form">
      <h2>${t('login.title')}</h2>
      <p class="muted">${t('login.intro')}</p>
      ${formAlert(this.error, 'login-error')}
      ${textField({ name: 'email', label: t('login.email'), type: 'email', autocomplete: 'username', value: this.email, error: this.missing.email, testid: 'login-email', onInput: (v) => (this.email = v) })}
      ${textField({ name: 'password', label: t('login.password'), type: 'password', autocomplete: 'current-password', value: this.password, error: this.missing.password, testid: 'login-password', onInput: (v) => (this.password = v) })}
      <button class="primary big block" type="submit" ?disabled=${this.busy} data-testid="login-submit">${this.busy ? t('login.submitting') : t('login.submit')}</button>
    </form>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.missing = { email: this.email.trim() ? undefined : t('required'), password: this.password ? undefined : t('required') };
    if (this.missing.email || this.missing.password) return;
    this.busy = true;
    this.error = '';
    try {
      const account: Account = await signIn(this.email.trim(), this.password);
      this.password = '';
      this.dispatchEvent(new CustomEvent<Account>('signed-in', { detail: account, bubbles: true, composed: true }));
    } catch (err) {
      const failure = signInFailure(err);
      this.error = failure.refused ? t('login.refused') : t('login.failed', { code: failure.code });
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-login': AdminLogin;
  }
}
