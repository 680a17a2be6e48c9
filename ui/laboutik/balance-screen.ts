// "How much is on this card?": tap → `balance {cardUid}` → the card's number and state, its
// balances per currency, its memberships and tickets. Reads nothing but what the card holds.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import './balance-list.js';
import './card-tap.js';
import './card-desk.js';
import type { DeskCall } from './card-desk.js';
import type { CardEvent } from './card-tap.js';
import { failureReason, t } from './messages.js';
import type { CardTap, NfcStatus } from './nfc-controller.js';
import type { BalanceAnswer, BalanceQuery, Failure } from './protocol.js';

type View = { status: 'tap' } | { status: 'loading'; uid: string } | { status: 'shown'; uid: string; answer: BalanceAnswer } | { status: 'error'; uid: string; failure: Failure };

@customElement('lb-balance-screen')
export class BalanceScreen extends LitElement {
  @property({ attribute: false }) lookup!: BalanceQuery;
  /** The card desk's commands (cash-out, block); without it the screen only reads. */
  @property({ attribute: false }) desk: DeskCall | undefined;
  @property({ attribute: false }) tap: CardTap | undefined;
  @property() nfcStatus: NfcStatus = 'unavailable';
  @state() private view: View = { status: 'tap' };

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
        max-width: 640px;
        margin: 0 auto;
        width: 100%;
      }
      h2 {
        font-size: 1.4rem;
        margin-bottom: var(--pass-space-3);
      }
      .panel {
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-4);
        margin-bottom: var(--pass-space-3);
      }
      .card-head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--pass-space-2);
        margin-bottom: var(--pass-space-2);
      }
      .number {
        font-size: 1.5rem;
        font-weight: 800;
      }
      .state {
        font-weight: 700;
        padding: var(--pass-space-1) var(--pass-space-3);
        border-radius: 999px;
        background: var(--pass-success-bg);
        color: var(--pass-success);
      }
      .state.blocked {
        background: var(--pass-danger-bg);
        color: var(--pass-danger);
      }
      .rights {
        display: flex;
        gap: var(--pass-space-4);
        flex-wrap: wrap;
      }
      .rights strong {
        font-size: 1.3rem;
      }
      .error {
        border-top: 10px solid var(--pass-danger);
      }
      .reason {
        font-size: 1.3rem;
        font-weight: 700;
        color: var(--pass-danger);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const view = this.view;
    switch (view.status) {
      case 'tap':
        return html`<h2>${t('balance.title')}</h2>
          <lb-card-tap .tap=${this.tap} nfcStatus=${this.nfcStatus} prompt=${t('balance.tapPrompt')} @card=${this.onCard}></lb-card-tap>`;
      case 'loading':
        return html`<h2>${t('balance.title')}</h2>
          <p class="panel" data-testid="balance-loading" role="status">${t('balance.loading')}</p>`;
      case 'error':
        return html`<h2>${t('balance.title')}</h2>
          <div class="panel error" data-testid="balance-error" data-code=${view.failure.code} role="alert">
            <p class="reason">${failureReason(view.failure)}</p>
            <p class="muted">${view.uid} · ${view.failure.code}</p>
          </div>
          ${this.againButton()}`;
      case 'shown':
        return this.renderCard(view.answer);
    }
  }

  private renderCard(answer: BalanceAnswer) {
    const blocked = answer.card.state === 'blocked';
    return html`<h2>${t('balance.title')}</h2>
      <section class="panel" data-testid="balance-card">
        <div class="card-head">
          <span class="number" data-testid="balance-card-number">${answer.card.number}</span>
          <span class="state ${blocked ? 'blocked' : ''}" data-testid="balance-card-state" data-state=${answer.card.state}>
            ${t(blocked ? 'card.blocked' : answer.card.state === 'active' ? 'card.active' : 'card.notActive')}
          </span>
        </div>
        <lb-balance-list .balances=${answer.balances}></lb-balance-list>
        ${this.desk && this.view.status === 'shown'
          ? html`<lb-card-desk
              .desk=${this.desk}
              cardUid=${this.view.uid}
              cardState=${answer.card.state}
              total=${answer.balances.filter((b) => b.kind === 'global' || b.kind === 'local').reduce((s, b) => s + b.amount, 0)}
              @desk-done=${this.reload}
            ></lb-card-desk>`
          : nothing}
      </section>
      ${answer.memberships?.length || answer.tickets?.length
        ? html`<section class="panel rights">
            <span data-testid="balance-memberships">${t('balance.memberships')} <strong>${answer.memberships?.length ?? 0}</strong></span>
            <span data-testid="balance-tickets">${t('balance.tickets')} <strong>${answer.tickets?.length ?? 0}</strong></span>
          </section>`
        : nothing}
      ${this.againButton()}`;
  }

  /** After a desk action the card is read again: what the screen shows is what the server holds now. */
  private reload = async (): Promise<void> => {
    if (this.view.status !== 'shown') return;
    const { uid } = this.view;
    const ack = await this.lookup(uid).catch(() => null);
    if (ack?.ok && this.view.status === 'shown' && this.view.uid === uid) this.view = { status: 'shown', uid, answer: ack };
  };

  private againButton() {
    return html`<button class="big primary block" data-testid="balance-new" @click=${() => (this.view = { status: 'tap' })}>${t('balance.another')}</button>`;
  }

  private onCard = async (e: CardEvent): Promise<void> => {
    const uid = e.detail.uid;
    this.view = { status: 'loading', uid };
    let ack: Awaited<ReturnType<BalanceQuery>>;
    try {
      ack = await this.lookup(uid);
    } catch {
      ack = { ok: false, code: 'TIMEOUT', message: '' };
    }
    if (this.view.status !== 'loading' || this.view.uid !== uid) return; // a newer tap won
    this.view = ack.ok ? { status: 'shown', uid, answer: ack } : { status: 'error', uid, failure: ack };
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-balance-screen': BalanceScreen;
  }
}
