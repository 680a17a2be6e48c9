// Adding money to a Pass: tap the card, choose the currency (local or global), the amount and
// how the customer pays (cash or bank card), then `topup` through the outbox → new balances.
// Properties down: commands, lookup (balance query), tap/nfcStatus.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import './amount-keypad.js';
import type { AmountChangeEvent } from './amount-keypad.js';
import './card-tap.js';
import type { CardEvent } from './card-tap.js';
import { AwaitedCommand } from './awaited-command.js';
import { money } from './format.js';
import { cardIcon, cashIcon } from './icons.js';
import { t } from './messages.js';
import { MoneyCommands, newTxId, type Outcome } from './money-commands.js';
import type { CardTap, NfcStatus } from './nfc-controller.js';
import { OutboxFullError } from './outbox.js';
import type { Ack, BalanceAnswer, BalanceQuery, TopupAnswer, TopupCommand } from './protocol.js';
import './tx-result.js';
import type { TxView } from './tx-view.js';

type Step = 'tap' | 'form' | 'result';
type Lookup = { status: 'loading' } | { status: 'ready'; answer: BalanceAnswer } | { status: 'failed' };

const quickAmounts = [500, 1000, 2000, 5000];

@customElement('lb-topup-screen')
export class TopupScreen extends LitElement {
  @property({ attribute: false }) commands!: MoneyCommands;
  @property({ attribute: false }) lookup!: BalanceQuery;
  @property({ attribute: false }) tap: CardTap | undefined;
  @property() nfcStatus: NfcStatus = 'unavailable';
  @state() private step: Step = 'tap';
  @state() private cardUid = '';
  @state() private card: Lookup = { status: 'loading' };
  @state() private asset: TopupCommand['asset'] = 'local';
  @state() private amount = 0;
  @state() private method: TopupCommand['method'] = 'cash';
  @state() private view: TxView = { status: 'sending' };
  private readonly awaited = new AwaitedCommand(
    this,
    () => this.commands,
    (entry, ack) => this.show(entry.payload as unknown as TopupCommand, { state: 'done', ack: ack as Ack<TopupAnswer> }),
  );

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
        max-width: 980px;
        margin: 0 auto;
        width: 100%;
      }
      h2 {
        font-size: 1.4rem;
        margin-bottom: var(--pass-space-3);
      }
      h3 {
        font-size: 1rem;
        margin: 0 0 var(--pass-space-1);
      }
      .tap {
        max-width: 640px;
        margin: 0 auto;
      }
      .form {
        display: grid;
        gap: var(--pass-space-3) var(--pass-space-5);
        grid-template-columns: minmax(0, 1fr);
        grid-template-areas: 'card' 'currency' 'method' 'amount' 'actions';
        --keypad-key-height: 48px;
      }
      .card {
        grid-area: card;
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-2) var(--pass-space-4);
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--pass-space-2);
      }
      .card strong {
        font-size: 1.2rem;
      }
      .currency {
        grid-area: currency;
      }
      .method {
        grid-area: method;
      }
      .amount {
        grid-area: amount;
      }
      .choice {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: var(--pass-space-2);
      }
      .choice button {
        line-height: 1.15;
      }
      .choice button[aria-pressed='true'] {
        background: var(--pass-text);
        border-color: var(--pass-text);
        color: var(--pass-surface);
      }
      .quick {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: var(--pass-space-2);
        margin-bottom: var(--pass-space-2);
      }
      .quick button {
        padding: var(--pass-space-1);
      }
      .warning {
        color: var(--pass-danger);
        font-weight: 700;
      }
      .actions {
        grid-area: actions;
        display: grid;
        grid-template-columns: 1fr 2fr;
        gap: var(--pass-space-2);
        align-self: end;
        /* The confirm button stays in reach when a small screen scrolls. */
        position: sticky;
        bottom: 0;
        background: var(--pass-bg);
        padding: var(--pass-space-1) 0;
      }
      @media (min-width: 760px) {
        .form {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
          grid-template-rows: auto auto auto 1fr;
          grid-template-areas: 'card amount' 'currency amount' 'method amount' 'actions amount';
          --keypad-key-height: 60px;
        }
        .choice button {
          min-height: var(--pass-tap-big);
        }
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    if (this.step === 'tap') {
      return html`<div class="tap">
        <h2>${t('topup.title')}</h2>
        <lb-card-tap .tap=${this.tap} nfcStatus=${this.nfcStatus} prompt=${t('topup.tapPrompt')} @card=${this.onCard}></lb-card-tap>
      </div>`;
    }
    if (this.step === 'result') {
      return html`<lb-tx-result
        .view=${this.view}
        doneLabel=${t('topup.next')}
        @result-done=${this.reset}
        @result-continue=${this.reset}
        @result-back=${() => (this.step = 'form')}
        @result-retry=${this.retry}
      ></lb-tx-result>`;
    }
    return this.renderForm();
  }

  private renderForm() {
    const localName = this.card.status === 'ready' ? this.card.answer.balances.find((b) => b.kind === 'local')?.name : undefined;
    return html`<h2>${t('topup.title')}</h2>
      <div class="form">
        ${this.renderCard()}
        <div class="currency">
          <h3 id="currency">${t('topup.currency')}</h3>
          <div class="choice" role="group" aria-labelledby="currency">
            <button aria-pressed=${String(this.asset === 'local')} data-testid="topup-asset-local" @click=${() => (this.asset = 'local')}>
              ${localName ? `${t('topup.local')} · ${localName}` : t('topup.local')}
            </button>
            <button aria-pressed=${String(this.asset === 'global')} data-testid="topup-asset-global" @click=${() => (this.asset = 'global')}>${t('topup.global')}</button>
          </div>
        </div>
        <div class="method">
          <h3 id="method">${t('topup.paidWith')}</h3>
          <div class="choice" role="group" aria-labelledby="method">
            <button aria-pressed=${String(this.method === 'cash')} data-testid="topup-method-cash" @click=${() => (this.method = 'cash')}>${cashIcon(22)}${t('pay.cash')}</button>
            <button aria-pressed=${String(this.method === 'card')} data-testid="topup-method-card" @click=${() => (this.method = 'card')}>${cardIcon(22)}${t('pay.card')}</button>
          </div>
        </div>
        <div class="amount">
          <div class="quick">
            ${quickAmounts.map((cents) => html`<button data-testid="topup-quick-${cents}" @click=${() => (this.amount = cents)}>${money(cents)}</button>`)}
          </div>
          <lb-amount-keypad .value=${this.amount} label=${t('topup.amount')} @amount-change=${(e: AmountChangeEvent) => (this.amount = e.detail.cents)}></lb-amount-keypad>
        </div>
        <div class="actions">
          <button class="danger" data-testid="topup-cancel" @click=${this.reset}>${t('pay.cancel')}</button>
          <button class="big success" data-testid="topup-submit" ?disabled=${this.amount <= 0} @click=${this.submit}>
            ${t('topup.submit', { amount: money(this.amount) })}
          </button>
        </div>
      </div>`;
  }

  private renderCard() {
    const card = this.card;
    return html`<div class="card" data-testid="topup-card">
      <span>
        <span class="muted">${t('card.label')}</span><br />
        <strong data-testid="topup-card-number">${card.status === 'ready' ? card.answer.card.number : this.cardUid}</strong>
        ${card.status === 'ready' && card.answer.card.state !== 'active' ? html`<br /><span class="warning">${t(card.answer.card.state === 'blocked' ? 'card.blocked' : 'card.notActive')}</span>` : nothing}
      </span>
      <button class="ghost" data-testid="topup-change-card" @click=${this.reset}>${t('card.change')}</button>
    </div>`;
  }

  private onCard = (e: CardEvent): void => {
    this.cardUid = e.detail.uid;
    this.step = 'form';
    this.card = { status: 'loading' };
    const uid = this.cardUid;
    // Shown for information only; the top-up itself is checked by the server.
    this.lookup(uid).then(
      (ack) => {
        if (uid === this.cardUid) this.card = ack.ok ? { status: 'ready', answer: ack } : { status: 'failed' };
      },
      () => uid === this.cardUid && (this.card = { status: 'failed' }),
    );
  };

  private submit = async (): Promise<void> => {
    if (this.amount <= 0) return;
    const command: TopupCommand = { txId: newTxId(), cardUid: this.cardUid, asset: this.asset, amount: this.amount, method: this.method };
    this.awaited.txId = command.txId;
    this.view = { status: 'sending' };
    this.step = 'result';
    let outcome: Outcome<TopupAnswer>;
    try {
      outcome = await this.commands.send('topup', command, { amount: command.amount, asset: command.asset });
    } catch (err) {
      if (!(err instanceof OutboxFullError)) throw err;
      outcome = { state: 'done', ack: { ok: false, code: 'OUTBOX_FULL', message: err.message } };
    }
    this.show(command, outcome);
  };

  private show(command: TopupCommand, outcome: Outcome<TopupAnswer>): void {
    if (command.txId !== this.awaited.txId) return;
    if (outcome.state === 'pending') {
      this.view = { status: 'pending', txId: command.txId, code: outcome.code };
      return;
    }
    const ack = outcome.ack;
    if (!ack.ok) {
      this.view = { status: 'error', failure: ack };
      return;
    }
    const number = this.card.status === 'ready' ? this.card.answer.card.number : command.cardUid;
    this.view = {
      status: 'ok',
      title: t('topup.done'),
      facts: [
        { label: t('topup.amount'), value: money(command.amount), testid: 'result-amount', emphasis: true },
        { label: t('card.label'), value: number, testid: 'result-card' },
      ],
      balances: ack.balances,
    };
  }

  private retry = async (): Promise<void> => {
    const txId = this.awaited.txId;
    if (!txId) return;
    this.view = { status: 'sending' };
    if (await this.awaited.retry()) this.view = { status: 'pending', txId };
  };

  private reset = (): void => {
    this.awaited.txId = undefined;
    this.step = 'tap';
    this.cardUid = '';
    this.amount = 0;
    this.card = { status: 'loading' };
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-topup-screen': TopupScreen;
  }
}
