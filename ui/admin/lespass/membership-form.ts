// Create or edit a membership the collective offers: name, description, price (euros, sent as
// integer cents), and either a fixed duration in days or a monthly/yearly subscription.
// (The questions asked to members are kept as they are: this form does not edit them.)
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { getLang, LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { centsToInput, parseEuros } from '../euros.js';
import { checkField, formAlert, selectField, textareaField, textField } from '../fields.js';
import { fieldError, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { amountError, t } from '../messages.js';
import { tl } from './messages.js';
import type { MembershipProductView } from './types.js';

interface MembershipDraft {
  name: string;
  description: string;
  price: string;
  validity: 'days' | 'month' | 'year';
  days: string;
  active: boolean;
}

@customElement('membership-form')
export class MembershipForm extends LitElement {
  @property() collectiveId = '';
  @property({ attribute: false }) membership: MembershipProductView | undefined;
  @state() private draft: MembershipDraft = emptyDraft();
  @state() private errors: FormErrors | undefined;
  @state() private busy = false;
  private draftOf: MembershipProductView | undefined | null = null;

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(): void {
    if (this.membership !== this.draftOf) {
      this.draftOf = this.membership;
      this.draft = this.membership ? draftFrom(this.membership) : emptyDraft();
      this.errors = undefined;
    }
  }

  override render() {
    const d = this.draft;
    const e = (name: string) => fieldError(this.errors, name);
    const set = (patch: Partial<MembershipDraft>) => (this.draft = { ...d, ...patch });
    return html`<form class="panel" novalidate @submit=${this.submit} data-testid="membership-form">
      <h2>${this.membership ? tl('memberships.edit', { name: this.membership.name }) : tl('memberships.new')}</h2>
      ${formAlert(formErrorText(this.errors))}
      <div class="grid">
        ${textField({ name: 'name', label: tl('memberships.name'), value: d.name, error: e('name'), maxlength: 120, testid: 'membership-name', onInput: (v) => set({ name: v }) })}
        ${textField({ name: 'price', label: tl('memberships.price'), value: d.price, inputmode: 'decimal', placeholder: '15,00', error: e('price'), testid: 'membership-price', onInput: (v) => set({ price: v }) })}
        ${selectField({
          name: 'validity',
          label: tl('memberships.validity'),
          value: d.validity,
          testid: 'membership-validity',
          error: e('period'),
          options: [
            { value: 'days', label: tl('memberships.duration') },
            { value: 'month', label: tl('memberships.period.month') },
            { value: 'year', label: tl('memberships.period.year') },
          ],
          onInput: (v) => set({ validity: v as MembershipDraft['validity'] }),
        })}
        ${d.validity === 'days'
          ? textField({ name: 'durationDays', label: tl('memberships.duration'), value: d.days, inputmode: 'numeric', error: e('durationDays'), testid: 'membership-days', onInput: (v) => set({ days: v }) })
          : html``}
      </div>
      ${textareaField({ name: 'description', label: tl('memberships.description'), value: d.description, error: e('description'), maxlength: 5000, testid: 'membership-description', onInput: (v) => set({ description: v }) })}
      ${checkField({ name: 'active', label: tl('memberships.active'), checked: d.active, testid: 'membership-active', onChange: (v) => set({ active: v }) })}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="membership-save">${this.busy ? t('saving') : this.membership ? t('save') : t('create')}</button>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private readonly submit = async (ev: Event) => {
    ev.preventDefault();
    const d = this.draft;
    const fields: Record<string, string> = {};
    if (!d.name.trim()) fields.name = t('required');
    const price = parseEuros(d.price);
    if (!price.ok) fields.price = amountError(price.reason);
    const days = d.validity === 'days' ? (/^\d{1,4}$/.test(d.days.trim()) ? Number(d.days) : NaN) : null;
    if (days !== null && !(days >= 1 && days <= 3660)) fields.durationDays = tl('memberships.daysFormat');
    if (Object.keys(fields).length || !price.ok) {
      this.errors = { fields };
      return;
    }
    const body = {
      name: d.name.trim(),
      description: d.description,
      price: price.value,
      durationDays: days,
      period: d.validity === 'days' ? null : d.validity,
      active: d.active,
    };
    this.busy = true;
    this.errors = undefined;
    try {
      const base = `/api/collectives/${encodeURIComponent(this.collectiveId)}/membership-products`;
      const { membership } = this.membership
        ? await api<{ membership: MembershipProductView }>(`${base}/${encodeURIComponent(this.membership.id)}`, { method: 'PATCH', body })
        : await api<{ membership: MembershipProductView }>(base, { body });
      this.dispatchEvent(new CustomEvent<MembershipProductView>('saved', { detail: membership }));
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = false;
    }
  };
}

function emptyDraft(): MembershipDraft {
  return { name: '', description: '', price: '', validity: 'days', days: '365', active: true };
}

function draftFrom(m: MembershipProductView): MembershipDraft {
  return {
    name: m.name,
    description: m.description,
    price: centsToInput(m.price, getLang()),
    validity: m.period ?? 'days',
    days: m.durationDays === null ? '365' : String(m.durationDays),
    active: m.active,
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'membership-form': MembershipForm;
  }
}
