// The collective's currencies: its local currency's name (rename, or create by naming it), its
// gift vouchers, and the village's other local currencies it accepts or not — consent given or
// withdrawn with one button, effective for the next payment on every terminal.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { CurrenciesView } from '../api-types.js';
import { formAlert, textField } from '../fields.js';
import { errorLine, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { t } from '../messages.js';

@customElement('currencies-panel')
export class CurrenciesPanel extends LitElement {
  @property() collectiveId = '';
  @state() private name: string | undefined;
  @state() private nameErrors: FormErrors | undefined;
  @state() private notice = '';
  @state() private busy = '';
  @state() private consentError = '';

  private readonly currencies = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal) => (await api<{ currencies: CurrenciesView }>(this.path(id), { signal })).currencies,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`${loadView(this.currencies.state, (c) => this.view(c), () => this.currencies.reload())}`;
  }

  private view(c: CurrenciesView) {
    return html`<section class="panel" data-testid="local-currency">
        <h2>${t('currencies.local')}</h2>
        <p class="muted">${c.local ? t('currencies.localIntro') : t('currencies.localNone')}</p>
        <form class="row" novalidate @submit=${(e: Event) => this.rename(e, c)}>
          ${textField({
            name: 'name',
            label: t('currencies.localName'),
            value: this.name ?? c.local?.name ?? '',
            error: this.nameErrors?.fields.name,
            maxlength: 40,
            testid: 'local-currency-name',
            onInput: (v) => (this.name = v),
          })}
          <button class="primary" type="submit" ?disabled=${this.busy === 'name'} data-testid="local-currency-save">${c.local ? t('currencies.rename') : t('currencies.define')}</button>
        </form>
        ${formAlert(formErrorText(this.nameErrors))}
        ${this.notice ? html`<p class="badge ok" role="status" data-testid="currency-notice">${this.notice}</p>` : nothing}
        ${c.gift ? html`<h3>${t('currencies.gift')}</h3><p><strong>${c.gift.name}</strong> — <span class="muted">${t('currencies.giftIntro')}</span></p>` : nothing}
      </section>
      <section class="panel" data-testid="village-currencies">
        <h2>${t('currencies.village')}${c.village ? ` · ${c.village.name}` : ''}</h2>
        ${c.village ? html`<p class="muted">${t('currencies.villageIntro')}</p>` : html`<p class="empty">${t('currencies.noVillage')}</p>`}
        ${formAlert(this.consentError, 'consent-error')}
        ${c.village && !c.others.length ? html`<p class="empty">${t('currencies.noneInVillage')}</p>` : nothing}
        ${c.others.length ? this.othersTable(c) : nothing}
      </section>`;
  }

  private othersTable(c: CurrenciesView) {
    return html`<div class="table-wrap">
      <table>
        <tbody>
          ${c.others.map(
            (o) => html`<tr data-testid="other-currency" data-asset=${o.asset}>
              <td>
                <strong>${o.name}</strong><br /><span class="muted">${t('currencies.of', { collective: o.collectiveName })}${o.inVillage ? '' : ` · ${t('currencies.leftVillage')}`}</span>
              </td>
              <td><span class="badge ${o.accepted ? 'ok' : ''}" data-testid="accepted-state">${o.accepted ? t('currencies.accepted') : t('currencies.notAccepted')}</span></td>
              <td class="actions-cell">
                <button
                  type="button"
                  class=${o.accepted ? 'danger small-btn' : 'primary small-btn'}
                  ?disabled=${this.busy === o.asset || (!o.accepted && !o.inVillage)}
                  data-testid="toggle-acceptance"
                  @click=${() => this.setAccepted(o.asset, !o.accepted)}
                >
                  ${o.accepted ? t('currencies.withdraw') : t('currencies.accept')}
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private async rename(event: Event, c: CurrenciesView): Promise<void> {
    event.preventDefault();
    const name = (this.name ?? c.local?.name ?? '').trim();
    this.notice = '';
    if (!name) {
      this.nameErrors = { fields: { name: t('required') } };
      return;
    }
    this.busy = 'name';
    this.nameErrors = undefined;
    try {
      const { currencies } = await api<{ currencies: CurrenciesView }>(`${this.path(this.collectiveId)}/local`, { method: 'PUT', body: { name } });
      this.currencies.set(currencies);
      this.name = undefined;
      this.notice = t('currencies.renamed', { name: currencies.local?.name ?? name });
    } catch (err) {
      this.nameErrors = formErrorsOf(err);
    } finally {
      this.busy = '';
    }
  }

  private async setAccepted(asset: string, accepted: boolean): Promise<void> {
    this.busy = asset;
    this.consentError = '';
    try {
      const { currencies } = await api<{ currencies: CurrenciesView }>(`${this.path(this.collectiveId)}/accepted`, { method: 'PUT', body: { asset, accepted } });
      this.currencies.set(currencies);
    } catch (err) {
      const e = formErrorsOf(err);
      const reason = (err as { details?: { reason?: unknown } }).details?.reason;
      this.consentError = reason === 'NOT_SAME_VILLAGE' ? t('currencies.NOT_SAME_VILLAGE') : errorLine(e);
    } finally {
      this.busy = '';
    }
  }

  private path(collectiveId: string): string {
    return `/api/collectives/${encodeURIComponent(collectiveId)}/currencies`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'currencies-panel': CurrenciesPanel;
  }
}
