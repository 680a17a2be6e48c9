// The prices of an event: each with its amount (or free), quota, seats sold and left; add one
// (euros typed with a comma or a dot, integer cents sent), withdraw one (the server archives a
// price already sold) or put it back on sale; edit one in the same form (its name, amount, quota
// and members-only flag; tickets already sold keep the price they were paid). Sends `changed`
// with the event as it is now.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { getLang, LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { centsToInput, parseEuros } from '../euros.js';
import { checkField, formAlert, textField } from '../fields.js';
import { errorLine, fieldError, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { amountError, money, t } from '../messages.js';
import { tl } from './messages.js';
import { tp } from './promo-messages.js';
import type { EventView, PriceView } from './types.js';

interface PriceDraft {
  name: string;
  amount: string;
  free: boolean;
  quota: string;
  membersOnly: boolean;
  payWhatYouWant: boolean;
}

const emptyDraft = (): PriceDraft => ({ name: '', amount: '', free: false, quota: '', membersOnly: false, payWhatYouWant: false });

@customElement('event-prices')
export class EventPrices extends LitElement {
  @property() collectiveId = '';
  @property({ attribute: false }) event!: EventView;
  @state() private draft: PriceDraft = emptyDraft();
  @state() private errors: FormErrors | undefined;
  @state() private rowError = '';
  @state() private busy = '';
  /** The price being edited in the form, or '' for a new one. */
  @state() private editing = '';

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const prices = this.event.prices;
    return html`<section class="panel" data-testid="event-prices">
      <h2>${tl('events.prices')}</h2>
      ${formAlert(this.rowError, 'price-row-error')}
      ${prices.length ? this.table(prices) : html`<p class="empty">${tl('prices.none')}</p>`}
      ${this.addForm()}
    </section>`;
  }

  private table(prices: PriceView[]) {
    return html`<div class="table-wrap">
      <table class="stack" data-testid="prices-table">
        <thead>
          <tr>
            <th>${tl('prices.name')}</th>
            <th class="num">${tl('prices.amount')}</th>
            <th class="num">${tl('prices.quota')}</th>
            <th class="num">${tl('prices.sold')}</th>
            <th class="num">${tl('prices.remaining')}</th>
            <th class="num">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${prices.map(
            (p) => html`<tr data-testid="price-row" data-price-id=${p.id} class=${p.active ? '' : 'muted-row'}>
              <td><strong>${p.name}</strong>${p.membersOnly ? html` <span class="badge">${tl('prices.membersOnly')}</span>` : nothing}${p.active ? nothing : html` <span class="badge">${tl('prices.archived')}</span>`}</td>
              <td class="num" data-label=${tl('prices.amount')}>${p.payWhatYouWant ? html`${tp('promos.payWhatYouWant')}, ${tp('promos.minimum', { amount: money(p.amount) })}` : p.amount ? money(p.amount) : tl('prices.free')}</td>
              <td class="num" data-label=${tl('prices.quota')}>${p.quota ?? '—'}</td>
              <td class="num" data-label=${tl('prices.sold')}>${p.sold}</td>
              <td class="num" data-label=${tl('prices.remaining')}>${p.remaining}</td>
              <td class="actions-cell">
                <button type="button" class="small-btn" data-testid="price-edit" @click=${() => this.edit(p)}>${tl('prices.edit')}</button>
                ${p.active
                  ? html`<button type="button" class="small-btn danger" ?disabled=${this.busy === p.id} data-testid="price-archive" @click=${() => this.change(p.id, 'DELETE')}>${tl('prices.archive')}</button>`
                  : html`<button type="button" class="small-btn" ?disabled=${this.busy === p.id} data-testid="price-reactivate" @click=${() => this.change(p.id, 'PATCH', { active: true })}>${tl('prices.reactivate')}</button>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private addForm() {
    const d = this.draft;
    const e = (name: string) => fieldError(this.errors, name);
    const set = (patch: Partial<PriceDraft>) => (this.draft = { ...d, ...patch });
    return html`<h3>${this.editing ? tl('prices.editing', { name: this.event.prices.find((p) => p.id === this.editing)?.name ?? '' }) : tl('prices.new')}</h3>
      <form novalidate @submit=${this.add} data-testid="price-form">
        ${formAlert(formErrorText(this.errors))}
        <div class="row">
          ${textField({ name: 'name', label: tl('prices.name'), value: d.name, placeholder: tl('prices.namePlaceholder'), error: e('name'), maxlength: 120, testid: 'price-name', onInput: (v) => set({ name: v }) })}
          ${d.free
            ? nothing
            : textField({ name: 'amount', label: tl('prices.amount'), value: d.amount, inputmode: 'decimal', placeholder: '12,00', error: e('amount'), narrow: true, testid: 'price-amount', onInput: (v) => set({ amount: v }) })}
          ${textField({ name: 'quota', label: tl('prices.quota'), value: d.quota, inputmode: 'numeric', placeholder: tl('prices.quotaHint'), error: e('quota'), narrow: true, testid: 'price-quota', onInput: (v) => set({ quota: v }) })}
        </div>
        <div class="actions">
          ${checkField({ name: 'free', label: tl('prices.free'), checked: d.free, testid: 'price-free', onChange: (v) => set({ free: v }) })}
          ${checkField({ name: 'membersOnly', label: tl('prices.membersOnly'), checked: d.membersOnly, testid: 'price-members-only', onChange: (v) => set({ membersOnly: v }) })}
          ${checkField({ name: 'payWhatYouWant', label: tp('promos.payWhatYouWantHint'), checked: d.payWhatYouWant, testid: 'price-pay-what-you-want', onChange: (v) => set({ payWhatYouWant: v }) })}
          <button class="primary" type="submit" ?disabled=${this.busy === 'add'} data-testid="price-add">${this.editing ? tl('prices.save') : tl('prices.add')}</button>
          ${this.editing ? html`<button type="button" data-testid="price-edit-cancel" @click=${this.cancelEdit}>${t('cancel')}</button>` : nothing}
        </div>
      </form>`;
  }

  private readonly add = async (ev: Event) => {
    ev.preventDefault();
    const d = this.draft;
    const fields: Record<string, string> = {};
    if (!d.name.trim()) fields.name = t('required');
    const amount = d.free ? ({ ok: true, value: 0 } as const) : parseEuros(d.amount);
    if (!amount.ok) fields.amount = amountError(amount.reason);
    const quota = d.quota.trim() ? (/^\d{1,6}$/.test(d.quota.trim()) && Number(d.quota) >= 1 ? Number(d.quota) : NaN) : null;
    if (Number.isNaN(quota)) fields.quota = tl('prices.quotaFormat');
    if (Object.keys(fields).length || !amount.ok) {
      this.errors = { fields };
      return;
    }
    const body = { name: d.name.trim(), amount: amount.value, quota, membersOnly: d.membersOnly, payWhatYouWant: d.payWhatYouWant };
    const ok = this.editing ? await this.change(this.editing, 'PATCH', body) : await this.send('add', `${this.base()}/prices`, 'POST', body);
    if (ok) this.cancelEdit();
  };

  private edit(p: PriceView): void {
    this.editing = p.id;
    this.errors = undefined;
    this.draft = { name: p.name, amount: p.amount ? centsToInput(p.amount, getLang()) : '', free: p.amount === 0 && !p.payWhatYouWant, quota: p.quota === null ? '' : String(p.quota), membersOnly: p.membersOnly, payWhatYouWant: Boolean(p.payWhatYouWant) };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('[data-testid="price-name"]')?.focus());
  }

  private readonly cancelEdit = () => {
    this.editing = '';
    this.draft = emptyDraft();
  };

  private change(priceId: string, method: 'PATCH' | 'DELETE', body?: unknown): Promise<boolean> {
    return this.send(priceId, `${this.base()}/prices/${encodeURIComponent(priceId)}`, method, body);
  }

  private async send(busy: string, path: string, method: 'POST' | 'PATCH' | 'DELETE', body?: unknown): Promise<boolean> {
    this.busy = busy;
    this.errors = undefined;
    this.rowError = '';
    try {
      const { event } = await api<{ event: EventView }>(path, { method, body });
      this.dispatchEvent(new CustomEvent<EventView>('changed', { detail: event }));
      return true;
    } catch (err) {
      const e = formErrorsOf(err);
      if (busy === 'add') this.errors = e;
      else this.rowError = errorLine(e);
      return false;
    } finally {
      this.busy = '';
    }
  }

  private base(): string {
    return `/api/collectives/${encodeURIComponent(this.collectiveId)}/events/${encodeURIComponent(this.event.id)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'event-prices': EventPrices;
  }
}
