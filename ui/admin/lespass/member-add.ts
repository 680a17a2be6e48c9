// Adds a member by hand: a membership paid on site (cash, bank card) or given. The server asks
// for the membership's required answers; its refusals land next to the fields.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { formAlert, selectField, textField } from '../fields.js';
import { fieldError, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { t } from '../messages.js';
import { tl } from './messages.js';
import type { MemberView, MembershipProductView } from './types.js';

interface MemberDraft {
  productId: string;
  email: string;
  name: string;
  method: 'cash' | 'card' | 'free';
}

const methods = ['cash', 'card', 'free'] as const;

@customElement('member-add')
export class MemberAdd extends LitElement {
  @property() collectiveId = '';
  @property({ attribute: false }) products: MembershipProductView[] = [];
  @state() private draft: MemberDraft = { productId: '', email: '', name: '', method: 'cash' };
  @state() private errors: FormErrors | undefined;
  @state() private busy = false;
  @state() private notice = '';

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    if (!this.products.length) return nothing;
    const d = this.draft;
    const productId = d.productId || this.products[0].id;
    const e = (name: string) => fieldError(this.errors, name);
    const set = (patch: Partial<MemberDraft>) => {
      this.draft = { ...d, ...patch };
      this.notice = '';
    };
    return html`<form class="panel" novalidate @submit=${this.submit} data-testid="member-add">
      <h2>${tl('members.add')}</h2>
      <p class="muted">${tl('members.addIntro')}</p>
      ${formAlert(formErrorText(this.errors))}
      <div class="grid">
        ${selectField({ name: 'productId', label: tl('members.product'), value: productId, error: e('productId'), testid: 'member-product', options: this.products.map((p) => ({ value: p.id, label: p.name })), onInput: (v) => set({ productId: v }) })}
        ${textField({ name: 'email', label: tl('members.email'), type: 'email', value: d.email, error: e('email'), testid: 'member-email', onInput: (v) => set({ email: v }) })}
        ${textField({ name: 'name', label: tl('members.name'), value: d.name, error: e('name'), maxlength: 120, testid: 'member-name', onInput: (v) => set({ name: v }) })}
        ${selectField({ name: 'method', label: tl('members.method'), value: d.method, testid: 'member-method', options: methods.map((m) => ({ value: m, label: tl(`members.method.${m}`) })), onInput: (v) => set({ method: v as MemberDraft['method'] }) })}
      </div>
      ${Object.entries(this.errors?.fields ?? {})
        .filter(([key]) => key.startsWith('answers.'))
        .map(([key, message]) => html`<div class="field-error" role="alert">${key.slice('answers.'.length)} : ${message}</div>`)}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="member-add-submit">${tl('members.add')}</button>
        ${this.notice ? html`<span class="badge ok" role="status">${this.notice}</span>` : nothing}
      </div>
    </form>`;
  }

  private readonly submit = async (ev: Event) => {
    ev.preventDefault();
    const d = this.draft;
    const product = this.products.find((p) => p.id === (d.productId || this.products[0]?.id));
    const fields: Record<string, string> = {};
    if (!/^\S+@\S+\.\S+$/.test(d.email.trim())) fields.email = t('required');
    if (!d.name.trim()) fields.name = t('required');
    if (!product) fields.productId = t('required');
    if (Object.keys(fields).length || !product) {
      this.errors = { fields };
      return;
    }
    this.busy = true;
    this.errors = undefined;
    try {
      const amount = d.method === 'free' ? 0 : product.price;
      const { member } = await api<{ member: MemberView }>(`/api/collectives/${encodeURIComponent(this.collectiveId)}/members`, {
        body: { productId: product.id, email: d.email.trim(), name: d.name.trim(), method: d.method, amount },
      });
      this.notice = tl('members.added', { name: member.name });
      this.draft = { ...d, email: '', name: '' };
      this.dispatchEvent(new CustomEvent('added'));
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'member-add': MemberAdd;
  }
}
