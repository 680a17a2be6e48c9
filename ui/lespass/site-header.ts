// The site's header in the collective's colours: its logo (or initial) and name, the menu, the
// language switch. On a phone the menu is a row of three large tabs under the name.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import '../shared/lang-switch.js';
import { baseStyles } from '../shared/styles.js';
import type { Site } from './api-types.js';
import { t } from './messages.js';
import { hrefOf, type Page } from './route.js';

const menu = [
  { page: 'agenda', label: 'nav.agenda' },
  { page: 'memberships', label: 'nav.memberships' },
  { page: 'account', label: 'nav.account' },
] as const;

@customElement('site-header')
export class SiteHeader extends LitElement {
  @property({ attribute: false }) site!: Site;
  @property() page: Page = 'home';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--pass-primary);
        color: var(--pass-on-primary);
        --lang-switch-border: currentColor;
        --lang-switch-active-bg: var(--pass-on-primary);
        --lang-switch-active-text: var(--pass-primary);
      }
      .bar {
        max-width: 1080px;
        margin: 0 auto;
        padding: var(--pass-space-3) var(--pass-space-4);
        display: flex;
        align-items: center;
        gap: var(--pass-space-3);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: var(--pass-space-3);
        color: inherit;
        text-decoration: none;
        min-width: 0;
        flex: 1;
        min-height: var(--pass-tap);
      }
      .logo {
        flex: none;
        width: 48px;
        height: 48px;
        border-radius: 10px;
        background: #fff;
        object-fit: contain;
        display: grid;
        place-items: center;
        font-weight: 800;
        font-size: 1.5rem;
        color: var(--pass-primary);
        border: 2px solid var(--brand-secondary);
      }
      .name {
        font-weight: 800;
        font-size: 1.25rem;
        line-height: 1.15;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      nav {
        display: flex;
      }
      nav a {
        color: inherit;
        text-decoration: none;
        font-weight: 700;
        display: flex;
        align-items: center;
        justify-content: center;
        min-height: var(--pass-tap);
        padding: 0 var(--pass-space-3);
        border-bottom: 4px solid transparent;
        white-space: nowrap;
      }
      nav a[aria-current='page'] {
        border-bottom-color: var(--brand-secondary);
      }
      nav a:hover {
        background: rgb(0 0 0 / 0.08);
      }
      .phone-nav {
        display: none;
      }
      @media (max-width: 720px) {
        .bar nav {
          display: none;
        }
        .phone-nav {
          display: flex;
          border-top: 1px solid rgb(127 127 127 / 0.35);
        }
        .phone-nav nav {
          flex: 1;
        }
        .phone-nav a {
          flex: 1;
          padding: 0 var(--pass-space-1);
          font-size: 0.98rem;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const c = this.site.collective;
    const logo = c.logoUrl ? html`<img class="logo" src=${c.logoUrl} alt="" />` : html`<span class="logo" aria-hidden="true">${c.name.trim().charAt(0).toUpperCase()}</span>`;
    return html`<header>
      <div class="bar">
        <a class="brand" href=${hrefOf(c.slug, 'home')} data-testid="site-home">
          ${logo}
          <span class="name" data-testid="collective-name">${c.name}</span>
        </a>
        ${this.renderNav('nav')}
        <lang-switch></lang-switch>
      </div>
      <div class="phone-nav">${this.renderNav('phone-nav')}</div>
    </header>`;
  }

  private renderNav(testId: string) {
    const slug = this.site.collective.slug;
    return html`<nav aria-label=${t('nav.label')}>
      ${menu.map(
        (item) => html`<a href=${hrefOf(slug, item.page)} aria-current=${this.current(item.page) ? 'page' : 'false'} data-testid="${testId}-${item.page}">${t(item.label)}</a>`,
      )}
    </nav>`;
  }

  private current(page: (typeof menu)[number]['page']): boolean {
    if (page === 'agenda') return this.page === 'agenda' || this.page === 'event';
    if (page === 'memberships') return this.page === 'memberships' || this.page === 'join';
    return this.page === page;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'site-header': SiteHeader;
  }
}
