// One day's settlement statement: what this collective's balance is, then each pair of
// collectives — who owes whom after netting, the currency spent each way, paid or not — and its
// CSV export. Either side of a pair may record it as paid. The payment's txId is made in the
// browser once per confirmed click and kept until the server answers: a retry after a lost answer
// sends the same txId, so the server replays the first payment instead of paying twice (a new
// txId for a paid pair would be refused). Sends `paid` once a payment is recorded.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { newTxId } from '../../laboutik/money-commands.js';
import { panelStyles } from '../admin-styles.js';
import type { SettlementPair, SettlementStatement } from '../api-types.js';
import { dateOnly, dateTime, errorText, money, t } from '../messages.js';
import '../confirm-button.js';

@customElement('settlement-statement')
export class SettlementStatementView extends LitElement {
  @property() collectiveId = '';
  @property({ attribute: false }) statement!: SettlementStatement;
  @property({ attribute: false }) names = new Map<string, string>();
  /** Pair index being recorded. */
  @state() private busy: number | undefined;
  @state() private errors = new Map<number, string>();
  /** Pair index → the txId sent and not yet answered (reused by a retry). */
  private readonly unanswered = new Map<number, string>();

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      article {
        border-top: 1px solid var(--pass-border);
        padding-top: var(--pass-space-4);
        margin-top: var(--pass-space-4);
      }
      h3 {
        margin: 0;
      }
      .flows {
        font-variant-numeric: tabular-nums;
      }
      @media (min-width: 641px) {
        .flows {
          white-space: nowrap;
        }
      }
      /* Stacked on a phone: the lines are too long to share a row with their column's name. */
      @media (max-width: 640px) {
        td.flows::before {
          content: attr(data-title);
          display: block;
          color: var(--pass-muted);
          font-size: 0.85rem;
          font-weight: 600;
        }
      }
      td.state {
        white-space: nowrap;
      }
      .field-error {
        white-space: normal;
        text-align: left;
        max-width: 320px;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const s = this.statement;
    return html`<article data-testid="statement" data-statement-id=${s._id} data-period=${s.periodKey}>
      <div class="panel-head">
        <h3>${t('settlement.statement', { day: dateOnly(s.from, 'UTC') })}</h3>
        <a class="btn small-btn" href=${this.path('csv')} download data-testid="statement-csv">${t('settlement.csv')}</a>
      </div>
      <p data-testid="statement-balance">${this.balance()}</p>
      ${s.pairs.length ? this.table() : html`<p class="empty">${t('settlement.noFlow')}</p>`}
    </article>`;
  }

  private balance(): string {
    const balance = this.statement.totals[this.collectiveId]?.balance ?? 0;
    if (balance > 0) return t('settlement.balance.owed', { amount: money(balance) });
    if (balance < 0) return t('settlement.balance.owes', { amount: money(-balance) });
    return t('settlement.balance.even');
  }

  private table() {
    return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th>${t('settlement.netting')}</th>
            <th>${t('settlement.flows')}</th>
            <th>${t('settlement.state')}</th>
            <th class="num">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.statement.pairs.map((p, i) => this.row(p, i))}
        </tbody>
      </table>
    </div>`;
  }

  private row(p: SettlementPair, index: number) {
    const payment = this.statement.payments[String(index)];
    const settleable = p.net > 0 || p.aToB.due !== 0 || p.bToA.due !== 0;
    const involved = p.a === this.collectiveId || p.b === this.collectiveId;
    const error = this.errors.get(index);
    return html`<tr data-testid="pair-row" data-pair-index=${index} data-paid=${String(Boolean(payment))}>
      <td data-testid="pair-summary"><strong>${this.summary(p)}</strong></td>
      <td data-title=${t('settlement.flows')} class="flows" data-testid="pair-flows">${this.flow(p.a, p.b, p.aToB.due)}<br />${this.flow(p.b, p.a, p.bToA.due)}</td>
      <td data-label=${t('settlement.state')} class="state" data-testid="pair-state">
        ${
          payment
            ? html`<span class="badge ok">${t('settlement.paidOn', { at: dateTime(payment.at) })}</span>`
            : settleable
              ? html`<span class="badge warn">${t('settlement.unpaid')}</span>`
              : '—'
        }
      </td>
      <td class="actions-cell">
        ${
          !payment && settleable && involved
            ? html`<confirm-button
                small
                variant="primary"
                label=${t('settlement.markPaid')}
                question=${this.question(p)}
                testid="pair-pay"
                ?disabled=${this.busy === index}
                @confirmed=${() => this.markPaid(index)}
              ></confirm-button>`
            : nothing
        }
        ${error ? html`<div class="field-error" role="alert" data-testid="pair-error">${error}</div>` : nothing}
      </td>
    </tr>`;
  }

  private summary(p: SettlementPair): string {
    if (p.net > 0 && p.debtor && p.creditor) return t('settlement.owes', { debtor: this.name(p.debtor), creditor: this.name(p.creditor), amount: money(p.net) });
    return t('settlement.even', { a: this.name(p.a), b: this.name(p.b) });
  }

  private question(p: SettlementPair): string {
    if (p.net > 0 && p.debtor && p.creditor) return t('settlement.markPaidConfirm', { debtor: this.name(p.debtor), creditor: this.name(p.creditor), amount: money(p.net) });
    return t('settlement.markEvenConfirm', { a: this.name(p.a), b: this.name(p.b) });
  }

  private flow(issuer: string, holder: string, due: number): string {
    return t('settlement.flow', { issuer: this.name(issuer), holder: this.name(holder), amount: money(due) });
  }

  private name(collectiveId: string): string {
    return this.names.get(collectiveId) ?? t('settlement.unknownCollective', { id: collectiveId });
  }

  private async markPaid(index: number): Promise<void> {
    const txId = this.unanswered.get(index) ?? newTxId();
    this.unanswered.set(index, txId);
    this.busy = index;
    this.errors = new Map([...this.errors].filter(([i]) => i !== index));
    try {
      await api(this.path(`pairs/${index}/paid`), { body: { txId } });
      this.unanswered.delete(index);
      this.dispatchEvent(new CustomEvent('paid'));
    } catch (err) {
      // No answer, or "try again": the payment may be recorded; keep its txId so the retry replays it.
      const unknown = !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
      if (!unknown) this.unanswered.delete(index);
      const message = unknown ? t('settlement.retrySame') : errorText((err as ApiError).code, (err as ApiError).message);
      this.errors = new Map(this.errors).set(index, message);
    } finally {
      this.busy = undefined;
    }
  }

  private path(tail: string): string {
    return `/api/collectives/${encodeURIComponent(this.collectiveId)}/settlements/${encodeURIComponent(this.statement._id)}/${tail}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settlement-statement': SettlementStatementView;
  }
}
