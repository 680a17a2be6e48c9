// One event's page: its details (edit), its prices (free or paid, quotas, members only) and its
// bookings (cancel with refund). Deleting is offered too: the server refuses once booked.
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { formAlert } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { followLink, linkTo, navigate } from '../route.js';
import '../confirm-button.js';
import './event-form.js';
import './event-prices.js';
import './event-reservations.js';
import { tl } from './messages.js';
import type { EventView } from './types.js';

@customElement('event-detail')
export class EventDetail extends LitElement {
  @property() collectiveId = '';
  @property() eventId = '';
  @state() private removeError = '';

  private readonly event = new Loader(this, {
    args: () => [this.collectiveId, this.eventId] as const,
    task: async ([collectiveId, eventId], signal) => (await api<{ event: EventView }>(this.path(collectiveId, eventId), { signal })).event,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<p><a href=${linkTo('events')} @click=${followLink} data-testid="events-back">${tl('events.back')}</a></p>
      ${loadView(this.event.state, (e) => this.detail(e), () => this.event.reload())}`;
  }

  private detail(e: EventView) {
    return html`<event-form .collectiveId=${this.collectiveId} .event=${e} .cancellable=${false} @saved=${(ev: CustomEvent<EventView>) => this.event.set(ev.detail)}></event-form>
      <event-prices .collectiveId=${this.collectiveId} .event=${e} @changed=${(ev: CustomEvent<EventView>) => this.event.set(ev.detail)}></event-prices>
      <event-reservations .collectiveId=${this.collectiveId} .eventId=${e.id}></event-reservations>
      <section class="panel">
        ${formAlert(this.removeError)}
        <confirm-button label=${tl('events.remove')} question=${tl('events.removeConfirm')} testid="event-remove" @confirmed=${this.removeEvent}></confirm-button>
      </section>`;
  }

  private readonly removeEvent = async () => {
    this.removeError = '';
    try {
      await api(this.path(this.collectiveId, this.eventId), { method: 'DELETE' });
      navigate(linkTo('events'));
    } catch (err) {
      this.removeError = errorLine(formErrorsOf(err));
    }
  };

  private path(collectiveId: string, eventId: string): string {
    return `/api/collectives/${encodeURIComponent(collectiveId)}/events/${encodeURIComponent(eventId)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'event-detail': EventDetail;
  }
}
