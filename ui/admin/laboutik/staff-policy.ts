// Which points of sale require staff on their terminals: one switch per POS (PATCH of the POS's
// requireStaff). Connected terminals learn the change at once and refuse to sell until a staff
// card or PIN unlocks them. Sends `changed` after a switch was saved.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { PointOfSale, StaffMember } from '../api-types.js';
import { formAlert } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { tb } from './messages.js';

@customElement('staff-policy')
export class StaffPolicy extends LitElement {
  @property() collectiveId = '';
  @property({ attribute: false }) points: PointOfSale[] = [];
  @property({ attribute: false }) staff: StaffMember[] = [];
  @state() private error = '';
  /** POS id → the value being saved, shown until the saved POS list comes back. */
  @state() private saving = new Map<string, boolean>();

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0 var(--pass-space-4);
        padding: var(--pass-space-1) 0;
        border-bottom: 1px solid var(--pass-border);
      }
      li.muted-row strong {
        color: var(--pass-muted);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('points')) this.saving = new Map();
  }

  override render() {
    const required = this.points.some((p) => p.requireStaff);
    const nobody = !this.staff.some((m) => m.active);
    return html`<section class="panel" data-testid="staff-policy">
      <h2>${tb('staff.policy.title')}</h2>
      <p data-testid="staff-policy-explain">${tb('staff.policy.explain')}</p>
      ${required && nobody ? html`<div class="alert warning" role="alert" data-testid="staff-policy-nobody">${tb('staff.policy.noStaff')}</div>` : nothing}
      ${formAlert(this.error, 'staff-policy-error')} ${this.points.length ? this.list() : html`<p class="empty">${tb('staff.policy.none')}</p>`}
    </section>`;
  }

  private list() {
    return html`<ul>
      ${this.points.map(
        (p) =>
          html`<li data-testid="staff-policy-row" data-pos-id=${p.id} data-required=${String(p.requireStaff)} class=${p.active ? '' : 'muted-row'}>
            <span><strong>${p.name}</strong> ${p.active ? nothing : html`<span class="badge">${tb('pos.disabled')}</span>`}</span>
            <label class="check">
              <input
                type="checkbox"
                .checked=${live(this.saving.get(p.id) ?? p.requireStaff)}
                ?disabled=${this.saving.has(p.id)}
                data-testid="require-staff"
                @change=${(e: Event) => this.setRequired(p, (e.target as HTMLInputElement).checked)}
              />
              ${tb('staff.policy.toggle')}
            </label>
          </li>`,
      )}
    </ul>`;
  }

  private async setRequired(p: PointOfSale, requireStaff: boolean): Promise<void> {
    this.saving = new Map(this.saving).set(p.id, requireStaff);
    this.error = '';
    try {
      await api(`/api/collectives/${encodeURIComponent(this.collectiveId)}/pos/${encodeURIComponent(p.id)}`, { method: 'PATCH', body: { requireStaff } });
      this.dispatchEvent(new CustomEvent('changed')); // the new list clears `saving`
    } catch (err) {
      this.error = errorLine(formErrorsOf(err));
      const saving = new Map(this.saving);
      saving.delete(p.id); // back to the saved state
      this.saving = saving;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-policy': StaffPolicy;
  }
}
