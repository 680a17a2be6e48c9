// The collective's members: filtered by status and membership, exported as CSV (same filters),
// and added by hand for a membership paid on site or given.
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { selectField } from '../fields.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { dateOnly, money } from '../messages.js';
import './member-add.js';
import { tl } from './messages.js';
import type { MemberView, MembershipProductView } from './types.js';

const statuses = ['active', 'expired', 'upcoming'] as const;

interface MembersData {
  members: MemberView[];
  products: MembershipProductView[];
}

@customElement('members-list')
export class MembersList extends LitElement {
  @property() collectiveId = '';
  @state() private status = '';
  @state() private productId = '';

  private readonly data = new Loader(this, {
    args: () => [this.collectiveId, this.query()] as const,
    task: async ([id, query], signal): Promise<MembersData> => {
      const base = `/api/collectives/${encodeURIComponent(id)}`;
      const [{ members }, { memberships }] = await Promise.all([
        api<{ members: MemberView[] }>(`${base}/members${query}`, { signal }),
        api<{ memberships: MembershipProductView[] }>(`${base}/membership-products`, { signal }),
      ]);
      return { members, products: memberships };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const products = this.data.value?.products ?? [];
    return html`<section class="panel" data-testid="members-list">
        <div class="panel-head">
          <h2>${tl('members.title')}</h2>
          <a class="btn" href="/api/collectives/${encodeURIComponent(this.collectiveId)}/members.csv${this.query()}" data-testid="members-csv">⬇ ${tl('members.csv')}</a>
        </div>
        <div class="row">
          ${selectField({
            name: 'status',
            label: tl('members.status'),
            value: this.status,
            testid: 'members-status',
            options: [{ value: '', label: tl('members.status.all') }, ...statuses.map((s) => ({ value: s, label: tl(`members.status.${s}`) }))],
            onInput: (v) => (this.status = v),
          })}
          ${selectField({
            name: 'productId',
            label: tl('members.product'),
            value: this.productId,
            testid: 'members-product',
            options: [{ value: '', label: tl('members.allProducts') }, ...products.map((p) => ({ value: p.id, label: p.name }))],
            onInput: (v) => (this.productId = v),
          })}
        </div>
        ${loadView(this.data.state, (d) => this.table(d.members), () => this.data.reload())}
      </section>
      <member-add .collectiveId=${this.collectiveId} .products=${products.filter((p) => p.active)} @added=${() => this.data.reload()}></member-add>`;
  }

  private table(members: MemberView[]) {
    if (!members.length) return html`<p class="empty">${tl('members.none')}</p>`;
    const badge = { active: 'ok', expired: '', upcoming: 'warn' } as const;
    return html`<div class="table-wrap">
      <table class="stack" data-testid="members-table">
        <thead>
          <tr>
            <th>${tl('members.name')}</th>
            <th>${tl('members.product')}</th>
            <th>${tl('members.valid')}</th>
            <th class="num">${tl('members.paid')}</th>
            <th>${tl('members.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${members.map(
            (m) => html`<tr data-testid="member-row">
              <td><strong>${m.name}</strong><br /><span class="muted">${m.email}</span></td>
              <td data-label=${tl('members.product')}>${m.productName}</td>
              <td data-label=${tl('members.valid')}>${dateOnly(m.validFrom)} → ${dateOnly(m.validUntil)}</td>
              <td class="num" data-label=${tl('members.paid')}>${money(m.amount)} · ${tl(`members.method.${m.method}`)}</td>
              <td><span class="badge ${badge[m.status]}">${tl(`members.status.${m.status}`)}</span></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private query(): string {
    const q = new URLSearchParams({ ...(this.status ? { status: this.status } : {}), ...(this.productId ? { productId: this.productId } : {}) }).toString();
    return q ? `?${q}` : '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'members-list': MembersList;
  }
}
