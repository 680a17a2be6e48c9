// The collective's points of sale: create one by name, rename it in place, disable or enable
// it, and open it (its products, terminals, register and Z tickets).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { PointOfSale } from '../api-types.js';
import { formAlert, textField } from '../fields.js';
import { errorLine, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { errorText, t } from '../messages.js';
import { followLink, linkTo } from '../route.js';
import { tb } from './messages.js';

@customElement('pos-list')
export class PosList extends LitElement {
  @property() collectiveId = '';
  @state() private newName = '';
  @state() private createErrors: FormErrors | undefined;
  @state() private notice = '';
  @state() private editing: { id: string; name: string; errors?: FormErrors } | undefined;
  @state() private busy = '';
  @state() private rowError = '';

  private readonly list = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal) => (await api<{ pointsOfSale: PointOfSale[] }>(this.path(id), { signal })).pointsOfSale,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel" data-testid="pos-list">
        <h2>${tb('pos.title')}</h2>
        <p class="muted">${tb('pos.intro')}</p>
        ${formAlert(this.rowError, 'pos-row-error')}
        ${loadView(this.list.state, (points) => this.table(points), () => this.list.reload())}
      </section>
      <section class="panel">
        <h2>${tb('pos.new')}</h2>
        <form class="row" novalidate @submit=${this.create} data-testid="pos-create-form">
          ${textField({ name: 'name', label: tb('pos.name'), value: this.newName, placeholder: tb('pos.namePlaceholder'), error: this.createErrors?.fields.name, maxlength: 120, testid: 'pos-name', onInput: (v) => (this.newName = v) })}
          <button class="primary" type="submit" ?disabled=${this.busy === 'create'} data-testid="pos-create">${t('create')}</button>
        </form>
        ${formAlert(formErrorText(this.createErrors))}
        ${this.notice ? html`<p class="badge ok" role="status" data-testid="pos-notice">${this.notice}</p>` : nothing}
      </section>`;
  }

  private table(points: PointOfSale[]) {
    if (!points.length) return html`<p class="empty" data-testid="pos-empty">${tb('pos.none')}</p>`;
    return html`<div class="table-wrap">
      <table>
        <tbody>
          ${points.map((p) => (this.editing?.id === p.id ? this.editRow(p) : this.row(p)))}
        </tbody>
      </table>
    </div>`;
  }

  private row(p: PointOfSale) {
    return html`<tr data-testid="pos-row" data-pos-id=${p.id} class=${p.active ? '' : 'muted-row'}>
      <td><a href=${linkTo('pos', p.id)} @click=${followLink} data-testid="pos-open"><strong>${p.name}</strong></a></td>
      <td>
        <span class="badge ${p.active ? 'ok' : ''}">${p.active ? tb('pos.active') : tb('pos.disabled')}</span>
        ${p.requireStaff ? html`<a class="badge warn" href=${linkTo('staff')} @click=${followLink} data-testid="pos-requires-staff">${tb('pos.requireStaff')}</a>` : nothing}
      </td>
      <td class="actions-cell">
        <button type="button" class="small-btn" data-testid="pos-rename" @click=${() => (this.editing = { id: p.id, name: p.name })}>${tb('pos.rename')}</button>
        <button type="button" class="small-btn ${p.active ? 'danger' : ''}" ?disabled=${this.busy === p.id} data-testid="pos-toggle" @click=${() => this.patch(p.id, { active: !p.active })}>
          ${p.active ? tb('pos.disable') : tb('pos.enable')}
        </button>
      </td>
    </tr>`;
  }

  private editRow(p: PointOfSale) {
    const e = this.editing!;
    return html`<tr data-testid="pos-row-editing">
      <td colspan="3">
        <form class="row" novalidate @submit=${(ev: Event) => this.rename(ev, p.id)}>
          ${textField({ name: 'rename', label: tb('pos.name'), value: e.name, error: e.errors?.fields.name, maxlength: 120, testid: 'pos-rename-input', onInput: (v) => (this.editing = { ...e, name: v }) })}
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.busy === p.id} data-testid="pos-rename-save">${t('save')}</button>
            <button type="button" @click=${() => (this.editing = undefined)}>${t('cancel')}</button>
          </div>
        </form>
      </td>
    </tr>`;
  }

  private readonly create = async (event: Event) => {
    event.preventDefault();
    const name = this.newName.trim();
    this.notice = '';
    if (!name) {
      this.createErrors = { fields: { name: t('required') } };
      return;
    }
    this.busy = 'create';
    this.createErrors = undefined;
    try {
      const { pos } = await api<{ pos: PointOfSale }>(this.path(this.collectiveId), { body: { name } });
      this.newName = '';
      this.notice = tb('pos.created', { name: pos.name });
      await this.list.reload();
    } catch (err) {
      this.createErrors = formErrorsOf(err);
    } finally {
      this.busy = '';
    }
  };

  private async rename(event: Event, posId: string): Promise<void> {
    event.preventDefault();
    const e = this.editing!;
    if (!e.name.trim()) {
      this.editing = { ...e, errors: { fields: { name: t('required') } } };
      return;
    }
    const errors = await this.patch(posId, { name: e.name.trim() });
    if (errors) this.editing = { ...e, errors: { fields: { name: errors.fields.name ?? errorText(errors.form?.code ?? 'INTERNAL', errors.form?.message) } } };
    else this.editing = undefined;
  }

  /** Saves a change of one POS; returns the refusal, if any. */
  private async patch(posId: string, body: { name?: string; active?: boolean }): Promise<FormErrors | undefined> {
    this.busy = posId;
    this.rowError = '';
    try {
      await api(`${this.path(this.collectiveId)}/${encodeURIComponent(posId)}`, { method: 'PATCH', body });
      await this.list.reload();
      return undefined;
    } catch (err) {
      const errors = formErrorsOf(err);
      if (body.name === undefined) this.rowError = errorLine(errors);
      return errors;
    } finally {
      this.busy = '';
    }
  }

  private path(collectiveId: string): string {
    return `/api/collectives/${encodeURIComponent(collectiveId)}/pos`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-list': PosList;
  }
}
