// The outcome of a money command, full screen and unmistakable: green with the facts (sale
// number, total, CHANGE DUE, new balances), red with the reason, or amber "not confirmed yet".
// Property down: `view`, `doneLabel`; events up: `result-done`, `result-back`, `result-retry`,
// `result-continue`.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import './balance-list.js';
import { errorIcon, okIcon, waitIcon } from './icons.js';
import { failureReason, t } from './messages.js';
import { sendingPanel, spinnerStyles } from './sending-panel.js';
import type { TxView } from './tx-view.js';

@customElement('lb-tx-result')
export class TxResult extends LitElement {
  @property({ attribute: false }) view: TxView = { status: 'sending' };
  @property() doneLabel = '';

  static override styles = [
    baseStyles,
    buttonStyles,
    spinnerStyles,
    css`
      :host {
        display: block;
        max-width: 640px;
        margin: 0 auto;
        width: 100%;
      }
      .panel {
        border-radius: var(--pass-radius);
        padding: var(--pass-space-5) var(--pass-space-4);
        background: var(--pass-surface);
        box-shadow: var(--pass-shadow);
        border-top: 10px solid var(--pass-border);
      }
      .ok {
        border-color: var(--pass-success);
      }
      .error {
        border-color: var(--pass-danger);
      }
      .pending,
      .ok.offline {
        border-color: var(--pass-warning);
      }
      .head {
        display: flex;
        align-items: center;
        gap: var(--pass-space-3);
        margin-bottom: var(--pass-space-4);
      }
      .ok .head {
        color: var(--pass-success);
      }
      .error .head {
        color: var(--pass-danger);
      }
      .pending .head {
        color: var(--pass-warning);
      }
      h2 {
        font-size: 1.6rem;
      }
      dl {
        margin: 0;
      }
      .fact {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--pass-space-3);
        padding: var(--pass-space-2) 0;
        border-bottom: 1px solid var(--pass-border);
      }
      dt {
        color: var(--pass-muted);
        font-weight: 600;
      }
      dd {
        margin: 0;
        font-weight: 800;
        font-size: 1.3rem;
        text-align: right;
      }
      .fact.emphasis {
        background: var(--pass-success-bg);
        border: 0;
        border-radius: var(--pass-radius-small);
        padding: var(--pass-space-3);
        margin: var(--pass-space-2) 0;
      }
      .fact.emphasis dt {
        color: var(--pass-success);
        font-size: 1.2rem;
        text-transform: uppercase;
      }
      .fact.emphasis dd {
        font-size: 2.6rem;
        color: var(--pass-success);
      }
      .reason {
        font-size: 1.3rem;
        font-weight: 700;
        margin: 0 0 var(--pass-space-2);
      }
      h3 {
        font-size: 1.1rem;
        margin: var(--pass-space-4) 0 var(--pass-space-1);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pass-space-2);
        margin-top: var(--pass-space-5);
      }
      .actions button {
        flex: 1 1 200px;
      }
      .center {
        text-align: center;
      }
      code {
        font-family: var(--pass-font-mono);
        font-size: 0.9rem;
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
      case 'sending':
        return sendingPanel('result-sending', t('result.sending'));
      case 'pending':
        return html`<div class="panel pending" data-testid="result-pending" role="alert">
          <div class="head">${waitIcon(40)}<h2>${t('result.pendingTitle')}</h2></div>
          <p class="reason">${t('result.pendingText')}</p>
          <p class="muted">${view.code ? html`${t('result.serverSaid')} <code>${view.code}</code>. ` : nothing}${t('result.pendingHint')}</p>
          <div class="actions">
            <button data-testid="result-continue" @click=${() => this.emit('result-continue')}>${t('result.continue')}</button>
            <button class="primary big" data-testid="result-retry" @click=${() => this.emit('result-retry')}>${t('result.retry')}</button>
          </div>
        </div>`;
      case 'ok':
        return html`<div class="panel ok ${view.offline ? 'offline' : ''}" data-testid=${view.offline ? 'result-offline' : 'result-ok'} role="status">
          <div class="head">${okIcon(40)}<h2>${view.title}</h2></div>
          <dl>
            ${view.facts.map(
              (f) => html`<div class="fact ${f.emphasis ? 'emphasis' : ''}">
                <dt>${f.label}</dt>
                <dd class="money" data-testid=${f.testid}>${f.value}</dd>
              </div>`,
            )}
          </dl>
          ${view.balances
            ? html`<h3>${t('result.newBalances')}</h3>
                <lb-balance-list data-testid="result-balances" .balances=${view.balances}></lb-balance-list>`
            : nothing}
          <div class="actions">
            <button class="primary big" data-testid="result-new" @click=${() => this.emit('result-done')}>${this.doneLabel || t('result.done')}</button>
          </div>
        </div>`;
      case 'error':
        return html`<div class="panel error" data-testid="result-error" data-code=${view.failure.code} role="alert">
          <div class="head">${errorIcon(40)}<h2>${t('result.errorTitle')}</h2></div>
          <p class="reason" data-testid="result-reason">${failureReason(view.failure)}</p>
          <p class="muted"><code>${view.failure.code}</code>${view.failure.message ? html` · ${view.failure.message}` : nothing}</p>
          <div class="actions">
            <button data-testid="result-cancel" @click=${() => this.emit('result-done')}>${t('result.abandon')}</button>
            <button class="primary big" data-testid="result-back" @click=${() => this.emit('result-back')}>${t('result.back')}</button>
          </div>
        </div>`;
    }
  }

  private emit(name: string): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-tx-result': TxResult;
  }
}
