// Village settlement: the daily statements that involve this collective (newest first), each
// saying who owes whom after netting and whether it was paid, and a "settle now" button that
// computes a finished day at once instead of waiting for the nightly job (the server refuses a
// day that is not over). Collectives are named from /api/collectives.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { previousDayKey } from '../../../core/settlement/periods.js';
import { api, ApiError } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { CollectiveSummary, SettlementStatement } from '../api-types.js';
import { formAlert, textField } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { dateOnly, errorText, t } from '../messages.js';
import './settlement-statement.js';

interface SettlementData {
  statements: SettlementStatement[];
  names: Map<string, string>;
  inVillage: boolean;
}

@customElement('settlement-panel')
export class SettlementPanel extends LitElement {
  @property() collectiveId = '';
  @state() private day = previousDayKey(Date.now());
  @state() private dayError = '';
  @state() private formError = '';
  /** The day just computed (its start), said until the next attempt. */
  @state() private computed: number | undefined;
  @state() private busy = false;

  private readonly data = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal): Promise<SettlementData> => {
      const [{ statements }, { collectives }] = await Promise.all([
        api<{ statements: SettlementStatement[] }>(`/api/collectives/${encodeURIComponent(id)}/settlements`, { signal }),
        api<{ collectives: CollectiveSummary[] }>('/api/collectives', { signal }),
      ]);
      const self = collectives.find((c) => c.id === id);
      return { statements, names: new Map(collectives.map((c) => [c.id, c.name])), inVillage: Boolean(self?.villageId) };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel" data-testid="settlement-panel">
      <h2>${t('settlement.title')}</h2>
      <p class="muted">${t('settlement.intro')}</p>
      ${loadView(
        this.data.state,
        (d) => this.body(d),
        () => this.data.reload(),
      )}
    </section>`;
  }

  private body(d: SettlementData) {
    return html`${d.inVillage ? this.settleForm() : html`<p class="empty" data-testid="settlement-no-village">${t('settlement.noVillage')}</p>`}
    ${
      d.statements.length
        ? repeat(
            d.statements,
            (s) => s._id,
            (s) => html`<settlement-statement .collectiveId=${this.collectiveId} .statement=${s} .names=${d.names} @paid=${() => this.data.reload()}></settlement-statement>`,
          )
        : d.inVillage
          ? html`<p class="empty" data-testid="settlement-empty">${t('settlement.none')}</p>`
          : nothing
    }`;
  }

  private settleForm() {
    return html`<form class="row" novalidate @submit=${this.settle} data-testid="settle-form">
        ${textField({ name: 'day', label: t('settlement.day'), type: 'date', value: this.day, error: this.dayError, narrow: true, testid: 'settle-day', onInput: (v) => (this.day = v) })}
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="settle-now">${this.busy ? t('settlement.settling') : t('settlement.settleNow')}</button>
      </form>
      ${formAlert(this.formError, 'settle-error')}
      ${this.computed !== undefined ? html`<p class="badge ok" role="status" data-testid="settle-notice">${t('settlement.computed', { day: dateOnly(this.computed, 'UTC') })}</p>` : nothing}`;
  }

  private readonly settle = async (event: Event) => {
    event.preventDefault();
    this.computed = undefined;
    this.formError = '';
    this.dayError = /^\d{4}-\d{2}-\d{2}$/.test(this.day) ? '' : t('required');
    if (this.dayError) return;
    this.busy = true;
    try {
      const { statement } = await api<{ statement: SettlementStatement }>(`/api/collectives/${encodeURIComponent(this.collectiveId)}/settlements`, { body: { day: this.day } });
      this.computed = statement.from;
      await this.data.reload();
    } catch (err) {
      // A refused day (not over yet, not a date) is said next to the day; anything else above the list.
      if (err instanceof ApiError && err.code === 'INVALID_INPUT') this.dayError = err.details.reason === 'PERIOD_NOT_OVER' ? t('settlement.notOver') : errorText(err.code, err.message);
      else {
        this.formError = errorLine(formErrorsOf(err));
      }
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'settlement-panel': SettlementPanel;
  }
}
