// Operators: the ledger's invariants checked on demand over the whole store, with the errors
// and warnings the check found (at most 50 of each, as the server reports them).
import { LitElement, html, nothing } from 'lit';
import type { LedgerCheckView } from '../../../gateways/http/routes/ops.js';
import { customElement, state } from 'lit/decorators.js';
import { api, ApiError } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { formAlert } from '../fields.js';
import { dateTime, errorText } from '../messages.js';
import { to } from './messages.js';

type LedgerCheck = LedgerCheckView;

type Run = { status: 'initial' } | { status: 'pending' } | { status: 'complete'; report: LedgerCheck } | { status: 'error'; code: string; message: string };

@customElement('ops-ledger')
export class OpsLedger extends LitElement {
  @state() private run: Run = { status: 'initial' };

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const pending = this.run.status === 'pending';
    return html`<section class="panel" data-testid="ledger-check">
      <div class="panel-head">
        <h2>${to('ledger.title')}</h2>
        <button type="button" class="primary" ?disabled=${pending} data-testid="ledger-run" @click=${this.verify}>${pending ? to('ledger.running') : to('ledger.run')}</button>
      </div>
      <p class="muted">${to('ledger.intro')}</p>
      ${this.run.status === 'error' ? formAlert(errorText(this.run.code, this.run.message)) : nothing}
      ${this.run.status === 'complete' ? this.report(this.run.report) : nothing}
    </section>`;
  }

  private report(r: LedgerCheck) {
    return html`<div data-testid="ledger-report" data-ok=${String(r.ok)}>
      <p><span class="badge ${r.ok ? 'ok' : 'bad'}" data-testid="ledger-verdict">${r.ok ? `✓ ${to('ledger.ok')}` : `✗ ${to('ledger.broken')}`}</span></p>
      <p>${to('ledger.rows', { rows: r.rows, chains: r.chains })} · <span class="muted">${to('ledger.checkedAt', { at: dateTime(r.checkedAt), ms: r.tookMs })}</span></p>
      ${r.errors.length ? html`<h3>${to('ledger.errors')}</h3><ul class="field-error">${r.errors.map((e) => html`<li>${e}</li>`)}</ul>` : nothing}
      ${r.warnings.length ? html`<h3>${to('ledger.warnings')}</h3><ul>${r.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
    </div>`;
  }

  private readonly verify = async () => {
    this.run = { status: 'pending' };
    try {
      const { report } = await api<{ report: LedgerCheck }>('/api/ops/verify-ledger', { timeoutMs: 120_000 });
      this.run = { status: 'complete', report };
    } catch (err) {
      this.run = { status: 'error', code: err instanceof ApiError ? err.code : 'NETWORK', message: err instanceof Error ? err.message : '' };
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ops-ledger': OpsLedger;
  }
}
