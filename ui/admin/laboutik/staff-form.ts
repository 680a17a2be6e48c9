// Create or edit a staff member: name, role (cashier or manager), their staff Pass card (UID in
// hex), a PIN (write-only: typed to set or change it, never shown), the points of sale they may
// unlock (none ticked = all) and whether they may unlock at all. Someone new needs a card or a
// PIN. Sends `saved` with the member, or `cancel`.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { PointOfSale, StaffMember, StaffRole } from '../api-types.js';
import { checkField, formAlert, selectField, textField } from '../fields.js';
import { fieldError, type FormErrors, formErrorsOf, formErrorText } from '../form-errors.js';
import { t } from '../messages.js';
import { tb } from './messages.js';
import { draftFrom, emptyDraft, staffRequest, type StaffDraft } from './staff-draft.js';

const roles: StaffRole[] = ['cashier', 'manager'];

@customElement('staff-form')
export class StaffForm extends LitElement {
  @property() collectiveId = '';
  /** The member edited; none to create one. */
  @property({ attribute: false }) member: StaffMember | undefined;
  @property({ attribute: false }) points: PointOfSale[] = [];
  @state() private draft: StaffDraft = emptyDraft();
  @state() private errors: FormErrors | undefined;
  @state() private busy = false;
  private draftOf: StaffMember | undefined | null = null;

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      fieldset {
        border: 0;
        padding: 0;
        margin: 0 0 var(--pass-space-4);
        min-width: 0;
      }
      legend {
        font-weight: 600;
        margin-bottom: var(--pass-space-1);
        padding: 0;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--pass-space-4);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(): void {
    if (this.member !== this.draftOf) {
      this.draftOf = this.member;
      this.draft = this.member ? draftFrom(this.member) : emptyDraft();
      this.errors = undefined;
    }
  }

  override render() {
    const d = this.draft;
    const m = this.member;
    const e = (name: string) => fieldError(this.errors, name);
    const set = (patch: Partial<StaffDraft>) => (this.draft = { ...d, ...patch });
    return html`<form class="panel" novalidate @submit=${this.submit} data-testid="staff-form">
      <h2>${m ? tb('staff.edit', { name: m.name }) : tb('staff.new')}</h2>
      ${formAlert(formErrorText(this.errors))}
      <div class="grid">
        ${textField({ name: 'name', label: tb('staff.name'), value: d.name, error: e('name'), maxlength: 120, testid: 'staff-name', onInput: (v) => set({ name: v }) })}
        ${selectField({
          name: 'role',
          label: tb('staff.role'),
          value: d.role,
          error: e('role'),
          testid: 'staff-role',
          options: roles.map((r) => ({ value: r, label: tb(`staff.role.${r}`) })),
          onInput: (v) => set({ role: v as StaffRole }),
        })}
        ${textField({ name: 'cardUid', label: tb('staff.card'), value: d.cardUid, error: e('cardUid'), hint: tb('staff.cardHint'), maxlength: 40, testid: 'staff-card', onInput: (v) => set({ cardUid: v }) })}
        ${textField({
          name: 'pin',
          label: tb('staff.pin'),
          value: d.pin,
          type: 'password',
          inputmode: 'numeric',
          autocomplete: 'new-password',
          error: e('pin'),
          hint: m?.hasPin ? tb('staff.pinKeep') : tb('staff.pinHint'),
          maxlength: 8,
          testid: 'staff-pin',
          onInput: (v) => set({ pin: v }),
        })}
      </div>
      ${this.posChoices(d, e('posIds'))}
      ${checkField({ name: 'active', label: tb('staff.activeField'), checked: d.active, testid: 'staff-active', onChange: (v) => set({ active: v }) })}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="staff-save">${this.busy ? t('saving') : m ? t('save') : t('create')}</button>
        <button type="button" data-testid="staff-cancel" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private posChoices(d: StaffDraft, error: string | undefined) {
    if (!this.points.length) return nothing;
    const toggle = (posId: string, on: boolean) => {
      const posIds = on ? [...d.posIds, posId] : d.posIds.filter((id) => id !== posId);
      this.draft = { ...d, posIds };
    };
    return html`<fieldset aria-describedby="staff-pos-hint">
      <legend>${tb('staff.pos')}</legend>
      <div class="choices">
        ${this.points.map(
          (p) =>
            html`<label class="check">
              <input
                type="checkbox"
                .checked=${live(d.posIds.includes(p.id))}
                data-testid="staff-pos"
                data-pos-id=${p.id}
                @change=${(ev: Event) => toggle(p.id, (ev.target as HTMLInputElement).checked)}
              />
              ${p.name}
            </label>`,
        )}
      </div>
      ${error ? html`<div class="field-error" role="alert" data-testid="f-posIds-error">${error}</div>` : html`<div class="hint" id="staff-pos-hint">${tb('staff.posHint')}</div>`}
    </fieldset>`;
  }

  private readonly submit = async (event: Event) => {
    event.preventDefault();
    const checked = staffRequest(this.draft, this.member);
    if ('fields' in checked) {
      this.errors = checked;
      return;
    }
    if (this.member && !Object.keys(checked.body).length) {
      this.dispatchEvent(new CustomEvent<StaffMember>('saved', { detail: this.member })); // nothing changed
      return;
    }
    this.busy = true;
    this.errors = undefined;
    try {
      const base = `/api/collectives/${encodeURIComponent(this.collectiveId)}/staff`;
      const { staff } = this.member
        ? await api<{ staff: StaffMember }>(`${base}/${encodeURIComponent(this.member._id)}`, { method: 'PATCH', body: checked.body })
        : await api<{ staff: StaffMember }>(base, { body: checked.body });
      this.dispatchEvent(new CustomEvent<StaffMember>('saved', { detail: staff }));
      if (!this.member) this.draft = emptyDraft();
      else this.draft = { ...this.draft, pin: '' }; // the PIN is write-only: never kept in the form
    } catch (err) {
      this.errors = formErrorsOf(err);
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-form': StaffForm;
  }
}
