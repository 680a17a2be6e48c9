// The memberships the collective offers: price, validity, state; create, edit, archive.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { formAlert } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { money, t } from '../messages.js';
import '../confirm-button.js';
import './membership-form.js';
import { tl } from './messages.js';
import type { MembershipProductView } from './types.js';

@customElement('memberships-panel')
export class MembershipsPanel extends LitElement {
  @property() collectiveId = '';
  /** undefined: no form; null: a new one; else the one edited. */
  @state() private editing: MembershipProductView | null | undefined;
  @state() private notice = '';
  @state() private error = '';

  private readonly memberships = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal) => (await api<{ memberships: MembershipProductView[] }>(this.path(id), { signal })).memberships,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`${this.editing !== undefined
        ? html`<membership-form
            .collectiveId=${this.collectiveId}
            .membership=${this.editing ?? undefined}
            @saved=${(e: CustomEvent<MembershipProductView>) => this.saved(e.detail)}
            @cancel=${() => (this.editing = undefined)}
          ></membership-form>`
        : nothing}
      <section class="panel" data-testid="memberships-panel">
        <div class="panel-head">
          <h2>${tl('memberships.title')}</h2>
          <button type="button" class="primary" data-testid="membership-new" @click=${() => (this.editing = null)}>+ ${tl('memberships.new')}</button>
        </div>
        <p class="muted">${tl('memberships.intro')}</p>
        ${this.notice ? html`<p class="badge ok" role="status">${this.notice}</p>` : nothing}
        ${formAlert(this.error)}
        ${loadView(this.memberships.state, (list) => this.table(list), () => this.memberships.reload())}
      </section>`;
  }

  private table(list: MembershipProductView[]) {
    if (!list.length) return html`<p class="empty">${tl('memberships.none')}</p>`;
    return html`<div class="table-wrap">
      <table class="stack" data-testid="memberships-table">
        <tbody>
          ${list.map(
            (m) => html`<tr data-testid="membership-row" class=${m.active ? '' : 'muted-row'}>
              <td><strong>${m.name}</strong>${m.fields.length ? html`<br /><span class="muted">${tl('memberships.questions', { count: m.fields.length })}</span>` : nothing}</td>
              <td class="num">${money(m.price)}</td>
              <td>${m.period ? tl(`memberships.period.${m.period}`) : tl('memberships.days', { days: m.durationDays ?? 0 })}</td>
              <td><span class="badge ${m.active ? 'ok' : ''}">${m.active ? tl('memberships.active') : tl('memberships.inactive')}</span></td>
              <td class="actions-cell">
                <button type="button" class="small-btn" data-testid="membership-edit" @click=${() => (this.editing = m)}>${t('edit')}</button>
                ${m.active
                  ? html`<confirm-button small label=${tl('memberships.archive')} question=${tl('memberships.archiveConfirm', { name: m.name })} testid="membership-archive" @confirmed=${() => this.archive(m)}></confirm-button>`
                  : nothing}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private async saved(m: MembershipProductView): Promise<void> {
    this.editing = undefined;
    this.notice = tl('memberships.saved', { name: m.name });
    await this.memberships.reload();
  }

  private async archive(m: MembershipProductView): Promise<void> {
    this.error = '';
    try {
      await api(`${this.path(this.collectiveId)}/${encodeURIComponent(m.id)}`, { method: 'DELETE' });
      await this.memberships.reload();
    } catch (err) {
      this.error = errorLine(formErrorsOf(err));
    }
  }

  private path(collectiveId: string): string {
    return `/api/collectives/${encodeURIComponent(collectiveId)}/membership-products`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'memberships-panel': MembershipsPanel;
  }
}
