// Sign-in by email: the visitor asks for a link, the server mails it (it says the same whether
// the address is known or not), and opening the link signs them in on this site's account page.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { formErrorsOf, type FormErrors } from './form-errors.js';
import { textField } from './form-parts.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, fieldText, t } from './messages.js';
import { accountApi } from './site-api.js';

@customElement('login-form')
export class LoginForm extends LitElement {
  @property() slug = '';
  /** Prefilled (the buyer's email, back from a payment). */
  @property() email = '';
  @state() private sentTo = '';
  @state() private busy = false;
  @state() private errors: FormErrors = { fields: {} };

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    siteStyles,
    css`
      form {
        max-width: 460px;
      }
      .sent {
        font-size: 1.1rem;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    if (this.sentTo) {
      return html`<div class="alert info sent" role="status" data-testid="link-sent">${t('account.linkSent', { email: this.sentTo })}</div>
        <button type="button" class="ghost" @click=${() => (this.sentTo = '')}>${t('account.linkAgain')}</button>`;
    }
    return html`<form novalidate @submit=${this.submit} data-testid="login-form">
      <p>${t('account.signInText')}</p>
      ${textField(
        'login-email',
        t('book.email'),
        this.email,
        (v) => {
          this.email = v;
          this.errors = { fields: {} };
        },
        { type: 'email', autocomplete: 'email', inputmode: 'email', required: true, error: this.errors.fields.email },
      )}
      ${this.errors.form ? html`<div class="alert error" role="alert" data-testid="login-error">${this.errors.form.message}</div>` : nothing}
      <button class="primary big" type="submit" ?disabled=${this.busy} data-testid="login-submit">${this.busy ? t('account.sending') : t('account.sendLink')}</button>
    </form>`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const email = this.email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.errors = { fields: { email: t(email ? 'field.email' : 'field.required') } };
      return;
    }
    this.busy = true;
    try {
      await accountApi.requestLink(email, this.slug);
      this.sentTo = email;
    } catch (err) {
      const raw = formErrorsOf(err);
      this.errors = raw.fields.email
        ? { fields: { email: fieldText(raw.fields.email) } }
        : { fields: {}, form: { code: raw.form?.code ?? 'INVALID_INPUT', message: errorText(err) } };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'login-form': LoginForm;
  }
}
