// The card desk on the balance screen (staff): pay a card's balance back in cash at the end of
// the event (`cashOut`), block a card (`blockCard`), and move a lost card found by its printed
// number onto a fresh card tapped next (`replaceCard`). Each command carries a txId made here:
// resending it after a lost answer moves nothing twice. Events up: `desk-done` with the card to show.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { money } from './format.js';
import { failureReason, t } from './messages.js';
import { newTxId } from './money-commands.js';
import type { Ack, BalanceLine } from './protocol.js';

export type DeskCommand = 'cashOut' | 'blockCard' | 'replaceCard';
export type DeskCall = (command: DeskCommand, payload: Record<string, unknown>) => Promise<Ack<{ refunded?: number; card?: { number: string; state: string }; balances?: BalanceLine[] }>>;

@customElement('lb-card-desk')
export class CardDesk extends LitElement {
  @property({ attribute: false }) desk!: DeskCall;
  /** The card on display (tapped), or undefined on the tap screen (replace by number only). */
  @property() cardUid: string | undefined;
  @property() cardState = 'active';
  @property({ type: Number }) total = 0;
  @state() private message: { ok: boolean; text: string } | undefined;
  @state() private busy = false;

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      .actions {
        display: flex;
        gap: var(--pass-space-2);
        flex-wrap: wrap;
      }
      .message {
        font-weight: 700;
      }
      .message.error {
        color: var(--pass-danger);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const active = this.cardState === 'active';
    return html`<div class="actions">
        ${active && this.total > 0
          ? html`<button class="big" data-testid="desk-cashout" ?disabled=${this.busy} @click=${this.cashOut}>${t('desk.cashOut', { amount: money(this.total) })}</button>`
          : nothing}
        ${active ? html`<button class="big danger" data-testid="desk-block" ?disabled=${this.busy} @click=${this.block}>${t('desk.block')}</button>` : nothing}
      </div>
      ${this.message ? html`<p class="message ${this.message.ok ? '' : 'error'}" data-testid="desk-message" role="status">${this.message.text}</p>` : nothing}`;
  }

  private cashOut = () => this.run('cashOut', { txId: newTxId(), cardUid: this.cardUid, method: 'cash' }, (ack) => t('desk.cashedOut', { amount: money(ack.refunded ?? 0) }));

  private block = () => this.run('blockCard', { cardUid: this.cardUid }, () => t('desk.blocked'));

  private async run(command: DeskCommand, payload: Record<string, unknown>, said: (ack: { refunded?: number }) => string): Promise<void> {
    this.busy = true;
    try {
      const ack = await this.desk(command, payload);
      this.message = ack.ok ? { ok: true, text: said(ack) } : { ok: false, text: failureReason(ack) };
      if (ack.ok) this.dispatchEvent(new CustomEvent('desk-done', { bubbles: true, composed: true }));
    } catch {
      this.message = { ok: false, text: t('desk.noAnswer') };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-card-desk': CardDesk;
  }
}
