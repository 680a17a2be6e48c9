// One point of sale: its name and state, then a tab each for the products it offers, its
// terminals, its register and its Z tickets (the tab is in the address: /admin/pos/<id>/<tab>).
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { PointOfSale } from '../api-types.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { followLink, linkTo, posTabs, type PosTab } from '../route.js';
import { tb } from './messages.js';
import './pos-offers.js';
import './pos-register.js';
import './pos-terminals.js';
import './z-tickets.js';

@customElement('pos-detail')
export class PosDetail extends LitElement {
  @property() collectiveId = '';
  @property() posId = '';
  @property() tab = 'products';

  private readonly pos = new Loader(this, {
    args: () => [this.collectiveId, this.posId] as const,
    task: async ([collectiveId, posId], signal) =>
      (await api<{ pos: PointOfSale }>(`/api/collectives/${encodeURIComponent(collectiveId)}/pos/${encodeURIComponent(posId)}`, { signal })).pos,
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<p><a href=${linkTo('pos')} @click=${followLink} data-testid="pos-back">${tb('pos.back')}</a></p>
      ${loadView(this.pos.state, (pos) => this.detail(pos), () => this.pos.reload())}`;
  }

  private detail(pos: PointOfSale) {
    const tab: PosTab = (posTabs as readonly string[]).includes(this.tab) ? (this.tab as PosTab) : 'products';
    return html`<section class="panel" data-testid="pos-detail" data-pos-id=${pos.id}>
      <div class="panel-head">
        <h2 data-testid="pos-title">${pos.name}</h2>
        <span class="badge ${pos.active ? 'ok' : ''}">${pos.active ? tb('pos.active') : tb('pos.disabled')}</span>
      </div>
      <nav class="tabs" aria-label=${pos.name}>
        ${posTabs.map(
          (name) =>
            html`<a href=${linkTo('pos', pos.id, name)} aria-current=${name === tab ? 'page' : 'false'} data-testid="pos-tab-${name}" @click=${followLink}>${tb(`pos.tab.${name}`)}</a>`,
        )}
      </nav>
      ${this.tabBody(tab, pos)}
    </section>`;
  }

  private tabBody(tab: PosTab, pos: PointOfSale) {
    switch (tab) {
      case 'products':
        return html`<pos-offers .collectiveId=${this.collectiveId} .posId=${pos.id}></pos-offers>`;
      case 'terminals':
        return html`<pos-terminals .posId=${pos.id}></pos-terminals>`;
      case 'register':
        return html`<pos-register .posId=${pos.id}></pos-register>`;
      case 'z':
        return html`<z-tickets .posId=${pos.id}></z-tickets>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pos-detail': PosDetail;
  }
}
