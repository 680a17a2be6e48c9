// The collective's register staff: who they are, their role, their staff card, whether a PIN is
// set (never the PIN itself), the points of sale they may unlock and whether they still may; a
// form to add or edit someone; and, below, the points of sale that require staff on terminals.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { PointOfSale, StaffMember } from '../api-types.js';
import { formAlert } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { t } from '../messages.js';
import { tb } from './messages.js';
import './staff-form.js';
import './staff-policy.js';

interface StaffData {
  staff: StaffMember[];
  points: PointOfSale[];
}

@customElement('staff-panel')
export class StaffPanel extends LitElement {
  @property() collectiveId = '';
  /** undefined: no form; null: someone new; else the member edited. */
  @state() private editing: StaffMember | null | undefined;
  /** What was just saved, said in the current language. */
  @state() private notice: { key: 'staff.saved' | 'staff.created'; name: string } | undefined;
  @state() private rowError = '';
  @state() private busy = '';

  private readonly data = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal): Promise<StaffData> => {
      const base = `/api/collectives/${encodeURIComponent(id)}`;
      const [{ staff }, { pointsOfSale }] = await Promise.all([
        api<{ staff: StaffMember[] }>(`${base}/staff`, { signal }),
        api<{ pointsOfSale: PointOfSale[] }>(`${base}/pos`, { signal }),
      ]);
      return { staff, points: pointsOfSale };
    },
  });

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      .uid {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 0.9rem;
        letter-spacing: 0.03em;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const points = this.data.value?.points ?? [];
    return html`${
        this.editing !== undefined
          ? html`<staff-form
              .collectiveId=${this.collectiveId}
              .member=${this.editing ?? undefined}
              .points=${points}
              @saved=${(e: CustomEvent<StaffMember>) => this.saved(e.detail)}
              @cancel=${() => (this.editing = undefined)}
            ></staff-form>`
          : nothing
      }
      <section class="panel" data-testid="staff-panel">
        <div class="panel-head">
          <h2>${tb('staff.title')}</h2>
          <button type="button" class="primary" data-testid="staff-new" @click=${() => this.edit(null)}>+ ${tb('staff.new')}</button>
        </div>
        <p class="muted">${tb('staff.intro')}</p>
        ${this.notice ? html`<p class="badge ok" role="status" data-testid="staff-notice">${tb(this.notice.key, { name: this.notice.name })}</p>` : nothing}
        ${formAlert(this.rowError, 'staff-row-error')}
        ${loadView(
          this.data.state,
          (d) => this.table(d),
          () => this.data.reload(),
        )}
      </section>
      ${
        this.data.value
          ? html`<staff-policy .collectiveId=${this.collectiveId} .points=${points} .staff=${this.data.value.staff} @changed=${() => this.data.reload()}></staff-policy>`
          : nothing
      }`;
  }

  private table(d: StaffData) {
    if (!d.staff.length) return html`<p class="empty" data-testid="staff-empty">${tb('staff.none')}</p>`;
    const names = new Map(d.points.map((p) => [p.id, p.name]));
    return html`<div class="table-wrap">
      <table class="stack" data-testid="staff-table">
        <thead>
          <tr>
            <th>${tb('staff.name')}</th>
            <th>${tb('staff.role')}</th>
            <th>${tb('staff.cardColumn')}</th>
            <th>${tb('staff.hasPin')}</th>
            <th>${tb('staff.posColumn')}</th>
            <th><span class="visually-hidden">${t('actions')}</span></th>
            <th class="num">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${d.staff.map((m) => this.row(m, names))}
        </tbody>
      </table>
    </div>`;
  }

  private row(m: StaffMember, names: Map<string, string>) {
    const allowed = m.posIds.length ? m.posIds.map((id) => names.get(id) ?? id).join(', ') : tb('staff.allPos');
    return html`<tr data-testid="staff-row" data-staff-id=${m._id} data-active=${String(m.active)} class=${m.active ? '' : 'muted-row'}>
      <td><strong data-testid="staff-row-name">${m.name}</strong></td>
      <td data-label=${tb('staff.role')}><span class="badge ${m.role === 'manager' ? 'warn' : ''}" data-testid="staff-row-role">${tb(`staff.role.${m.role}`)}</span></td>
      <td data-label=${tb('staff.cardColumn')}><span class="uid" data-testid="staff-row-card">${m.cardUid ?? '—'}</span></td>
      <td data-label=${tb('staff.hasPin')} data-testid="staff-row-pin">${m.hasPin ? t('yes') : t('no')}</td>
      <td data-label=${tb('staff.posColumn')} data-testid="staff-row-pos">${allowed}</td>
      <td><span class="badge ${m.active ? 'ok' : ''}">${m.active ? tb('staff.active') : tb('staff.inactive')}</span></td>
      <td class="actions-cell">
        <button type="button" class="small-btn" data-testid="staff-edit" @click=${() => this.edit(m)}>${t('edit')}</button>
        <button
          type="button"
          class="small-btn ${m.active ? 'danger' : ''}"
          ?disabled=${this.busy === m._id}
          data-testid="staff-toggle"
          @click=${() => this.setActive(m, !m.active)}
        >
          ${m.active ? tb('staff.deactivate') : tb('staff.activate')}
        </button>
      </td>
    </tr>`;
  }

  private edit(member: StaffMember | null): void {
    this.editing = member;
    this.notice = undefined;
    // The form opens above the list: bring it into view on a phone.
    void this.updateComplete.then(() => this.renderRoot.querySelector('staff-form')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  private async saved(member: StaffMember): Promise<void> {
    this.notice = { key: this.editing ? 'staff.saved' : 'staff.created', name: member.name };
    this.editing = undefined;
    await this.data.reload();
  }

  private async setActive(m: StaffMember, active: boolean): Promise<void> {
    this.busy = m._id;
    this.rowError = '';
    try {
      await api(`/api/collectives/${encodeURIComponent(this.collectiveId)}/staff/${encodeURIComponent(m._id)}`, { method: 'PATCH', body: { active } });
      await this.data.reload();
    } catch (err) {
      this.rowError = errorLine(formErrorsOf(err));
    } finally {
      this.busy = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-panel': StaffPanel;
  }
}
