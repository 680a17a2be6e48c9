// What an account holds beside money: memberships, subscriptions (with their renewal date) and
// the payments made online, newest first.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import { baseStyles } from '../shared/styles.js';
import type { Me, Membership, Payment } from './api-types.js';
import { formatDate } from './dates.js';
import { siteStyles } from './lespass-styles.js';
import { t } from './messages.js';

type Key = Parameters<typeof t>[0];

/** The account's lists (memberships, payments, the card's history): one look. */
export const accountListStyles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--pass-space-2);
  }
  li {
    padding: var(--pass-space-3);
    border-radius: var(--pass-radius-small);
    background: var(--pass-surface-2);
  }
  .name {
    font-weight: 700;
  }
  .meta {
    color: var(--pass-muted);
    font-size: 0.95rem;
  }
`;

@customElement('account-history')
export class AccountHistory extends LitElement {
  @property({ attribute: false }) me!: Me;
  /** Which list to show. */
  @property() list: 'memberships' | 'subscriptions' | 'payments' = 'memberships';
  @property() timezone = 'Europe/Paris';
  /** Names of collectives by id (the village's), to say whose membership it is. */
  @property({ attribute: false }) collectiveNames: Record<string, string> = {};

  static override styles = [
    baseStyles,
    siteStyles,
    accountListStyles,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    if (this.list === 'payments') return this.renderPayments(this.me.payments);
    const items = this.list === 'memberships' ? this.me.memberships : this.me.subscriptions;
    if (!items.length) return html`<p class="empty">${t(this.list === 'memberships' ? 'account.noMemberships' : 'account.noSubscriptions')}</p>`;
    return html`<ul data-testid="my-${this.list}">
      ${items.map((m) => this.renderMembership(m))}
    </ul>`;
  }

  private renderMembership(m: Membership) {
    const lang = getLang();
    const tone = m.status === 'active' ? 'ok' : m.status === 'expired' ? 'bad' : 'warn';
    const date =
      m.renewsAt && m.status === 'active'
        ? t('account.renewsAt', { date: formatDate(m.renewsAt, this.timezone, lang) })
        : t('account.validUntil', { date: formatDate(m.validUntil, this.timezone, lang) });
    const whose = this.collectiveNames[m.collectiveId];
    return html`<li data-testid="my-membership" data-status=${m.status}>
      <div class="spread">
        <span class="name">${m.productName}</span>
        <span class="badge ${tone}">${t(`account.status.${m.status}` as Key)}</span>
      </div>
      <div class="meta">${[whose, date].filter(Boolean).join(' · ')}</div>
    </li>`;
  }

  private renderPayments(payments: Payment[]) {
    if (!payments.length) return html`<p class="empty">${t('account.noPayments')}</p>`;
    const lang = getLang();
    const known = ['booking', 'membership', 'basket', 'topup'];
    const states = ['paid', 'open', 'pending', 'expired', 'refunded'];
    return html`<ul data-testid="my-payments">
      ${payments.map((p) => {
        const kind = t(`account.kind.${known.includes(p.kind ?? '') ? p.kind : 'other'}` as Key);
        const state = states.includes(p.state) ? t(`account.payState.${p.state}` as Key) : p.state;
        const tone = p.state === 'paid' ? 'ok' : p.state === 'refunded' ? 'warn' : p.state === 'expired' || p.state === 'failed' ? 'bad' : '';
        return html`<li data-testid="payment" data-kind=${p.kind ?? ''} data-state=${p.state}>
          <div class="spread">
            <span class="name">${kind}</span>
            <strong class="money">${formatMoney(p.amount, lang)}</strong>
          </div>
          <div class="spread meta">
            <span>${formatDate(p.paidAt ?? p.createdAt, this.timezone, lang)}</span>
            <span>
              <span class="badge ${tone}">${state}</span>
              ${p.refunded > 0 && p.state !== 'refunded' ? html` ${t('account.refunded', { amount: formatMoney(p.refunded, lang) })}` : nothing}
            </span>
          </div>
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-history': AccountHistory;
  }
}
