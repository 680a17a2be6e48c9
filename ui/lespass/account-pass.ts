// The money side of an account: balances per currency, the Pass cards linked to it (each can
// be reported lost, which blocks it; the money stays on the account for a new card), linking a
// Pass by the number printed on it, and topping up the global currency online.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../shared/api.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney, formatUnits } from '../shared/money.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import { parseEuros } from './amounts.js';
import type { BalanceLine, Card, Me } from './api-types.js';
import { formErrorsOf } from './form-errors.js';
import { textField } from './form-parts.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, fieldText, t } from './messages.js';
import { loadSession } from './session.js';
import { accountApi, newRequestId } from './site-api.js';

@customElement('account-pass')
export class AccountPass extends LitElement {
  @property({ attribute: false }) me!: Me;
  @property() slug = '';
  @state() private number = new URLSearchParams(location.search).get('card') ?? '';
  @state() private numberError = '';
  // A scanned card's QR code opens the account page with ?card=NUMBER&code=CLAIM: the form is filled in.
  @state() private claimCode = new URLSearchParams(location.search).get('code') ?? '';
  @state() private claimCodeError = '';
  @state() private amount = '';
  @state() private amountError = '';
  @state() private confirmLost = '';
  @state() private notice = '';
  @state() private failure = '';
  @state() private busy = '';
  private topUpRequest: string | null = null;

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    siteStyles,
    css`
      .balances {
        list-style: none;
        margin: 0 0 var(--pass-space-4);
        padding: 0;
        display: grid;
        gap: var(--pass-space-2);
      }
      .balance {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--pass-space-3);
        padding: var(--pass-space-3);
        border-radius: var(--pass-radius-small);
        background: var(--pass-surface-2);
      }
      .balance strong {
        font-size: 1.4rem;
      }
      .kind {
        display: block;
        color: var(--pass-muted);
        font-size: 0.88rem;
      }
      .pass {
        border: 2px solid var(--pass-border);
        border-radius: var(--pass-radius-small);
        padding: var(--pass-space-3);
        margin-bottom: var(--pass-space-3);
      }
      .pass-number {
        font-family: var(--pass-font-mono);
        font-weight: 700;
        font-size: 1.1rem;
      }
      .confirm {
        margin-top: var(--pass-space-3);
      }
      form {
        margin-top: var(--pass-space-4);
      }
      .inline {
        display: flex;
        gap: var(--pass-space-2);
        align-items: start;
      }
      .inline .field {
        flex: 1;
        margin-bottom: 0;
      }
      .inline button {
        margin-top: calc(1.4em + var(--pass-space-1));
      }
      h3 {
        margin: var(--pass-space-5) 0 var(--pass-space-2);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const me = this.me;
    return html`${this.notice ? html`<div class="alert info" role="status" data-testid="pass-notice">${this.notice}</div>` : nothing}
      ${this.failure ? html`<div class="alert error" role="alert" data-testid="pass-error">${this.failure}</div>` : nothing}
      <h3>${t('account.balances')}</h3>
      ${this.renderBalances(me.wallet.balances, 'balances')}
      ${me.cards.length ? me.cards.map((c) => this.renderCard(c)) : html`<p class="empty" data-testid="no-card">${t('account.noCard')}</p>`}
      <form novalidate @submit=${this.link} data-testid="link-form">
        <div class="inline">
          ${textField('card-number', t('account.linkCard'), this.number, (v) => ((this.number = v), (this.numberError = '')), { error: this.numberError, hint: t('account.linkCardHint'), autocomplete: 'off' })}
          ${textField('claim-code', t('account.claimCode'), this.claimCode, (v) => ((this.claimCode = v), (this.claimCodeError = '')), { error: this.claimCodeError, hint: t('account.claimCodeHint'), autocomplete: 'off' })}
          <button type="submit" ?disabled=${this.busy === 'link'} data-testid="link-submit">${t('account.link')}</button>
        </div>
      </form>
      <h3>${t('account.section.topup')}</h3>
      <form novalidate @submit=${this.topUp} data-testid="topup-form">
        <div class="inline">
          ${textField('topup-amount', t('account.topupAmount'), this.amount, (v) => ((this.amount = v), (this.amountError = '')), {
            error: this.amountError,
            hint: t('account.topupHint'),
            inputmode: 'decimal',
            placeholder: t('book.topupPlaceholder'),
          })}
          <button class="primary" type="submit" ?disabled=${this.busy === 'topup'} data-testid="topup-submit">${t('account.topupPay')}</button>
        </div>
      </form>`;
  }

  private renderBalances(balances: BalanceLine[], testId: string) {
    const shown = balances.filter((b) => b.amount !== 0);
    if (!shown.length) return html`<p class="empty" data-testid="${testId}-empty">${t('account.noBalance')}</p>`;
    return html`<ul class="balances" data-testid=${testId}>
      ${shown.map(
        (b) =>
          html`<li class="balance" data-asset=${b.asset} data-amount=${b.amount}>
            <span> ${b.name} ${['global', 'local', 'gift', 'loyalty'].includes(b.kind) ? html`<span class="kind">${t(`currency.${b.kind}` as 'currency.global')}</span>` : nothing} </span>
            <strong class="money" data-testid="balance-amount">${amountOf(b)}</strong>
          </li>`,
      )}
    </ul>`;
  }

  private renderCard(card: Card) {
    const blocked = card.state === 'blocked';
    const ownWallet = card.walletId !== this.me.wallet.walletId;
    return html`<div class="pass" data-testid="card" data-card-number=${card.number} data-state=${card.state}>
      <div class="spread">
        <span class="pass-number">${t('account.card', { number: card.number })}</span>
        <span class="badge ${blocked ? 'bad' : 'ok'}">${t(blocked ? 'account.cardBlocked' : 'account.cardActive')}</span>
      </div>
      ${ownWallet ? this.renderBalances(card.balances, 'card-balances') : nothing}
      ${
        blocked
          ? nothing
          : this.confirmLost === card.id
            ? html`<div class="alert warning confirm" role="alertdialog" aria-live="assertive">
                <p>${t('account.confirmLost', { number: card.number })}</p>
                <div class="row">
                  <button class="danger-solid" ?disabled=${this.busy === 'lost'} data-testid="lost-confirm" @click=${() => this.reportLost(card)}>
                    ${t('account.confirmLostYes')}
                  </button>
                  <button @click=${() => (this.confirmLost = '')}>${t('account.cancel')}</button>
                </div>
              </div>`
            : html`<button class="danger" style="margin-top: var(--pass-space-2)" data-testid="lost-${card.number}" @click=${() => (this.confirmLost = card.id)}>
                ${t('account.reportLost')}
              </button>`
      }
    </div>`;
  }

  private async link(event: Event): Promise<void> {
    event.preventDefault();
    const number = this.number.trim();
    const claimCode = this.claimCode.trim();
    if (!number) return void (this.numberError = t('field.required'));
    if (!claimCode) return void (this.claimCodeError = t('field.required'));
    await this.act(
      'link',
      async () => {
        const { card } = await accountApi.linkCard(number, claimCode, newRequestId());
        this.number = '';
        this.claimCode = '';
        this.notice = t('account.linked', { number: card.number });
      },
      (err) => {
        const fields = formErrorsOf(err).fields;
        if (fields.number) this.numberError = fieldText(fields.number);
        else if (fields.claimCode) this.claimCodeError = fieldText(fields.claimCode);
        else return false;
        return true;
      },
    );
  }

  private async reportLost(card: Card): Promise<void> {
    await this.act('lost', async () => {
      await accountApi.reportLost(card.id);
      this.confirmLost = '';
      this.notice = t('account.lostDone', { number: card.number });
    });
  }

  private async topUp(event: Event): Promise<void> {
    event.preventDefault();
    const cents = parseEuros(this.amount);
    if (cents === null) return void (this.amountError = t(this.amount.trim() ? 'field.amount' : 'field.required'));
    if (cents < 100) return void (this.amountError = t('field.amountMin'));
    await this.act(
      'topup',
      async () => {
        const requestId = (this.topUpRequest ??= newRequestId());
        const { checkoutUrl } = await accountApi.topUp(cents, this.slug, requestId);
        this.topUpRequest = null;
        location.assign(checkoutUrl);
      },
      (err) => {
        if (err instanceof ApiError && err.status < 500) this.topUpRequest = null;
        const fields = formErrorsOf(err).fields;
        if (!fields.amount) return false;
        this.amountError = fieldText(fields.amount);
        return true;
      },
    );
  }

  /** Runs one action: busy while it runs, the account reloaded after, a refusal shown. */
  private async act(name: string, run: () => Promise<void>, onFieldError?: (err: unknown) => boolean): Promise<void> {
    this.busy = name;
    this.notice = '';
    this.failure = '';
    try {
      await run();
      await loadSession(true);
    } catch (err) {
      if (!onFieldError?.(err)) this.failure = errorText(err);
    } finally {
      this.busy = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-pass': AccountPass;
  }
}

/** Money in euros (global) or in its currency's units; loyalty units are counted, not money. */
function amountOf(b: BalanceLine): string {
  if (b.kind === 'loyalty') return t('account.loyaltyUnits', { n: String(b.amount) });
  return b.kind === 'global' ? formatMoney(b.amount, getLang()) : formatUnits(b.amount, getLang(), b.name);
}
