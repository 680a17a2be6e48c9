// The visitor's account on this site. Signed out: the sign-in form (by email link). Signed in:
// tickets with their QR, Pass cards and balances, top-up, memberships, subscriptions and
// payments. Back from a checkout, it first says how the payment went (order-return.ts asks the
// order's own state), and reloads the account once it is paid.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import type { Me, Site, Ticket } from './api-types.js';
import { buyerEmailKey } from './basket-form.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, t } from './messages.js';
import { navigate, takeReturn } from './nav.js';
import { hrefOf, type Route } from './route.js';
import { SessionController, loadSession, signOut } from './session.js';
import './account-subscriptions.js';
import './account-history.js';
import './card-history.js';
import './account-pass.js';
import './login-form.js';
import './order-return.js';
import './ticket-card.js';

@customElement('account-page')
export class AccountPage extends LitElement {
  @property({ attribute: false }) site!: Site;
  @property({ attribute: false }) returnFrom: Route['returnFrom'];
  @property({ type: Boolean }) loginExpired = false;
  @state() private continueTo: string | null = null;
  private readonly session = new SessionController(this);

  static override styles = [
    baseStyles,
    buttonStyles,
    siteStyles,
    css`
      .head {
        display: flex;
        justify-content: space-between;
        align-items: flex-start;
        gap: var(--pass-space-3);
        margin-bottom: var(--pass-space-4);
      }
      .head h1 {
        font-size: clamp(1.4rem, 5.5vw, 2.2rem);
        overflow-wrap: anywhere;
      }
      .head p {
        margin: 0;
      }
      .head button {
        flex: none;
      }
      .columns {
        display: grid;
        gap: var(--pass-space-4);
        align-items: start;
      }
      @media (min-width: 900px) {
        .columns {
          grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr);
        }
      }
      .columns > div > section + section {
        margin-top: var(--pass-space-4);
      }
      .alert {
        padding: var(--pass-space-3) var(--pass-space-4);
        border-radius: var(--pass-radius-small);
        border-left: 6px solid;
        margin-bottom: var(--pass-space-4);
      }
      .alert.info {
        background: var(--pass-surface);
        border-color: var(--pass-primary);
      }
      .alert.warning {
        background: var(--pass-warning-bg);
        border-color: var(--pass-warning);
      }
      .tickets {
        display: grid;
        gap: var(--pass-space-3);
      }
      .signin {
        max-width: 560px;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.continueTo = null;
    void loadSession(true); // the account page always shows the account as it is now (a ticket just scanned...)
  }

  override updated(): void {
    const me = this.session.me;
    if (me && this.continueTo === null) this.continueTo = takeReturn(this.site.collective.slug) ?? '';
  }

  override render() {
    const session = this.session.state;
    if (session.status === 'loading')
      return html`<h1>${t('account.title')}</h1>
        <p class="muted">${t('site.loading')}</p>`;
    if (session.status === 'error') {
      return html`<h1>${t('account.title')}</h1>
        <div class="card">
          <p>${t('account.loadFailed')} ${errorText(session.error)}</p>
          <button @click=${() => loadSession(true)}>${t('site.retry')}</button>
        </div>`;
    }
    if (session.status === 'guest') return this.renderGuest();
    return this.renderAccount(session.me);
  }

  private renderGuest() {
    let email = '';
    try {
      email = sessionStorage.getItem(buyerEmailKey) ?? '';
    } catch {
      // storage disabled: the form starts empty
    }
    return html`<h1>${t('account.title')}</h1>
      ${this.renderReturn(true)} ${this.loginExpired ? html`<div class="alert warning" role="alert" data-testid="login-expired">${t('account.badLink')}</div>` : nothing}
      <section class="card signin">
        <h2>${t('account.signIn')}</h2>
        ${this.returnFrom && !this.returnFrom.cancelled ? html`<p>${t('return.signInToSee')}</p>` : nothing}
        <login-form slug=${this.site.collective.slug} email=${email}></login-form>
      </section>`;
  }

  private renderAccount(me: Me) {
    const zone = this.site.collective.timezone;
    const names = Object.fromEntries((this.site.village?.collectives ?? [this.site.collective]).map((c) => [c.id, c.name]));
    return html`<div class="head">
        <div>
          <h1 data-testid="account-hello">${t('account.hello', { name: me.user.name || me.user.email })}</h1>
          <p class="muted" data-testid="account-email">${me.user.email}</p>
        </div>
        <button data-testid="sign-out" @click=${() => this.signOut()}>${t('account.signOut')}</button>
      </div>
      ${this.renderReturn(false)}
      ${this.continueTo ? html`<div class="alert info"><a href=${this.continueTo} data-testid="continue">${t('account.continue')} →</a></div>` : nothing}
      <div class="columns">
        <div>
          <section class="card" data-testid="my-tickets">
            <h2>${t('account.section.tickets')}</h2>
            ${
              me.tickets.length
                ? html`<div class="tickets">${sortTickets(me.tickets).map((tk) => html`<ticket-card .ticket=${tk} timezone=${zone}></ticket-card>`)}</div>`
                : html`<p class="empty">${t('account.noTickets')}</p>`
            }
          </section>
          <section class="card">
            <h2>${t('account.section.memberships')}</h2>
            <account-history .me=${me} list="memberships" timezone=${zone} .collectiveNames=${names}></account-history>
          </section>
          <section class="card">
            <h2>${t('account.section.subscriptions')}</h2>
            <account-history .me=${me} list="subscriptions" timezone=${zone} .collectiveNames=${names}></account-history>
          </section>
          <section class="card">
            <h2>${t('subs.title')}</h2>
            <account-subscriptions timezone=${zone}></account-subscriptions>
          </section>
        </div>
        <div>
          <section class="card" data-testid="my-pass">
            <h2>${t('account.section.pass')}</h2>
            <account-pass .me=${me} slug=${this.site.collective.slug}></account-pass>
          </section>
          <section class="card">
            <h2>${t('account.section.history')}</h2>
            <card-history .me=${me} timezone=${zone}></card-history>
          </section>
          <section class="card">
            <h2>${t('account.section.payments')}</h2>
            <account-history .me=${me} list="payments" timezone=${zone}></account-history>
          </section>
        </div>
      </div>`;
  }

  /** How the purchase just paid (or abandoned) went; a guest sees its tickets there too. */
  private renderReturn(guest: boolean) {
    if (!this.returnFrom) return nothing;
    return html`<order-return
      slug=${this.site.collective.slug}
      timezone=${this.site.collective.timezone}
      .from=${this.returnFrom}
      ?show-tickets=${guest}
      @order-paid=${() => loadSession(true)}
    ></order-return>`;
  }

  private async signOut(): Promise<void> {
    await signOut().catch(() => undefined);
    navigate(hrefOf(this.site.collective.slug, 'account'), { replace: true });
  }
}

/** Tickets to come first (soonest first), then the others, latest first. */
function sortTickets(tickets: Ticket[]): Ticket[] {
  const now = Date.now();
  const upcoming = (tk: Ticket) => tk.state === 'valid' && (tk.endsAt ?? Infinity) >= now;
  return [...tickets].sort((a, b) => {
    const ua = upcoming(a);
    const ub = upcoming(b);
    if (ua !== ub) return ua ? -1 : 1;
    return ua ? (a.startsAt ?? 0) - (b.startsAt ?? 0) : (b.startsAt ?? 0) - (a.startsAt ?? 0);
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'account-page': AccountPage;
  }
}
