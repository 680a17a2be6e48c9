// The holder's recurring subscriptions: status (running, payment failed with its grace period,
// ending at the period end, ended), the date it renews or ends, and a cancel that takes effect
// at the end of the period paid (asked twice: a click never stops a subscription by mistake).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { subscriptionView } from '../../core/subscriptions/service.js';
import { api } from '../shared/api.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { formatDate } from './dates.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, t } from './messages.js';

export type SubscriptionView = ReturnType<typeof subscriptionView>;

@customElement('account-subscriptions')
export class AccountSubscriptions extends LitElement {
  @property() timezone = 'Europe/Paris';
  @state() private list: SubscriptionView[] | null = null;
  @state() private confirming = '';
  @state() private failure = '';

  static override styles = [baseStyles, buttonStyles, siteStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    if (!this.list) return html`<p class="muted" aria-busy="true">${t('subs.loading')}</p>`;
    if (!this.list.length) return html`<p class="empty" data-testid="no-subscriptions">${t('subs.none')}</p>`;
    const lang = getLang();
    return html`${this.failure ? html`<div class="alert error" role="alert">${this.failure}</div>` : nothing}
      <ul class="stack" data-testid="my-subscriptions">
        ${this.list.map(
          (s) =>
            html`<li data-testid="subscription" data-status=${s.status}>
              <strong>${s.name}</strong> · ${formatMoney(s.amount, lang)} / ${t(s.period === 'year' ? 'subs.year' : 'subs.month')} <br /><span
                class="badge"
                data-testid="subscription-status"
                >${t(`subs.status.${s.status}`)}</span
              >
              ${s.currentPeriodEnd ? html` <span class="muted" data-testid="subscription-date">${t(s.status === 'active' ? 'subs.renews' : 'subs.until', { date: formatDate(s.status === 'grace' && s.graceUntil ? s.graceUntil : s.currentPeriodEnd, this.timezone, lang) })}</span>` : nothing}
              ${
                s.status === 'active' || s.status === 'grace'
                  ? this.confirming === s.id
                    ? html`<div class="row">
                        <span>${t('subs.cancelQuestion')}</span>
                        <button class="danger" data-testid="subscription-cancel-confirm" @click=${() => this.cancel(s)}>${t('subs.cancelYes')}</button>
                        <button data-testid="subscription-cancel-back" @click=${() => (this.confirming = '')}>${t('subs.cancelNo')}</button>
                      </div>`
                    : html`<div><button data-testid="subscription-cancel" @click=${() => (this.confirming = s.id)}>${t('subs.cancel')}</button></div>`
                  : nothing
              }
            </li>`,
        )}
      </ul>`;
  }

  private async load(): Promise<void> {
    try {
      this.list = (await api<{ subscriptions: SubscriptionView[] }>('/api/me/subscriptions')).subscriptions;
    } catch (err) {
      this.list = [];
      this.failure = errorText(err);
    }
  }

  private async cancel(s: SubscriptionView): Promise<void> {
    this.failure = '';
    try {
      await api(`/api/me/subscriptions/${encodeURIComponent(s.id)}/cancel`, { method: 'POST' });
      this.confirming = '';
      await this.load();
    } catch (err) {
      this.failure = errorText(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-subscriptions': AccountSubscriptions;
  }
}
