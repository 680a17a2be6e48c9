// A tapped card on the public screen: its number, each balance in big type, the tickets and
// memberships valid today, and how long before the screen clears. Balances that just changed
// (a payment at a bar while the card is shown) flash.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { dateOf, kindLabel, money, t } from './messages.js';
import { rightLabel, type Right, type ShownCard } from './tap.js';

@customElement('display-card-view')
export class CardView extends LitElement {
  @property({ attribute: false }) card!: ShownCard;
  /** Assets whose amount changed in the last pushed update. */
  @property({ attribute: false }) changed: readonly string[] = [];
  /** Bumped on each pushed update, to replay the flash. */
  @property({ type: Number }) updates = 0;
  @property({ type: Number }) secondsLeft = 0;
  /** How long the card is shown in all (the countdown bar's full width). */
  @property({ type: Number }) totalSeconds = 8;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        width: min(100%, 1100px);
        margin: 0 auto;
        color: #fff;
        text-align: center;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        align-items: center;
        gap: var(--pass-space-2) var(--pass-space-4);
        margin-bottom: var(--pass-space-3);
      }
      .number {
        font-size: clamp(1.4rem, 3vw, 2.2rem);
        font-weight: 800;
      }
      .number small {
        font-weight: 500;
        font-size: 0.6em;
        opacity: 0.8;
        margin-right: 0.4em;
      }
      .updated {
        font-weight: 700;
        color: var(--pass-success);
        background: var(--pass-success-bg);
        border-radius: 999px;
        padding: 4px 14px;
        font-size: clamp(0.9rem, 1.6vw, 1.15rem);
      }
      h2 {
        font-size: clamp(1rem, 2vw, 1.4rem);
        margin: var(--pass-space-4) 0 var(--pass-space-2);
        text-transform: uppercase;
        letter-spacing: 0.06em;
        opacity: 0.85;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pass-space-4);
        justify-content: center;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 460px));
        text-align: left;
      }
      .balance {
        background: var(--pass-surface);
        color: var(--pass-text);
        border-radius: var(--pass-radius);
        padding: var(--pass-space-4) var(--pass-space-5);
        box-shadow: 0 4px 18px rgb(0 0 0 / 0.18);
        min-width: 0;
      }
      .balance.flash {
        animation: flash 1.6s ease-out;
      }
      @keyframes flash {
        0% {
          box-shadow: 0 0 0 8px var(--pass-focus);
          transform: scale(1.03);
        }
        100% {
          box-shadow: 0 4px 18px rgb(0 0 0 / 0.18);
          transform: none;
        }
      }
      .name {
        font-size: clamp(1.1rem, 2.2vw, 1.6rem);
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .kind {
        font-size: clamp(0.85rem, 1.4vw, 1rem);
      }
      .amount {
        display: block;
        font-size: clamp(2.4rem, 6vw, 4.6rem);
        font-weight: 800;
        letter-spacing: -0.02em;
        line-height: 1.1;
        margin-top: var(--pass-space-2);
      }
      .right {
        background: rgb(255 255 255 / 0.14);
        border: 2px solid rgb(255 255 255 / 0.4);
        border-radius: var(--pass-radius);
        padding: var(--pass-space-3) var(--pass-space-4);
        font-size: clamp(1rem, 1.8vw, 1.3rem);
      }
      .right strong {
        display: block;
      }
      .none {
        font-size: 1.3rem;
      }
      .countdown {
        width: min(100%, 460px);
        margin: var(--pass-space-5) auto 0;
        font-size: 0.95rem;
        opacity: 0.9;
      }
      .countdown .track {
        height: 6px;
        border-radius: 3px;
        background: rgb(255 255 255 / 0.25);
        margin-top: var(--pass-space-2);
        overflow: hidden;
      }
      .countdown .fill {
        height: 100%;
        background: rgb(255 255 255 / 0.85);
        transition: width 1s linear;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const c = this.card;
    return html`<div class="head">
        <div class="number" data-testid="card-number"><small>${t('card')}</small>${c.number}</div>
        ${this.updates ? html`<div class="updated" role="status" data-testid="balance-updated">${t('updated')}</div>` : nothing}
      </div>
      <h2>${t('balances')}</h2>
      ${c.balances.length
        ? html`<ul data-testid="balances">
            ${c.balances.map(
              (b) => html`<li
                class="balance ${this.changed.includes(b.asset) ? 'flash' : ''}"
                data-testid="balance"
                data-asset=${b.asset}
                data-amount=${b.amount}
                data-flash=${this.updates}
              >
                <div class="name">${b.name}</div>
                <div class="kind muted">${kindLabel(b.kind)}</div>
                <span class="amount money">${b.kind === 'loyalty' ? t('loyaltyUnits', { n: String(b.amount) }) : money(b.amount)}</span>
              </li>`,
            )}
          </ul>`
        : html`<p class="none" data-testid="no-balance">${t('noBalance')}</p>`}
      ${this.rights(t('tickets'), c.tickets, 'tickets')} ${this.rights(t('memberships'), c.memberships, 'memberships')}
      <div class="countdown" aria-live="off">
        ${t('clearsIn', { s: this.secondsLeft })}
        <div class="track"><div class="fill" style="width:${Math.min(100, (this.secondsLeft / Math.max(1, this.totalSeconds)) * 100)}%"></div></div>
      </div>`;
  }

  private rights(title: string, list: readonly Right[], testId: string) {
    if (!list.length) return nothing;
    return html`<h2>${title}</h2>
      <ul data-testid=${testId}>
        ${list.map((r) => {
          const { name, detail, validUntil } = rightLabel(r);
          return html`<li class="right">
            <strong>${name}</strong>
            ${detail ? html`<span>${detail}</span>` : nothing} ${validUntil !== undefined ? html`<span>${t('validUntil', { date: dateOf(validUntil) })}</span>` : nothing}
          </li>`;
        })}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'display-card-view': CardView;
  }
}
