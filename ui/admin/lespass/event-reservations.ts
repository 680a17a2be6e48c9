// The bookings of an event: who, which tickets, paid how much, in which state; a confirmed or
// pending booking can be cancelled (its tickets stop being valid; what was paid is refunded).
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
import { dateTime, money, t } from '../messages.js';
import '../confirm-button.js';
import { tl } from './messages.js';
import type { ReservationView } from './types.js';

const stateBadge: Record<ReservationView['state'], string> = { pending: 'warn', confirmed: 'ok', cancelled: 'bad', expired: '', refunded: '' };

@customElement('event-reservations')
export class EventReservations extends LitElement {
  @property() collectiveId = '';
  @property() eventId = '';
  @state() private error = '';
  @state() private busy = '';

  private readonly reservations = new Loader(this, {
    args: () => [this.collectiveId, this.eventId] as const,
    task: async ([collectiveId, eventId], signal) =>
      (await api<{ reservations: ReservationView[] }>(`/api/collectives/${encodeURIComponent(collectiveId)}/events/${encodeURIComponent(eventId)}/reservations`, { signal })).reservations,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel" data-testid="event-reservations">
      <h2>${tl('reservations.title')}</h2>
      ${formAlert(this.error, 'reservation-error')}
      ${loadView(this.reservations.state, (list) => this.table(list), () => this.reservations.reload())}
    </section>`;
  }

  private table(list: ReservationView[]) {
    if (!list.length) return html`<p class="empty">${tl('reservations.none')}</p>`;
    return html`<div class="table-wrap">
      <table class="stack" data-testid="reservations-table">
        <thead>
          <tr>
            <th>${tl('reservations.holder')}</th>
            <th>${tl('reservations.tickets')}</th>
            <th class="num">${tl('reservations.total')}</th>
            <th>${tl('reservations.state')}</th>
            <th><span class="visually-hidden">${t('actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (r) => html`<tr data-testid="reservation-row" data-reservation-id=${r.id} data-state=${r.state}>
              <td><strong>${r.holder}</strong><br /><span class="muted">${r.email} · ${dateTime(r.createdAt)}</span></td>
              <td data-label=${tl('reservations.tickets')}><span>${r.lines.map((l) => html`${l.qty} × ${l.name}<br />`)}</span></td>
              <td class="num" data-label=${tl('reservations.total')}>${money(r.total)}</td>
              <td>
                <span class="badge ${stateBadge[r.state]}">${tl(`reservations.state.${r.state}`)}</span>
                ${r.refund ? html`<br /><span class="muted">${tl('reservations.refund', { amount: money(r.refund.amount), state: tl(`reservations.refund.${r.refund.state}`) })}</span>` : nothing}
              </td>
              <td class="actions-cell">
                ${r.state === 'confirmed' || r.state === 'pending'
                  ? html`<confirm-button
                      small
                      label=${r.paidAmount > 0 ? tl('reservations.cancelRefund') : tl('reservations.cancel')}
                      question=${tl('reservations.cancelConfirm', { holder: r.holder })}
                      testid="reservation-cancel"
                      ?disabled=${this.busy === r.id}
                      @confirmed=${() => this.cancel(r)}
                    ></confirm-button>`
                  : nothing}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private async cancel(r: ReservationView): Promise<void> {
    this.busy = r.id;
    this.error = '';
    try {
      await api(`/api/collectives/${encodeURIComponent(this.collectiveId)}/reservations/${encodeURIComponent(r.id)}/cancel`, { body: { refund: true } });
      await this.reservations.reload();
    } catch (err) {
      this.error = errorLine(formErrorsOf(err));
    } finally {
      this.busy = '';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'event-reservations': EventReservations;
  }
}
