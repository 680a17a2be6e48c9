// The collective's promo codes: each with its discount, scope, uses and validity; create one
// (a percentage or euros typed with a comma or a dot, integer cents sent), switch one off or
// back on. Uses are counted by the server as bookings take them.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { promoView } from '../../../core/promotions/promo-codes.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { parseEuros } from '../euros.js';
import { checkField, formAlert, selectField, textField } from '../fields.js';
import { errorLine, fieldError, formErrorsOf, formErrorText, type FormErrors } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { amountError, dateTime, money, t } from '../messages.js';
import { fromLocalInput } from './local-time.js';
import { tp } from './promo-messages.js';
import type { EventView, MembershipProductView } from './types.js';

type PromoCodeView = ReturnType<typeof promoView>;

interface Draft {
  code: string;
  label: string;
  kind: 'percent' | 'amount';
  value: string;
  maxUses: string;
  validFrom: string;
  validUntil: string;
  eventIds: string[];
  productIds: string[];
}

const emptyDraft = (): Draft => ({ code: '', label: '', kind: 'percent', value: '', maxUses: '', validFrom: '', validUntil: '', eventIds: [], productIds: [] });

interface Screen {
  codes: PromoCodeView[];
  events: EventView[];
  memberships: MembershipProductView[];
}

@customElement('promo-codes-panel')
export class PromoCodesPanel extends LitElement {
  @property() collectiveId = '';
  @state() private draft: Draft = emptyDraft();
  @state() private errors: FormErrors | undefined;
  @state() private rowError = '';
  @state() private notice = '';
  @state() private busy = '';

