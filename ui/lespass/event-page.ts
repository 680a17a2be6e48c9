// One event: its picture, date, place and description, its prices (free or paid, seats left,
// members-only marked), and the booking form. An event of another collective of the village is
// shown here and booked on that collective's own site.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../shared/api.js';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import type { MembershipProduct, Site, SiteEvent } from './api-types.js';
import type { Offer } from './basket.js';
import { dayKey, formatDay, formatTime } from './dates.js';
import { siteStyles } from './lespass-styles.js';
import { errorText, t } from './messages.js';
import { hrefOf } from './route.js';
import { siteApi } from './site-api.js';
import './basket-form.js';

type Load = { status: 'loading' } | { status: 'ready'; event: SiteEvent } | { status: 'missing' } | { status: 'error'; error: unknown };

@customElement('event-page')
export class EventPage extends LitElement {
  @property({ attribute: false }) site!: Site;
  @property() eventId = '';
  @state() private load: Load = { status: 'loading' };
  @state() private memberships: MembershipProduct[] = [];

  static override styles = [
    baseStyles,
    buttonStyles,
    siteStyles,
    css`
      .layout {
        display: grid;
        gap: var(--pass-space-5);
        grid-template-columns: minmax(0, 1fr);
        align-items: start;
      }
      @media (min-width: 880px) {
        .layout {
          grid-template-columns: minmax(0, 1fr) minmax(340px, 420px);
        }
        .booking {
          position: sticky;
          top: var(--pass-space-4);
        }
      }
      .picture {
        width: 100%;
        aspect-ratio: 16 / 9;
        object-fit: cover;
        border-radius: var(--pass-radius);
        background: var(--pass-surface-2);
        margin-bottom: var(--pass-space-4);
      }
      h1 {
        margin-bottom: var(--pass-space-3);
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--pass-space-1) var(--pass-space-3);
        margin: 0 0 var(--pass-space-4);
      }
      dt {
        color: var(--pass-muted);
        font-weight: 600;
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      dd::first-letter {
        text-transform: uppercase;
      }
      .prices {
        list-style: none;
        margin: 0 0 var(--pass-space-4);
        padding: 0;
        display: grid;
        gap: var(--pass-space-2);
      }
      .prices li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--pass-space-2);
        padding: var(--pass-space-2) var(--pass-space-3);
        background: var(--pass-surface-2);
        border-radius: var(--pass-radius-small);
      }
      .booking h2 {
        margin-bottom: var(--pass-space-4);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
    this.addEventListener('refresh', () => void this.fetch());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetch();
    siteApi.memberships(this.site.collective.slug).then(
      (m) => (this.memberships = m.mine),
      () => (this.memberships = []), // booking works without the membership option
    );
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('eventId') && changed.get('eventId') !== undefined) void this.fetch();
  }

  override render() {
    const slug = this.site.collective.slug;
    const back = html`<a class="back" href=${hrefOf(slug, 'agenda')}>← ${t('event.back')}</a>`;
    const load = this.load;
    if (load.status === 'loading')
      return html`${back}
        <p class="muted">${t('site.loading')}</p>`;
    if (load.status === 'missing')
      return html`${back}
        <p class="card" data-testid="event-missing">${t('event.notFound')}</p>`;
    if (load.status === 'error') {
      return html`${back}
        <div class="card">
          <p>${t('event.loadFailed')} ${errorText(load.error)}</p>
          <button @click=${() => this.fetch()}>${t('site.retry')}</button>
        </div>`;
    }
    const e = load.event;
    return html`${back}
      <div class="layout" data-testid="event" data-event-id=${e.id}>
        <article>
          ${e.imageUrl ? html`<img class="picture" src=${e.imageUrl} alt="" />` : nothing}
          <h1 data-testid="event-title">${e.title}</h1>
          ${this.renderFacts(e)} ${e.description ? html`<p class="description">${e.description}</p>` : nothing}
        </article>
        ${e.prices.length
          ? html`<aside class="card booking">
              <h2>${t('book.title')}</h2>
              ${this.renderBooking(e)}
            </aside>`
          : html`<aside class="card booking" data-testid="no-booking"><p>${t('event.noBooking')}</p></aside>`}
      </div>`;
  }

  private renderFacts(e: SiteEvent) {
    const zone = this.site.collective.timezone;
    const lang = getLang();
    const sameDay = dayKey(e.startsAt, zone) === dayKey(e.endsAt, zone);
    const when = sameDay
      ? `${formatDay(e.startsAt, zone, lang)}, ${formatTime(e.startsAt, zone, lang)} – ${formatTime(e.endsAt, zone, lang)}`
      : `${formatDay(e.startsAt, zone, lang)}, ${formatTime(e.startsAt, zone, lang)} – ${formatDay(e.endsAt, zone, lang)}, ${formatTime(e.endsAt, zone, lang)}`;
    const other = e.collective && e.collective.id !== this.site.collective.id;
    return html`<dl>
      <dt>${t('event.when')}</dt>
      <dd data-testid="event-when">${when}</dd>
      ${
        e.place
          ? html`<dt>${t('event.where')}</dt>
              <dd>${e.place}</dd>`
          : nothing
      }
      ${
        other
          ? html`<dt>${t('event.organiser')}</dt>
              <dd><a href="/${encodeURIComponent(e.collective.slug)}/">${e.collective.name}</a></dd>`
          : nothing
      }
    </dl>`;
  }

  private renderBooking(e: SiteEvent) {
    if (e.endsAt < Date.now()) return html`<p>${t('event.over')}</p>`;
    if (e.collective && e.collective.id !== this.site.collective.id) {
      // Bookings are taken by the organiser's site (its prices, its members, its payments).
      return html`${this.renderPrices(e)}
        <p>${t('event.bookOnOwnSite', { name: e.collective.name })}</p>
        <a class="btn primary block" href=${hrefOf(e.collective.slug, 'event', e.id)} data-testid="book-elsewhere">${t('event.goToSite', { name: e.collective.name })}</a>`;
    }
    const offer: Offer = { eventId: e.id, prices: e.prices, memberships: this.memberships };
    return html`<basket-form .site=${this.site} .offer=${offer}></basket-form>`;
  }

  /** Prices shown without the form (the event is booked elsewhere). */
  private renderPrices(e: SiteEvent) {
    if (!e.prices.length) return nothing;
    return html`<ul class="prices" data-testid="prices">
      ${e.prices.map(
        (p) =>
          html`<li>
            <span>${p.name} ${p.membersOnly ? html`<span class="badge brand">${t('price.membersOnly')}</span>` : nothing}</span>
            <strong class="money">${p.amount > 0 ? formatMoney(p.amount, getLang()) : t('price.free')}</strong>
            ${p.remaining <= 0 ? html`<span class="badge bad">${t('price.soldOut')}</span>` : nothing}
          </li>`,
      )}
    </ul>`;
  }

  private async fetch(): Promise<void> {
    const id = this.eventId;
    try {
      const event = await siteApi.event(this.site.collective.slug, id);
      if (id === this.eventId) this.load = { status: 'ready', event };
    } catch (error) {
      if (id !== this.eventId) return;
      this.load = error instanceof ApiError && error.status === 404 ? { status: 'missing' } : { status: 'error', error };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'event-page': EventPage;
  }
}
