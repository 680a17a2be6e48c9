// Organizer sign-in: posts to /api/auth/login (the server sets the session cookie, which the
// /dashboard socket then presents at its handshake) and sends `signed-in` up with the account.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { signIn, signInFailure, type SignedInAccount } from '../shared/sign-in.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { t } from './messages.js';

export type { SignedInAccount } from '../shared/sign-in.js';

@customElement('dash-login-form')
export class LoginForm extends LitElement {
  @state() private busy = false;
  @state() private error = '';

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
        max-width: 420px;
        margin: var(--pass-space-6) auto;
        padding: var(--pass-space-5);
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
      }
      h1 {
        font-size: 1.5rem;
        margin-bottom: var(--pass-space-2);
      }
      p {
        margin: 0 0 var(--pass-space-4);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<form @submit=${this.submit} data-testid="login-form">
      <h1>${t('login.title')}</h1>
      <p class="muted">${t('login.intro')}</p>
      ${this.error ? html`<div class="alert error" role="alert" data-testid="login-error">${this.error}</div>` : nothing}
      <div class="field">
        <label for="email">${t('login.email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required data-testid="login-email" />
      </div>
      <div class="field">
        <label for="password">${t('login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required data-testid="login-password" />
      </div>
      <button class="primary big block" type="submit" ?disabled=${this.busy} data-testid="login-submit">${this.busy ? t('login.submitting') : t('login.submit')}</button>
    </form>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const account = await signIn(String(form.get('email')), String(form.get('password')));
      this.dispatchEvent(new CustomEvent<SignedInAccount>('signed-in', { detail: account, bubbles: true, composed: true }));
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
    'dash-login-form': LoginForm;
  }
}
