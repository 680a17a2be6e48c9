// The last sales of this terminal (kept on the device) with their refund, and the commands
// still waiting for the server's answer. Properties down: sales, pending, commands; the app
// records settled sales and refunds, so this screen only sends.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { AwaitedCommand } from './awaited-command.js';
import { money, timeOf } from './format.js';
import { t } from './messages.js';
import { MoneyCommands, newTxId, type Outcome } from './money-commands.js';
import { OutboxFullError, type OutboxEntry } from './outbox.js';
import type { Ack, RefundAnswer } from './protocol.js';
import { refundedTotal, type RecentSale } from './recent-sales.js';
import './tx-result.js';
import type { TxView } from './tx-view.js';

type View = { status: 'list' } | { status: 'confirm'; sale: RecentSale } | { status: 'result'; sale: RecentSale; view: TxView };

@customElement('lb-sales-screen')
export class SalesScreen extends LitElement {
  @property({ attribute: false }) sales: readonly RecentSale[] = [];
  @property({ attribute: false }) pending: readonly OutboxEntry[] = [];
  @property({ attribute: false }) commands!: MoneyCommands;
  @state() private view: View = { status: 'list' };
  /** The unconfirmed command whose "abandon" asks for a second tap. */
  @state() private confirmingAbandon = '';
  private readonly awaited = new AwaitedCommand(
    this,
    () => this.commands,
    (_entry, ack) => this.view.status === 'result' && this.show(this.view.sale, { state: 'done', ack: ack as Ack<RefundAnswer> }),
  );

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
        max-width: 760px;
        margin: 0 auto;
        width: 100%;
      }
      h2 {
        font-size: 1.4rem;
        margin: 0 0 var(--pass-space-3);
      }
      section + section {
        margin-top: var(--pass-space-5);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pass-space-2);
      }
      li {
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-3) var(--pass-space-4);
        display: grid;
        grid-template-columns: 1fr auto;
        gap: var(--pass-space-2);
        align-items: center;
      }
      .title {
        font-weight: 800;
        font-size: 1.1rem;
      }
      .lines {
        overflow-wrap: anywhere;
      }
      .amount {
        font-weight: 800;
        font-size: 1.2rem;
        text-align: right;
      }
      .refunded {
        color: var(--pass-warning);
        font-weight: 700;
      }
      .pending li {
        border-left: 6px solid var(--pass-warning);
      }
      .row-actions {
        grid-column: 1 / -1;
        display: flex;
        gap: var(--pass-space-2);
        flex-wrap: wrap;
      }
      .confirm {
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-5) var(--pass-space-4);
        border-top: 10px solid var(--pass-warning);
      }
      .confirm p {
        font-size: 1.2rem;
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: var(--pass-space-2);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const view = this.view;
    if (view.status === 'confirm') return this.renderConfirm(view.sale);
    if (view.status === 'result') {
      return html`<lb-tx-result
        .view=${view.view}
        doneLabel=${t('sales.backToList')}
        @result-done=${this.backToList}
        @result-continue=${this.backToList}
        @result-back=${this.backToList}
        @result-retry=${this.retryRefund}
      ></lb-tx-result>`;
    }
    return html`${this.pending.length ? this.renderPending() : nothing}
      <section>
        <h2>${t('sales.title')}</h2>
        ${this.sales.length === 0
          ? html`<p class="muted" data-testid="sales-empty">${t('sales.empty')}</p>`
          : html`<ul data-testid="sales">
              ${this.sales.map((sale) => this.renderSale(sale))}
            </ul>`}
      </section>`;
  }

  private renderSale(sale: RecentSale) {
    const refunded = refundedTotal(sale);
    return html`<li data-testid="sale-row-${sale.saleId}">
      <span>
        <span class="title">#${sale.number}</span> <span class="muted">${timeOf(sale.atMs)} · ${sale.methods.map((m) => t(`pay.${m as 'cash'}`)).join(' + ')}</span><br />
        <span class="lines muted">${sale.lines.map((l) => `${l.qty} × ${l.name}`).join(', ')}</span>
        ${refunded ? html`<br /><span class="refunded" data-testid="sale-refunded-${sale.saleId}">${t('sales.refunded', { amount: money(refunded) })}</span>` : nothing}
      </span>
      <span class="amount money">${money(sale.total)}</span>
      <span class="row-actions">
        <button class="danger" data-testid="sale-refund-${sale.saleId}" ?disabled=${refunded >= sale.total} @click=${() => (this.view = { status: 'confirm', sale })}>${t('sales.refund')}</button>
      </span>
    </li>`;
  }

  private renderConfirm(sale: RecentSale) {
    const left = sale.total - refundedTotal(sale);
    return html`<div class="confirm" data-testid="refund-dialog" role="alertdialog" aria-labelledby="refund-q">
      <h2 id="refund-q">${t('sales.refundTitle', { number: sale.number })}</h2>
      <p>${t('sales.refundQuestion', { amount: money(left) })}</p>
      <div class="actions">
        <button data-testid="refund-cancel" @click=${this.backToList}>${t('pay.cancel')}</button>
        <button class="big danger-solid" data-testid="refund-confirm" @click=${() => this.refund(sale)}>${t('sales.refundConfirm')}</button>
      </div>
    </div>`;
  }

  private renderPending() {
    return html`<section class="pending">
      <h2>${t('sales.pendingTitle', { count: this.pending.length })}</h2>
      <p class="muted">${t('sales.pendingHint')}</p>
      <ul data-testid="outbox">
        ${this.pending.map((entry) => {
          const amount = pendingAmount(entry);
          return html`<li data-testid="outbox-row-${entry.txId}">
            <span>
              <span class="title">${t(`command.${entry.command}`)}</span>
              <span class="muted">${timeOf(entry.createdAtMs)} · ${t('sales.attempts', { count: entry.attempts })}</span>
            </span>
            <span class="amount money">${amount === undefined ? '' : money(amount)}</span>
            <span class="row-actions">
              <button class="primary" data-testid="outbox-retry-${entry.txId}" @click=${() => this.commands.resendPending()}>${t('result.retry')}</button>
              ${this.confirmingAbandon === entry.txId
                ? html`<button class="danger-solid" data-testid="outbox-abandon-confirm-${entry.txId}" @click=${() => this.abandon(entry.txId)}>${t('sales.abandonConfirm')}</button>`
                : html`<button class="danger" data-testid="outbox-abandon-${entry.txId}" @click=${() => (this.confirmingAbandon = entry.txId)}>${t('sales.abandon')}</button>`}
            </span>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private async refund(sale: RecentSale): Promise<void> {
    const txId = newTxId();
    this.awaited.txId = txId;
    this.view = { status: 'result', sale, view: { status: 'sending' } };
    let outcome: Outcome<RefundAnswer>;
    try {
      outcome = await this.commands.send('refund', { txId, saleId: sale.saleId }, { saleNumber: sale.number });
    } catch (err) {
      if (!(err instanceof OutboxFullError)) throw err;
      outcome = { state: 'done', ack: { ok: false, code: 'OUTBOX_FULL', message: err.message } };
    }
    if (this.awaited.txId === txId) this.show(sale, outcome);
  }

  private show(sale: RecentSale, outcome: Outcome<RefundAnswer>): void {
    const txId = this.awaited.txId ?? '';
    let view: TxView;
    if (outcome.state === 'pending') view = { status: 'pending', txId, code: outcome.code };
    else if (!outcome.ack.ok) view = { status: 'error', failure: outcome.ack };
    else {
      view = {
        status: 'ok',
        title: t('sales.refundDone'),
        facts: [
          { label: t('sale.number'), value: `#${sale.number}`, testid: 'result-sale-number' },
          { label: t('sales.refundedAmount'), value: money(outcome.ack.refunded), testid: 'result-refunded', emphasis: true },
        ],
      };
    }
    this.view = { status: 'result', sale, view };
  }

  private retryRefund = async (): Promise<void> => {
    const view = this.view;
    if (view.status !== 'result') return;
    const txId = this.awaited.txId ?? '';
    this.view = { ...view, view: { status: 'sending' } };
    if (await this.awaited.retry()) this.view = { ...view, view: { status: 'pending', txId } };
  };

  private abandon(txId: string): void {
    this.commands.abandon(txId);
    this.confirmingAbandon = '';
  }

  private backToList = (): void => {
    this.awaited.txId = undefined;
    this.view = { status: 'list' };
  };
}

/** What an unconfirmed command moves, for the list (sale total, top-up amount). */
function pendingAmount(entry: OutboxEntry): number | undefined {
  const context = entry.context as { total?: unknown; amount?: unknown } | undefined;
  const value = context?.total ?? context?.amount;
  return typeof value === 'number' ? value : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-sales-screen': SalesScreen;
  }
}
