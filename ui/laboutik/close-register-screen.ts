// Closing the register from the terminal: the cashier counts the drawer blind (the expected
// amount is shown only after, so the count is not steered), `closeRegister {countedCash}`, then
// the result: expected cash, counted, the difference, and the Z ticket's totals.
// Properties down: `closeRegister` (the command), `posId` (for the printable Z link); event up:
// `close-register-exit` (back to the settings).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import './amount-keypad.js';
import type { AmountChangeEvent } from './amount-keypad.js';
import { money } from './format.js';
import { errorIcon, okIcon } from './icons.js';
import { failureReason, t } from './messages.js';
import type { ClosedShift, CloseRegisterAnswer, CloseRegisterCall, CloseRegisterCommand, Failure } from './protocol.js';
import { sendingPanel, spinnerStyles } from './sending-panel.js';
import './z-summary.js';

type View = { step: 'count' } | { step: 'sending' } | { step: 'done'; answer: CloseRegisterAnswer } | { step: 'error'; failure: Failure; command: CloseRegisterCommand };

@customElement('lb-close-register')
export class CloseRegisterScreen extends LitElement {
  @property({ attribute: false }) closeRegister!: CloseRegisterCall;
  @property() posId = '';
  @state() private counted = 0;
  @state() private view: View = { step: 'count' };

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
        --keypad-key-height: 48px;
      }
      @media (min-height: 700px) and (min-width: 520px) {
        :host {
          --keypad-key-height: 56px;
        }
      }
      h2 {
        font-size: 1.4rem;
        margin-bottom: var(--pass-space-2);
      }
      p {
        margin: 0 0 var(--pass-space-3);
      }
      .note {
        margin-top: var(--pass-space-3);
        font-size: 0.95rem;
        color: var(--pass-warning);
        background: var(--pass-warning-bg);
        border-radius: var(--pass-radius-small);
        padding: var(--pass-space-2) var(--pass-space-3);
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 2fr;
        gap: var(--pass-space-2);
        margin-top: var(--pass-space-3);
      }
      .skip {
        margin-top: var(--pass-space-2);
      }
      .panel {
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-4);
        margin-bottom: var(--pass-space-3);
      }
      .panel.ok {
        border-top: 10px solid var(--pass-success);
      }
      .panel.error {
        border-top: 10px solid var(--pass-danger);
      }
      .panel.closed {
        border-top: 10px solid var(--pass-warning);
      }
      .closed .head {
        color: var(--pass-warning);
      }
      .head {
        display: flex;
        align-items: center;
        gap: var(--pass-space-3);
        margin-bottom: var(--pass-space-3);
      }
      .ok .head {
        color: var(--pass-success);
      }
      .error .head {
        color: var(--pass-danger);
      }
      .head h2 {
        margin: 0;
      }
      dl {
        margin: 0;
      }
      .row {
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
        font-size: 1.2rem;
        text-align: right;
      }
      .difference {
        border: 0;
        border-radius: var(--pass-radius-small);
        padding: var(--pass-space-3);
        margin-top: var(--pass-space-2);
        background: var(--pass-success-bg);
        color: var(--pass-success);
      }
      .difference dt {
        color: inherit;
      }
      .difference .tone {
        font-weight: 800;
        font-size: 1.1rem;
      }
      .difference dd {
        font-size: 1.6rem;
      }
      .difference.short {
        background: var(--pass-danger-bg);
        color: var(--pass-danger);
      }
      .difference.over {
        background: var(--pass-warning-bg);
        color: var(--pass-warning);
      }
      .reason {
        font-size: 1.2rem;
        font-weight: 700;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pass-space-2);
      }
      .buttons > * {
        flex: 1 1 220px;
      }
      .center {
        text-align: center;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const view = this.view;
    switch (view.step) {
      case 'count':
        return this.renderCount();
      case 'sending':
        return sendingPanel('close-sending', t('close.sending'));
      case 'error':
        return this.renderError(view.failure, view.command);
      case 'done':
        return this.renderDone(view.answer);
    }
  }

  private renderCount() {
    return html`<section data-testid="close-count">
      <h2>${t('close.title')}</h2>
      <p>${t('close.intro')}</p>
      <lb-amount-keypad .value=${this.counted} label=${t('close.counted')} @amount-change=${(e: AmountChangeEvent) => (this.counted = e.detail.cents)}></lb-amount-keypad>
      <p class="note" role="note">${t('close.irreversible')}</p>
      <div class="actions">
        <button class="danger" data-testid="close-cancel" @click=${this.exit}>${t('pay.cancel')}</button>
        <button class="big success" data-testid="close-submit" @click=${() => this.send({ countedCash: this.counted })}>${t('close.submit', { amount: money(this.counted) })}</button>
      </div>
      <button class="ghost block skip" data-testid="close-without-count" @click=${() => this.send({})}>${t('close.withoutCount')}</button>
    </section>`;
  }

  private renderError(failure: Failure, command: CloseRegisterCommand) {
    // Already closed is not a fault: said calmly, in amber, with nothing to retry.
    const closed = failure.code === 'REGISTER_CLOSED';
    const reason = closed ? t('close.nothingToClose') : failureReason(failure);
    return html`<div class="panel ${closed ? 'closed' : 'error'}" data-testid="close-error" data-code=${failure.code} role=${closed ? 'status' : 'alert'}>
      <div class="head">${closed ? okIcon(40) : errorIcon(40)}<h2>${closed ? t('close.alreadyClosed') : t('result.errorTitle')}</h2></div>
      <p class="reason" data-testid="close-reason">${reason}</p>
      ${failure.code === 'TIMEOUT' ? html`<p class="muted">${t('close.timeoutHint')}</p>` : nothing}
      <div class="buttons">
        <button data-testid="close-back" @click=${this.exit}>${t('close.back')}</button>
        ${closed ? nothing : html`<button class="primary" data-testid="close-retry" @click=${() => this.send(command)}>${t('close.retry')}</button>`}
      </div>
    </div>`;
  }

  private renderDone({ session, z }: CloseRegisterAnswer) {
    return html`<div class="panel ok" data-testid="close-result" role="status">
        <div class="head">${okIcon(40)}<h2>${t('close.done')}</h2></div>
        ${session ? this.renderDrawer(session) : html`<p class="muted" data-testid="close-no-shift">${t('close.noShift')}</p>`}
      </div>
      <div class="panel" data-testid="close-z">
        ${z ? html`<lb-z-summary .z=${z}></lb-z-summary>` : html`<p class="muted" data-testid="close-no-z">${t('close.noZ')}</p>`}
      </div>
      <div class="buttons">
        ${z && this.posId
          ? html`<a class="btn" data-testid="z-print" href="/api/pos/${encodeURIComponent(this.posId)}/z/${z.number}/print" target="_blank" rel="noopener">${t('z.print')}</a>`
          : nothing}
        <button class="primary big" data-testid="close-done" @click=${this.exit}>${t('close.back')}</button>
      </div>`;
  }

  private renderDrawer(s: ClosedShift) {
    const difference = s.difference;
    const tone = difference === undefined ? '' : difference < 0 ? 'short' : difference > 0 ? 'over' : '';
    const label = difference === undefined ? '' : difference < 0 ? t('close.short', { amount: money(-difference) }) : difference > 0 ? t('close.over', { amount: money(difference) }) : t('close.balanced');
    return html`<h3 class="visually-hidden">${t('close.drawer')}</h3>
      <dl>
        <div class="row"><dt>${t('close.float')}</dt><dd class="money" data-testid="close-float" data-amount=${s.float}>${money(s.float)}</dd></div>
        <div class="row"><dt>${t('close.expected')}</dt><dd class="money" data-testid="close-expected" data-amount=${s.expectedCash}>${money(s.expectedCash)}</dd></div>
        <div class="row">
          <dt>${t('close.countedShort')}</dt>
          ${s.countedCash === undefined
            ? html`<dd data-testid="close-counted">${t('close.notCounted')}</dd>`
            : html`<dd class="money" data-testid="close-counted" data-amount=${s.countedCash}>${money(s.countedCash)}</dd>`}
        </div>
        ${difference === undefined
          ? nothing
          : html`<div class="row difference ${tone}">
              <dt>${t('close.difference')}<br /><span class="tone" data-testid="close-difference-label">${label}</span></dt>
              <dd class="money" data-testid="close-difference" data-amount=${difference}>${difference > 0 ? '+' : ''}${money(difference)}</dd>
            </div>`}
      </dl>`;
  }

  private send = async (command: CloseRegisterCommand): Promise<void> => {
    if (this.view.step === 'sending') return; // one close at a time: a double tap must not send twice
    this.view = { step: 'sending' };
    try {
      const ack = await this.closeRegister({ ...command, lang: getLang() }); // the printed Z comes back in the cashier's language
      this.view = ack.ok ? { step: 'done', answer: { session: ack.session, z: ack.z } } : { step: 'error', failure: ack, command };
    } catch {
      this.view = { step: 'error', failure: { ok: false, code: 'TIMEOUT', message: '' }, command };
    }
  };

  private exit = (): void => {
    this.dispatchEvent(new CustomEvent('close-register-exit', { bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-close-register': CloseRegisterScreen;
  }
}
