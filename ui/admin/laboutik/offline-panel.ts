// Offline selling of the collective (GET /api/collectives/:c/offline): sales terminals made
// offline and the shortfalls booked as card debts, per POS and day; the cards in debt; the
// terminals with when they were last heard from (flagged when silent longer than their POS
// allows offline: they may hold sales not synced yet). Then each POS's offline rule.
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { OfflineReport, PointOfSale } from '../api-types.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { dateTime, money } from '../messages.js';
import { tb } from './messages.js';
import './offline-policy-form.js';

interface OfflineData {
  report: OfflineReport;
  points: PointOfSale[];
}

@customElement('offline-panel')
export class OfflinePanel extends LitElement {
  @property() collectiveId = '';

  private readonly data = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal): Promise<OfflineData> => {
      const c = encodeURIComponent(id);
      const [report, pos] = await Promise.all([
        api<OfflineReport>(`/api/collectives/${c}/offline`, { signal }),
        api<{ pointsOfSale: PointOfSale[] }>(`/api/collectives/${c}/pos`, { signal }),
      ]);
      return { report, points: pos.pointsOfSale };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel" data-testid="offline-panel">
      <h2>${tb('offline.title')}</h2>
      <p class="muted">${tb('offline.explain')}</p>
      ${loadView(
        this.data.state,
        (d) => this.view(d),
        () => this.data.reload(),
      )}
    </section>`;
  }

  private view({ report, points }: OfflineData) {
    return html`${this.days(report)} ${this.debts(report)} ${this.terminals(report)}
      <h3>${tb('offline.policy')}</h3>
      ${points.map((p) => html`<offline-policy-form .collectiveId=${this.collectiveId} .posId=${p.id} .posName=${p.name}></offline-policy-form>`)}`;
  }

  private days(report: OfflineReport) {
    if (!report.days.length)
      return html`<h3>${tb('offline.days')}</h3>
        <p class="empty" data-testid="offline-days-empty">${tb('offline.none')}</p>`;
    return html`<h3>${tb('offline.days')}</h3>
      <div class="table-wrap">
        <table class="stack" data-testid="offline-days">
          <thead>
            <tr>
              <th></th>
              <th>${tb('offline.day')}</th>
              <th class="num">${tb('offline.count')}</th>
              <th class="num">${tb('offline.total')}</th>
              <th class="num">${tb('offline.pass')}</th>
              <th class="num">${tb('offline.shortfall')}</th>
            </tr>
          </thead>
          <tbody>
            ${report.days.map(
              (d) =>
                html`<tr data-testid="offline-day" data-pos-id=${d.posId}>
                  <td><strong>${d.posName}</strong></td>
                  <td data-label=${tb('offline.day')}>${d.day}</td>
                  <td class="num" data-label=${tb('offline.count')}>${d.count}</td>
                  <td class="num" data-label=${tb('offline.total')} data-amount=${d.total}>${money(d.total)}</td>
                  <td class="num" data-label=${tb('offline.pass')}>${money(d.pass)}</td>
                  <td class="num" data-label=${tb('offline.shortfall')} data-amount=${d.shortfall}>${d.shortfall ? html`<strong>${money(d.shortfall)}</strong>` : money(0)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private debts(report: OfflineReport) {
    if (!report.cardsInDebt.length)
      return html`<h3>${tb('offline.debts')}</h3>
        <p class="empty" data-testid="offline-debts-empty">${tb('offline.noDebts')}</p>`;
    return html`<h3>${tb('offline.debts')}</h3>
      <div class="table-wrap">
        <table class="stack" data-testid="offline-debts">
          <thead>
            <tr>
              <th>${tb('offline.card')}</th>
              <th class="num">${tb('offline.owed')}</th>
              <th>${tb('offline.since')}</th>
            </tr>
          </thead>
          <tbody>
            ${report.cardsInDebt.map(
              (d) =>
                html`<tr data-testid="offline-debt">
                  <td><strong>${d.cardNumbers.join(', ')}</strong></td>
                  <td class="num" data-label=${tb('offline.owed')} data-amount=${d.owed}>${money(d.owed)}</td>
                  <td data-label=${tb('offline.since')}>${dateTime(d.since)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private terminals(report: OfflineReport) {
    if (!report.terminals.length)
      return html`<h3>${tb('offline.terminals')}</h3>
        <p class="empty">${tb('offline.noTerminals')}</p>`;
    const when = (ms: number | null) => (ms === null ? tb('offline.never') : dateTime(ms));
    return html`<h3>${tb('offline.terminals')}</h3>
      <div class="table-wrap">
        <table class="stack" data-testid="offline-terminals">
          <thead>
            <tr>
              <th></th>
              <th>${tb('offline.lastSeen')}</th>
              <th>${tb('offline.lastSync')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${report.terminals.map(
              (t) =>
                html`<tr data-testid="offline-terminal" data-stale=${String(t.stale)}>
                  <td><strong>${t.name}</strong> <span class="muted">${t.posName}</span></td>
                  <td data-label=${tb('offline.lastSeen')}>${when(t.lastSeenAt)}</td>
                  <td data-label=${tb('offline.lastSync')}>${when(t.lastSyncAt)}</td>
                  <td>${t.stale ? html`<span class="badge warning">${tb('offline.stale')}</span>` : html`<span class="badge">${tb('offline.ok')}</span>`}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'offline-panel': OfflinePanel;
  }
}
