// The admin's menu: the collective's sections by tool (Collective, LaBoutik, Lespass), the live
// revenue dashboard, and the operators' tools. A sidebar on wide screens; on a phone a "Menu"
// button opens it and choosing a section closes it.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { followLink, hrefOf, type Route, type Section } from './route.js';
import { t, type MessageKey } from './messages.js';

interface NavGroup {
  title: MessageKey;
  items: Array<{ section: Section; label: MessageKey }>;
  operatorsOnly?: boolean;
  needsCollective?: boolean;
}

const groups: NavGroup[] = [
  {
    title: 'nav.collective',
    needsCollective: true,
    items: [
      { section: 'collective', label: 'nav.collective.profile' },
      { section: 'village', label: 'nav.village' },
      { section: 'currencies', label: 'nav.currencies' },
      { section: 'settlement', label: 'nav.settlement' },
    ],
  },
  {
    title: 'nav.laboutik',
    needsCollective: true,
    items: [
      { section: 'pos', label: 'nav.pos' },
      { section: 'products', label: 'nav.products' },
      { section: 'staff', label: 'nav.staff' },
      { section: 'cards', label: 'nav.cards' },
      { section: 'revenue', label: 'nav.revenue' },
      { section: 'offline', label: 'nav.offline' },
      { section: 'loyalty', label: 'nav.loyalty' },
    ],
  },
  {
    title: 'nav.lespass',
    needsCollective: true,
    items: [
      { section: 'events', label: 'nav.events' },
      { section: 'door', label: 'nav.door' },
      { section: 'memberships', label: 'nav.memberships' },
      { section: 'members', label: 'nav.members' },
      { section: 'payments', label: 'nav.payments' },
      { section: 'promos', label: 'nav.promos' },
      { section: 'subscriptions', label: 'nav.subscriptions' },
    ],
  },
  {
    title: 'nav.ops',
    operatorsOnly: true,
    items: [
      { section: 'ops-queues', label: 'nav.queues' },
      { section: 'ops-ledger', label: 'nav.ledger' },
    ],
  },
];

@customElement('admin-nav')
export class AdminNav extends LitElement {
  @property({ attribute: false }) route!: Route;
  @property({ type: Boolean }) operator = false;
  @property() collectiveId = '';
  @state() private open = false;

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
      }
      nav {
        display: flex;
        flex-direction: column;
        gap: var(--pass-space-4);
      }
      h2 {
        font-size: 0.78rem;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--pass-muted);
        margin: 0 0 var(--pass-space-1) var(--pass-space-3);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      a {
        display: flex;
        align-items: center;
        min-height: 44px;
        padding: 0 var(--pass-space-3);
        border-radius: var(--pass-radius-small);
        color: var(--pass-text);
        text-decoration: none;
        font-weight: 600;
      }
      a:hover {
        background: var(--pass-surface-2);
      }
      a[aria-current='page'] {
        background: var(--pass-primary);
        color: var(--pass-on-primary);
      }
      a.external::after {
        content: '↗';
        margin-left: 6px;
        font-weight: 400;
      }
      .toggle {
        display: none;
      }
      @media (max-width: 860px) {
        .toggle {
          display: inline-flex;
          width: 100%;
          justify-content: space-between;
        }
        nav {
          display: none;
          margin-top: var(--pass-space-3);
        }
        nav.open {
          display: flex;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const current = this.groupsShown().flatMap((g) => g.items).find((i) => i.section === this.route.section);
    return html`<button type="button" class="toggle" aria-expanded=${String(this.open)} data-testid="nav-toggle" @click=${() => (this.open = !this.open)}>
        <span>☰ ${t('menu')}</span><span class="muted">${current ? t(current.label) : ''}</span>
      </button>
      <nav class=${this.open ? 'open' : ''} aria-label=${t('menu')}>
        ${this.groupsShown().map(
          (group) => html`<section>
            <h2>${t(group.title)}</h2>
            <ul>
              ${group.items.map((item) => this.link(item.section, t(item.label)))}
              ${group.title === 'nav.laboutik'
                ? html`<li><a class="external" href=${this.dashboardHref()} data-testid="nav-dashboard">${t('liveRevenue')}</a></li>`
                : nothing}
            </ul>
          </section>`,
        )}
      </nav>`;
  }

  private groupsShown(): NavGroup[] {
    return groups.filter((g) => (!g.operatorsOnly || this.operator) && (!g.needsCollective || this.collectiveId));
  }

  private link(section: Section, label: string) {
    const href = hrefOf({ section, collectiveId: this.operator ? this.collectiveId || undefined : undefined });
    return html`<li>
      <a
        href=${href}
        aria-current=${this.route.section === section ? 'page' : 'false'}
        data-testid="nav-${section}"
        @click=${(e: MouseEvent) => {
          followLink(e);
          this.open = false;
        }}
        >${label}</a
      >
    </li>`;
  }

  private dashboardHref(): string {
    return this.operator && this.collectiveId ? `/dashboard/?collective=${encodeURIComponent(this.collectiveId)}` : '/dashboard/';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-nav': AdminNav;
  }
}
