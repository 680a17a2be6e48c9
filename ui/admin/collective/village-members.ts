// The collective's village and its member collectives (each with a link to its Lespass).
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { CollectiveProfile, CollectiveSummary } from '../api-types.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { t } from '../messages.js';

interface VillageView {
  id: string;
  name: string;
  description: string;
  collectives: CollectiveSummary[];
}

@customElement('village-members')
export class VillageMembers extends LitElement {
  @property() collectiveId = '';

  private readonly village = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal): Promise<VillageView | null> => {
      const { collective } = await api<{ collective: CollectiveProfile }>(`/api/collectives/${encodeURIComponent(id)}`, { signal });
      if (!collective.villageId) return null;
      return (await api<{ village: VillageView }>(`/api/villages/${encodeURIComponent(collective.villageId)}`, { signal })).village;
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel" data-testid="village">
      ${loadView(this.village.state, (v) => (v ? this.members(v) : html`<h2>${t('village.title')}</h2><p class="empty" data-testid="no-village">${t('village.none')}</p>`), () => this.village.reload())}
    </section>`;
  }

  private members(v: VillageView) {
    return html`<h2 data-testid="village-name">${t('village.title')} · ${v.name}</h2>
      ${v.description ? html`<p>${v.description}</p>` : html`<p class="muted">${t('village.intro')}</p>`}
      <h3>${t('village.members')}</h3>
      <div class="table-wrap">
        <table>
          <tbody>
            ${v.collectives.map(
              (c) => html`<tr data-testid="village-member">
                <td><strong>${c.name}</strong> ${c.id === this.collectiveId ? html`<span class="badge ok">${t('village.you')}</span>` : ''}</td>
                <td class="muted">${c.description}</td>
                <td class="actions-cell"><a href="/${c.slug}/" target="_blank" rel="noopener">${t('village.lespass')}</a></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'village-members': VillageMembers;
  }
}
