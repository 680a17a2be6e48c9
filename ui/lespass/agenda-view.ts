// The agenda: events of this collective or of its whole village, soonest first, grouped by
// day, filtered by dates. Compact on the home page (the next few, no date filter). Days and
// hours are those of the collective's time zone. A slower, older answer never replaces a newer one.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import { baseStyles, buttonStyles, formStyles } from '../shared/styles.js';
import type { AgendaScope, Site, SiteEvent } from './api-types.js';
import { byDay, formatDay, formatTime, startOfDay, withinDays } from './dates.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, t } from './messages.js';
import { hrefOf } from './route.js';
import { siteApi } from './site-api.js';

const compactCount = 4;
const dayMs = 86_400_000;
const fewSeats = 10;

type Load = { status: 'loading' } | { status: 'ready'; events: SiteEvent[] } | { status: 'error'; error: unknown };

@customElement('agenda-view')
export class AgendaView extends LitElement {
  @property({ attribute: false }) site!: Site;
  /** The home page's short list: the next few events, no date filter. */
  @property({ type: Boolean }) compact = false;
  @state() private scope: AgendaScope = 'mine';
  @state() private from = '';
  @state() private to = '';
  @state() private load: Load = { status: 'loading' };
  private asked = 0;

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    siteStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pass-space-3);
        align-items: end;
        margin-bottom: var(--pass-space-4);
      }
      .segmented {
        display: inline-flex;
        border: 2px solid var(--pass-border);
        border-radius: var(--pass-radius-small);
        overflow: hidden;
        background: var(--pass-surface);
      }
      .segmented button {
        border: 0;
        border-radius: 0;
        background: transparent;
      }
      .segmented button[aria-pressed='true'] {
        background: var(--pass-primary);
        color: var(--pass-on-primary);
      }
      .dates {
        display: flex;
        gap: var(--pass-space-2);
        align-items: end;
        flex-wrap: wrap;
      }
      .dates label {
        font-size: 0.9rem;
        margin: 0;
      }
      .dates input {
        width: 11.5rem;
        font-size: 1rem;
      }
      .day {
        margin: var(--pass-space-5) 0 var(--pass-space-2);
        font-size: 1.05rem;
        color: var(--pass-muted);
      }
      .day::first-letter {
        text-transform: uppercase;
      }
      .day:first-child {
        margin-top: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pass-space-3);
      }
      .event {
        display: grid;
        grid-template-columns: 4.2rem 1fr;
        gap: var(--pass-space-3);
        align-items: start;
        padding: var(--pass-space-3) var(--pass-space-4);
      }
      .time {
        font-weight: 800;
        font-size: 1.15rem;
        font-variant-numeric: tabular-nums;
        padding-top: 2px;
      }
      .title {
        font-size: 1.15rem;
        font-weight: 800;
        text-decoration: none;
        color: var(--pass-text);
      }
      .title:hover {
        text-decoration: underline;
      }
      .meta {
        color: var(--pass-muted);
        margin: 2px 0 var(--pass-space-2);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pass-space-2);
        align-items: center;
        justify-content: space-between;
      }
      .actions .btn {
        min-height: 44px;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetch();
  }

  override render() {
    return html`${this.renderFilters()}
      <div data-testid="agenda" data-state=${this.load.status}>${this.renderList()}</div>`;
  }

  private renderFilters() {
    const village = this.site.village;
    const scopes = village
      ? html`<div class="segmented" role="group" aria-label=${t('agenda.scope')}>
          ${(['mine', 'village'] as const).map(
            (scope) =>
              html`<button type="button" aria-pressed=${String(this.scope === scope)} data-testid="scope-${scope}" @click=${() => this.setScope(scope)}>
                ${t(scope === 'mine' ? 'agenda.mine' : 'agenda.village')}
              </button>`,
          )}
        </div>`
      : nothing;
    if (this.compact) return village ? html`<div class="filters">${scopes}</div>` : nothing;
    return html`<div class="filters">
      ${scopes}
      <div class="dates">
        <div>
          <label for="from">${t('agenda.from')}</label>
          <input
            id="from"
            type="date"
            .value=${this.from}
            max=${this.to || nothing}
            data-testid="date-from"
            @change=${(e: Event) => this.setDates((e.target as HTMLInputElement).value, this.to)}
          />
        </div>
        <div>
          <label for="to">${t('agenda.to')}</label>
          <input
            id="to"
            type="date"
            .value=${this.to}
            min=${this.from || nothing}
            data-testid="date-to"
            @change=${(e: Event) => this.setDates(this.from, (e.target as HTMLInputElement).value)}
          />
        </div>
        ${this.from || this.to ? html`<button type="button" class="ghost" data-testid="dates-clear" @click=${() => this.setDates('', '')}>${t('agenda.clearDates')}</button>` : nothing}
      </div>
    </div>`;
  }

  private renderList() {
    const load = this.load;
    if (load.status === 'loading') return html`<p class="muted">${t('site.loading')}</p>`;
    if (load.status === 'error') {
      return html`<div class="card">
        <p>${t('agenda.loadFailed')} ${errorText(load.error)}</p>
        <button @click=${() => this.fetch()}>${t('site.retry')}</button>
      </div>`;
    }
    const zone = this.site.collective.timezone;
    let events = withinDays(load.events, { from: this.from, to: this.to }, zone);
    if (this.compact) events = events.slice(0, compactCount);
    if (!events.length) return html`<p class="empty" data-testid="agenda-empty">${t(this.from || this.to ? 'agenda.emptyFiltered' : 'agenda.empty')}</p>`;
    return byDay(events, zone).map(
      (group) =>
        // Days are the level under the page's: h2 under the agenda page's h1, h3 under the home page's h2.
        html`${this.compact ? html`<h3 class="day">${formatDay(group.events[0].startsAt, zone, getLang())}</h3>` : html`<h2 class="day">${formatDay(group.events[0].startsAt, zone, getLang())}</h2>`}
          <ul>
            ${group.events.map((e) => this.renderEvent(e))}
          </ul>`,
    );
  }

  private renderEvent(e: SiteEvent) {
    const zone = this.site.collective.timezone;
    const href = hrefOf(this.site.collective.slug, 'event', e.id);
    const other = e.collective && e.collective.id !== this.site.collective.id;
    return html`<li class="card event" data-testid="agenda-event" data-event-id=${e.id}>
      <div class="time">${formatTime(e.startsAt, zone, getLang())}</div>
      <div>
        <a class="title" href=${href}>${e.title}</a>
        <p class="meta">${[e.place, other ? t('agenda.by', { name: e.collective.name }) : ''].filter(Boolean).join(' · ')}</p>
        <div class="actions">
          <div class="row">${this.priceBadges(e)}</div>
          <a class="btn ${bookable(e) ? 'primary' : ''}" href=${href}>${bookable(e) ? t('agenda.book') : t('agenda.details')}</a>
        </div>
      </div>
    </li>`;
  }

  private priceBadges(e: SiteEvent) {
    if (!e.prices.length) return nothing;
    if (e.remaining <= 0) return html`<span class="badge bad">${t('agenda.soldOut')}</span>`;
    const paid = e.prices.map((p) => p.amount).filter((a) => a > 0);
    const free = paid.length < e.prices.length ? html`<span class="badge ok">${t(paid.length ? 'price.free' : 'agenda.free')}</span>` : nothing;
    const from = paid.length ? html`<span class="badge">${t('agenda.fromPrice', { price: formatMoney(Math.min(...paid), getLang()) })}</span>` : nothing;
    const price = html`${free}${from}`;
    const seats =
      e.remaining <= fewSeats ? html`<span class="badge warn">${e.remaining === 1 ? t('agenda.oneSeatLeft') : t('agenda.seatsLeft', { n: e.remaining })}</span>` : nothing;
    return html`${price}${seats}`;
  }

  private setScope(scope: AgendaScope): void {
    if (scope === this.scope) return;
    this.scope = scope;
    void this.fetch();
  }

  private setDates(from: string, to: string): void {
    this.from = from;
    this.to = to && from && to < from ? from : to;
    void this.fetch();
  }

  private async fetch(): Promise<void> {
    const ask = ++this.asked;
    const zone = this.site.collective.timezone;
    const window = { from: this.from ? startOfDay(this.from, zone) : undefined, to: this.to ? startOfDay(this.to, zone) + dayMs : undefined };
    if (this.load.status !== 'ready') this.load = { status: 'loading' };
    try {
      const events = await siteApi.agenda(this.site.collective.slug, this.scope, window);
      if (ask === this.asked) this.load = { status: 'ready', events };
    } catch (error) {
      if (ask === this.asked) this.load = { status: 'error', error };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agenda-view': AgendaView;
  }
}

/** Seats left and at least one price to book at: an event without prices is information only. */
function bookable(e: SiteEvent): boolean {
  return e.remaining > 0 && e.prices.length > 0;
}
