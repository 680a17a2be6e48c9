// The collective's events: when, seats sold, published or draft, their prices; a form to create
// one, and a link to each event's page (edit, prices, bookings).
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { dateTime, money } from '../messages.js';
import { followLink, linkTo, navigate } from '../route.js';
import './event-form.js';
import { tl } from './messages.js';
import type { EventView } from './types.js';

@customElement('events-panel')
export class EventsPanel extends LitElement {
  @property() collectiveId = '';
  @state() private creating = false;

  private readonly events = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal) => (await api<{ events: EventView[] }>(`/api/collectives/${encodeURIComponent(id)}/events`, { signal })).events,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`${this.creating
        ? html`<event-form .collectiveId=${this.collectiveId} @saved=${(e: CustomEvent<EventView>) => this.created(e.detail)} @cancel=${() => (this.creating = false)}></event-form>`
        : nothing}
      <section class="panel" data-testid="events-panel">
        <div class="panel-head">
          <h2>${tl('events.title')}</h2>
          <button type="button" class="primary" data-testid="event-new" @click=${() => (this.creating = true)}>+ ${tl('events.new')}</button>
        </div>
        <p class="muted">${tl('events.intro')}</p>
        ${loadView(this.events.state, (list) => this.table(list), () => this.events.reload())}
      </section>`;
  }

  private table(list: EventView[]) {
    if (!list.length) return html`<p class="empty" data-testid="events-empty">${tl('events.none')}</p>`;
    const sorted = [...list].sort((a, b) => b.startsAt - a.startsAt);
    return html`<div class="table-wrap">
      <table class="stack" data-testid="events-table">
        <tbody>
          ${sorted.map(
            (e) => html`<tr data-testid="event-row" data-event-id=${e.id}>
              <td>
                <a href=${linkTo('events', e.id)} @click=${followLink}><strong>${e.title}</strong></a><br />
                <span class="muted">${dateTime(e.startsAt)}${e.place ? ` · ${e.place}` : ''}</span>
              </td>
              <td>${tl('events.sold', { sold: e.sold, capacity: e.capacity })}</td>
              <td>${e.prices.filter((p) => p.active).map((p) => html`<span class="badge">${p.name} · ${p.amount ? money(p.amount) : tl('prices.free')}</span> `)}</td>
              <td><span class="badge ${e.published ? 'ok' : 'warn'}">${e.published ? tl('events.published') : tl('events.draft')}</span></td>
              <td class="actions-cell"><a class="btn small-btn" href=${linkTo('events', e.id)} @click=${followLink}>${tl('events.manage')}</a></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private created(event: EventView): void {
    this.creating = false;
    // Prices come next: straight to the event's page.
    navigate(linkTo('events', event.id));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'events-panel': EventsPanel;
  }
}
