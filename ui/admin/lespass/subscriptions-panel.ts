// Recurring subscriptions of the collective, per member: what they pay each period, where the
// subscription stands (running, payment failed in its grace period, ending, ended) and until when.
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { subscriptionView } from '../../../core/subscriptions/service.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { dateOnly, money } from '../messages.js';
import { tp } from './promo-messages.js';

type SubscriptionView = ReturnType<typeof subscriptionView>;

@customElement('subscriptions-panel')
export class SubscriptionsPanel extends LitElement {
  @property() collectiveId = '';

  private readonly subs = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal) => (await api<{ subscriptions: SubscriptionView[] }>(`/api/collectives/${encodeURIComponent(id)}/subscriptions`, { signal })).subscriptions,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel" data-testid="subscriptions-panel">
      <h2>${tp('subs.title')}</h2>
      <p class="muted">${tp('subs.intro')}</p>
      ${loadView(
        this.subs.state,
        (list) => this.table(list),
        () => this.subs.reload(),
      )}
    </section>`;
  }

  private table(list: SubscriptionView[]) {
    if (!list.length) return html`<p class="empty">${tp('subs.none')}</p>`;
    return html`<div class="table-wrap">
      <table class="stack" data-testid="subscriptions-table">
        <thead>
          <tr>
            <th>${tp('subs.member')}</th>
            <th>${tp('subs.product')}</th>
            <th class="num">${tp('subs.amount')}</th>
            <th>${tp('subs.status')}</th>
            <th>${tp('subs.until')}</th>
            <th class="num">${tp('subs.periods')}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (s) =>
              html`<tr data-testid="subscription-row" data-status=${s.status}>
                <td><strong>${s.holder}</strong><br /><span class="muted">${s.email}</span></td>
                <td data-label=${tp('subs.product')}>${s.name}</td>
                <td class="num" data-label=${tp('subs.amount')}>${money(s.amount)} / ${tp(s.period === 'year' ? 'subs.year' : 'subs.month')}</td>
                <td data-label=${tp('subs.status')}>
                  <span class="badge ${s.status === 'active' ? 'ok' : ''}" data-testid="subscription-status">${tp(`subs.status.${s.status}`)}</span>
                </td>
                <td data-label=${tp('subs.until')}>${s.status === 'grace' && s.graceUntil ? dateOnly(s.graceUntil) : s.currentPeriodEnd ? dateOnly(s.currentPeriodEnd) : '—'}</td>
                <td class="num" data-label=${tp('subs.periods')}>${s.periodsPaid}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'subscriptions-panel': SubscriptionsPanel;
  }
}
