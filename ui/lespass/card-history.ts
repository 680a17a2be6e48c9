// The Pass's history on the account page: payments at the bar, top-ups, refunds, each with the
// place (collective · point of sale), the time in the collective's zone, and the amount in its
// currency (euros for the global one, the local currency's own name otherwise).
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney, formatUnits } from '../shared/money.js';
import { baseStyles } from '../shared/styles.js';
import type { BalanceLine, CardHistoryEntry, Me } from './api-types.js';
import { formatShort } from './dates.js';
import { accountListStyles } from './account-history.js';
import { siteStyles } from './lespass-styles.js';
import { t } from './messages.js';

type Key = Parameters<typeof t>[0];
const kinds = ['topup', 'payment', 'sale', 'refund', 'gift', 'cashout', 'transfer-out', 'transfer-in'];

@customElement('card-history')
export class CardHistory extends LitElement {
  @property({ attribute: false }) me!: Me;
  @property() timezone = 'Europe/Paris';

  static override styles = [
    baseStyles,
    siteStyles,
    accountListStyles,
    css`
      .credit {
        color: var(--pass-success);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const history = this.me.history ?? [];
    if (!history.length) return html`<p class="empty">${t('account.noHistory')}</p>`;
    const names = new Map<string, BalanceLine>();
    for (const b of [...this.me.wallet.balances, ...this.me.cards.flatMap((c) => c.balances ?? [])]) names.set(b.asset, b);
    const lang = getLang();
    return html`<ul data-testid="card-history">
      ${history.map(
        (e: CardHistoryEntry) => html`<li data-testid="history-entry" data-kind=${e.kind}>
          <div class="spread">
            <span class="name">${t(`history.${kinds.includes(e.kind) ? e.kind : 'other'}` as Key)}</span>
            <span>${e.amounts.map((a) => html`<strong class="money ${a.amount > 0 ? 'credit' : ''}">${this.amount(a.amount, names.get(a.asset), lang)}</strong> `)}</span>
          </div>
          <div class="meta">${[formatShort(e.at, this.timezone, lang), e.collective, e.pos].filter(Boolean).join(' · ')}</div>
        </li>`,
      )}
    </ul>`;
  }

  private amount(cents: number, line: BalanceLine | undefined, lang: ReturnType<typeof getLang>): string {
    const sign = cents > 0 ? '+' : '';
    if (!line || line.kind === 'global') return sign + formatMoney(cents, lang);
    return sign + formatUnits(cents, lang, line.name);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'card-history': CardHistory;
  }
}
