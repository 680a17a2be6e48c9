// A card's balances, one line per asset (global, the local currencies, gifts...); loyalty
// units are counted, not money.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { money } from './format.js';
import { assetKindLabel, t } from './messages.js';
import type { BalanceLine } from './protocol.js';

@customElement('lb-balance-list')
export class BalanceList extends LitElement {
  @property({ attribute: false }) balances: readonly BalanceLine[] = [];

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--pass-space-3);
        padding: var(--pass-space-3) 0;
        border-bottom: 1px solid var(--pass-border);
      }
      li:last-child {
        border-bottom: 0;
      }
      .name {
        font-weight: 700;
        font-size: 1.1rem;
      }
      .kind {
        font-size: 0.9rem;
      }
      .amount {
        font-size: 1.5rem;
        font-weight: 800;
      }
      .total {
        border-top: 2px solid var(--pass-text);
        border-bottom: 0;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    if (this.balances.length === 0) return html`<p class="muted" data-testid="balances-empty">${t('balance.none')}</p>`;
    return html`<ul data-testid="balances">
      ${this.balances.map(
        (b) => html`<li data-testid="balance-line-${b.asset}" data-kind=${b.kind} data-amount=${b.amount}>
          <span>
            <span class="name">${b.name}</span>
            ${assetKindLabel(b.kind) !== b.name ? html`<br /><span class="kind muted">${assetKindLabel(b.kind)}</span>` : ''}
          </span>
          <span class="amount money">${b.kind === 'loyalty' ? t('balance.loyaltyUnits', { n: String(b.amount) }) : money(b.amount)}</span>
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-balance-list': BalanceList;
  }
}
