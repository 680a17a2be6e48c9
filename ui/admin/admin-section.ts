// The screen of the current route: one component per section, given the collective it acts
// for (and the POS or event the address names). Operator tools refuse collective admins here
// too (the API refuses them anyway: 403).
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, formStyles } from '../shared/styles.js';
import './collective/collective-profile.js';
import './collective/currencies-panel.js';
import './collective/settlement-panel.js';
import './collective/village-members.js';
import './laboutik/pos-detail.js';
import './laboutik/pos-list.js';
import './laboutik/products-panel.js';
import './laboutik/revenue-report.js';
import './laboutik/offline-panel.js';
import './laboutik/loyalty-panel.js';
import './laboutik/staff-panel.js';
import './laboutik/cards-panel.js';
import './lespass/door-check.js';
import './lespass/door-phones.js';
import './lespass/event-detail.js';
import './lespass/events-panel.js';
import './lespass/members-list.js';
import './lespass/memberships-panel.js';
import './lespass/payments-list.js';
import './lespass/promo-codes-panel.js';
import './lespass/subscriptions-panel.js';
import './ops/ops-ledger.js';
import './ops/ops-queues.js';
import { t } from './messages.js';
import type { Route } from './route.js';

@customElement('admin-section')
export class AdminSection extends LitElement {
  @property({ attribute: false }) route!: Route;
  @property() collectiveId = '';
  @property({ type: Boolean }) operator = false;

  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const c = this.collectiveId;
    const { section, id, tab } = this.route;
    switch (section) {
      case 'collective':
        return html`<collective-profile .collectiveId=${c}></collective-profile>`;
      case 'village':
        return html`<village-members .collectiveId=${c}></village-members>`;
      case 'currencies':
        return html`<currencies-panel .collectiveId=${c}></currencies-panel>`;
      case 'settlement':
        return html`<settlement-panel .collectiveId=${c}></settlement-panel>`;
      case 'pos':
        return id
          ? html`<pos-detail .collectiveId=${c} .posId=${id} .tab=${tab ?? 'products'}></pos-detail>`
          : html`<pos-list .collectiveId=${c}></pos-list>`;
      case 'products':
        return html`<products-panel .collectiveId=${c}></products-panel>`;
      case 'staff':
        return html`<staff-panel .collectiveId=${c}></staff-panel>`;
      case 'cards':
        return html`<cards-panel .collectiveId=${c}></cards-panel>`;
      case 'revenue':
        return html`<revenue-report .collectiveId=${c}></revenue-report>`;
      case 'offline':
        return html`<offline-panel .collectiveId=${c}></offline-panel>`;
      case 'loyalty':
        return html`<loyalty-panel .collectiveId=${c}></loyalty-panel>`;
      case 'events':
        return id
          ? html`<event-detail .collectiveId=${c} .eventId=${id}></event-detail>`
          : html`<events-panel .collectiveId=${c}></events-panel>`;
      case 'door':
        return html`<door-check .collectiveId=${c}></door-check><door-phones .collectiveId=${c}></door-phones>`;
      case 'memberships':
        return html`<memberships-panel .collectiveId=${c}></memberships-panel>`;
      case 'members':
        return html`<members-list .collectiveId=${c}></members-list>`;
      case 'payments':
        return html`<payments-list .collectiveId=${c}></payments-list>`;
      case 'promos':
        return html`<promo-codes-panel .collectiveId=${c}></promo-codes-panel>`;
      case 'subscriptions':
        return html`<subscriptions-panel .collectiveId=${c}></subscriptions-panel>`;
      case 'ops-queues':
        return this.operator ? html`<ops-queues></ops-queues>` : this.operatorsOnly();
      case 'ops-ledger':
        return this.operator ? html`<ops-ledger></ops-ledger>` : this.operatorsOnly();
    }
  }

  private operatorsOnly() {
    return html`<div class="alert error" role="alert" data-testid="operators-only">${t('error.operatorsOnly')}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-section': AdminSection;
  }
}