  private readonly screen = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal): Promise<Screen> => {
      const base = `/api/collectives/${encodeURIComponent(id)}`;
      const [codes, events, memberships] = await Promise.all([
        api<{ promoCodes: PromoCodeView[] }>(`${base}/promo-codes`, { signal }),
        api<{ events: EventView[] }>(`${base}/events`, { signal }),
        api<{ memberships: MembershipProductView[] }>(`${base}/membership-products`, { signal }),
      ]);
      return { codes: codes.promoCodes, events: events.events, memberships: memberships.memberships };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel" data-testid="promo-codes-panel">
      <h2>${tp('promos.title')}</h2>
      <p class="muted">${tp('promos.intro')}</p>
      ${this.notice ? html`<p class="badge ok" role="status" data-testid="promo-notice">${this.notice}</p>` : nothing} ${formAlert(this.rowError, 'promo-row-error')}
      ${loadView(
        this.screen.state,
        (s) => html`${this.table(s)}${this.form(s)}`,
        () => this.screen.reload(),
      )}
    </section>`;
  }

  private table(s: Screen) {
    if (!s.codes.length) return html`<p class="empty">${tp('promos.none')}</p>`;
    const names = new Map<string, string>([...s.events.map((e) => [e.id, e.title] as const), ...s.memberships.map((m) => [m.id, m.name] as const)]);
    return html`<div class="table-wrap">
      <table class="stack" data-testid="promo-codes-table">
        <thead>
          <tr>
            <th>${tp('promos.code')}</th>
            <th class="num">${tp('promos.kind')}</th>
            <th>${tp('promos.scope')}</th>
            <th class="num">${tp('promos.used')}</th>
            <th>${tp('promos.period')}</th>
            <th class="num">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${s.codes.map(
            (p) =>
              html`<tr data-testid="promo-row" data-code=${p.code} class=${p.active ? '' : 'muted-row'}>
                <td>
                  <strong>${p.code}</strong
                  >${p.label ? html`<br /><span class="muted">${p.label}</span>` : nothing}${p.active ? nothing : html` <span class="badge">${tp('promos.inactive')}</span>`}
                </td>
                <td class="num" data-label=${tp('promos.kind')}>${p.kind === 'percent' ? `−${p.value} %` : `−${money(p.value)}`}</td>
                <td data-label=${tp('promos.scope')}>${[...p.eventIds, ...p.productIds].map((id) => names.get(id) ?? id).join(', ') || tp('promos.scope.all')}</td>
                <td class="num" data-label=${tp('promos.used')} data-testid="promo-used">${p.maxUses === null ? p.used : tp('promos.uses', { used: p.used, max: p.maxUses })}</td>
                <td data-label=${tp('promos.period')}>
                  ${p.validFrom || p.validUntil ? `${p.validFrom ? dateTime(p.validFrom) : '…'} → ${p.validUntil ? dateTime(p.validUntil) : '…'}` : tp('promos.always')}
                </td>
                <td class="actions-cell">
                  <button
                    type="button"
                    class="small-btn ${p.active ? 'danger' : ''}"
                    ?disabled=${this.busy === p.id}
                    data-testid=${p.active ? 'promo-off' : 'promo-on'}
                    @click=${() => this.switch(p)}
                  >
                    ${p.active ? tp('promos.off') : tp('promos.on')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private form(s: Screen) {
    const d = this.draft;
    const e = (name: string) => fieldError(this.errors, name);
    const set = (patch: Partial<Draft>) => (this.draft = { ...d, ...patch });
    const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
    return html`<h3>${tp('promos.new')}</h3>
      <form novalidate @submit=${this.create} data-testid="promo-form">
        ${formAlert(formErrorText(this.errors))}
        <div class="row">
          ${textField({ name: 'code', label: tp('promos.code'), value: d.code, placeholder: 'ETE25', error: e('code'), maxlength: 32, narrow: true, testid: 'promo-code', onInput: (v) => set({ code: v }) })}
          ${textField({ name: 'label', label: tp('promos.label'), value: d.label, error: e('label'), maxlength: 120, testid: 'promo-label', onInput: (v) => set({ label: v }) })}
        </div>
        <div class="row">
          ${selectField({
            name: 'kind',
            label: tp('promos.kind'),
            value: d.kind,
            narrow: true,
            testid: 'promo-kind',
            options: [
              { value: 'percent', label: tp('promos.kind.percent') },
              { value: 'amount', label: tp('promos.kind.amount') },
            ],
            onInput: (v) => set({ kind: v as Draft['kind'] }),
          })}
          ${textField({ name: 'value', label: tp('promos.value'), value: d.value, inputmode: 'decimal', hint: tp('promos.valueHint'), error: e('value'), narrow: true, testid: 'promo-value', onInput: (v) => set({ value: v }) })}
          ${textField({ name: 'maxUses', label: tp('promos.maxUses'), value: d.maxUses, inputmode: 'numeric', hint: tp('promos.maxUsesHint'), error: e('maxUses'), narrow: true, testid: 'promo-max-uses', onInput: (v) => set({ maxUses: v }) })}
        </div>
        <div class="row">
          ${textField({ name: 'validFrom', label: tp('promos.validFrom'), type: 'datetime-local', value: d.validFrom, error: e('validFrom'), narrow: true, testid: 'promo-valid-from', onInput: (v) => set({ validFrom: v }) })}
          ${textField({ name: 'validUntil', label: tp('promos.validUntil'), type: 'datetime-local', value: d.validUntil, error: e('validUntil'), narrow: true, testid: 'promo-valid-until', onInput: (v) => set({ validUntil: v }) })}
        </div>
        <fieldset data-testid="promo-scope">
          <legend>${tp('promos.scope')} <span class="muted">${tp('promos.scopeHint')}</span></legend>
          ${s.events.map((ev) => checkField({ name: `event-${ev.id}`, label: ev.title, checked: d.eventIds.includes(ev.id), testid: 'promo-scope-event', onChange: (on) => set({ eventIds: toggle(d.eventIds, ev.id, on) }) }))}
          ${s.memberships.filter((m) => m.active).map((m) => checkField({ name: `product-${m.id}`, label: m.name, checked: d.productIds.includes(m.id), testid: 'promo-scope-membership', onChange: (on) => set({ productIds: toggle(d.productIds, m.id, on) }) }))}
        </fieldset>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy === 'create'} data-testid="promo-create">${tp('promos.create')}</button>
        </div>
      </form>`;
  }

  private readonly create = async (ev: Event) => {
    ev.preventDefault();
    const d = this.draft;
    const fields: Record<string, string> = {};
    if (!/^[A-Za-z0-9_-]{3,32}$/.test(d.code.trim())) fields.code = tp('promos.format');
    let value = NaN;
    if (d.kind === 'percent') {
      value = /^\d{1,3}$/.test(d.value.trim()) && Number(d.value) >= 1 && Number(d.value) <= 100 ? Number(d.value) : NaN;
      if (Number.isNaN(value)) fields.value = tp('promos.percentFormat');
    } else {
      const euros = parseEuros(d.value);
      if (euros.ok) value = euros.value;
      else fields.value = amountError(euros.reason);
    }
    const maxUses = d.maxUses.trim() ? (/^\d{1,7}$/.test(d.maxUses.trim()) && Number(d.maxUses) >= 1 ? Number(d.maxUses) : NaN) : null;
    if (Number.isNaN(maxUses)) fields.maxUses = tp('promos.countFormat');
    const validFrom = d.validFrom ? fromLocalInput(d.validFrom) : null;
    const validUntil = d.validUntil ? fromLocalInput(d.validUntil) : null;
    if (Object.keys(fields).length) {
      this.errors = { fields };
      return;
    }
    const body = { code: d.code.trim(), label: d.label.trim(), kind: d.kind, value, maxUses, validFrom, validUntil, eventIds: d.eventIds, productIds: d.productIds };
    this.busy = 'create';
    this.errors = undefined;
    try {
      const { promoCode } = await api<{ promoCode: PromoCodeView }>(this.path(), { method: 'POST', body });
      this.notice = tp('promos.created', { code: promoCode.code });
      this.draft = emptyDraft();
      await this.screen.reload();
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = '';
    }
  };

  private async switch(p: PromoCodeView): Promise<void> {
    this.busy = p.id;
    this.rowError = '';
    try {
      await api(`${this.path()}/${encodeURIComponent(p.id)}`, p.active ? { method: 'DELETE' } : { method: 'PATCH', body: { active: true } });
      await this.screen.reload();
    } catch (err) {
      this.rowError = errorLine(formErrorsOf(err));
    } finally {
      this.busy = '';
    }
  }

  private path(): string {
    return `/api/collectives/${encodeURIComponent(this.collectiveId)}/promo-codes`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'promo-codes-panel': PromoCodesPanel;
  }
}
