// The home of a collective's site: who they are (description, village, photos), what comes
// next (the agenda's first events) and how to join.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import type { Site, SiteMemberships } from './api-types.js';
import { siteStyles } from './lespass-styles.js';
import { t } from './messages.js';
import { hrefOf } from './route.js';
import { siteApi } from './site-api.js';
import './agenda-view.js';
import './membership-card.js';

const teaserCount = 3;

@customElement('home-page')
export class HomePage extends LitElement {
  @property({ attribute: false }) site!: Site;
  @state() private memberships: SiteMemberships | null = null;

  static override styles = [
    baseStyles,
    buttonStyles,
    siteStyles,
    css`
      .hero {
        display: grid;
        gap: var(--pass-space-4);
        margin-bottom: var(--pass-space-6);
      }
      .intro {
        border-left: 8px solid var(--brand-secondary);
      }
      .intro h1 {
        margin-bottom: var(--pass-space-3);
      }
      .intro .description {
        font-size: 1.12rem;
        margin: 0;
      }
      .village {
        margin-top: var(--pass-space-3);
        color: var(--pass-muted);
      }
      .village a {
        white-space: nowrap;
      }
      .gallery {
        display: grid;
        grid-auto-flow: column;
        grid-auto-columns: minmax(240px, 1fr);
        gap: var(--pass-space-3);
        overflow-x: auto;
        scroll-snap-type: x mandatory;
        padding-bottom: var(--pass-space-2);
      }
      .gallery img {
        width: 100%;
        aspect-ratio: 4 / 3;
        object-fit: cover;
        border-radius: var(--pass-radius);
        scroll-snap-align: start;
        background: var(--pass-surface-2);
      }
      section {
        margin-bottom: var(--pass-space-6);
      }
      .grid {
        display: grid;
        gap: var(--pass-space-3);
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    siteApi.memberships(this.site.collective.slug).then(
      (m) => (this.memberships = m),
      () => (this.memberships = null), // the teaser is optional: the memberships page says what failed
    );
  }

  override render() {
    const c = this.site.collective;
    return html`<div class="hero">
        <div class="card intro">
          <h1 data-testid="site-title">${c.name}</h1>
          ${c.description ? html`<p class="description" data-testid="site-description">${c.description}</p>` : nothing} ${this.renderVillage()}
        </div>
        ${
          c.images.length
            ? html`<div class="gallery" role="list" aria-label=${t('home.gallery')}>${c.images.map((src) => html`<img role="listitem" src=${src} alt="" loading="lazy" />`)}</div>`
            : nothing
        }
      </div>
      <section>
        <div class="section-head">
          <h2>${t('home.upcoming')}</h2>
          <a href=${hrefOf(c.slug, 'agenda')}>${t('home.seeAgenda')} →</a>
        </div>
        <agenda-view .site=${this.site} compact></agenda-view>
      </section>
      ${this.renderMemberships()}`;
  }

  private renderVillage() {
    const village = this.site.village;
    if (!village) return nothing;
    const others = village.collectives.filter((c) => c.id !== this.site.collective.id);
    return html`<p class="village" data-testid="village">
      ${t('home.village', { village: village.name })}${
        others.length ? html` ${t('home.villageWith')} ${others.map((c, i) => html`${i ? ', ' : ''}<a href="/${encodeURIComponent(c.slug)}/">${c.name}</a>`)}` : nothing
      }.
    </p>`;
  }

  private renderMemberships() {
    const mine = this.memberships?.mine ?? [];
    if (!mine.length) return nothing;
    const slug = this.site.collective.slug;
    return html`<section>
      <div class="section-head">
        <h2>${t('home.memberships')}</h2>
        <a href=${hrefOf(slug, 'memberships')}>${t('home.seeMemberships')} →</a>
      </div>
      <div class="grid">${mine.slice(0, teaserCount).map((p) => html`<membership-card .product=${p} slug=${slug}></membership-card>`)}</div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'home-page': HomePage;
  }
}
