// Revenue over a chosen period (days in the collective's time zone, the last one included), for
// all points of sale or one: totals, then per POS, day, payment method, product and currency.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { Amounts, CurrenciesView, PointOfSale, RevenueReport } from '../api-types.js';
import { selectField, textField } from '../fields.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { money } from '../messages.js';
import { salesCount, tb } from './messages.js';

interface Period {
  from: string;
  to: string;
  posId: string;
}

interface RevenueData {
  report: RevenueReport;
  points: PointOfSale[];
  currencies: CurrenciesView | null;
}

@customElement('revenue-report')
export class RevenueReportScreen extends LitElement {
  @property() collectiveId = '';
  @state() private draft: Period = { from: today(), to: today(), posId: '' };
  /** The period shown (applied on submit). */
  @state() private period: Period = { ...this.draft };
  @state() private rangeError = '';

  private readonly data = new Loader(this, {
    args: () => [this.collectiveId, this.period] as const,
    task: async ([id, period], signal): Promise<RevenueData> => {
      const base = `/api/collectives/${encodeURIComponent(id)}`;
      const query = new URLSearchParams({ from: period.from, to: period.to, ...(period.posId ? { posId: period.posId } : {}) });
      const [report, { pointsOfSale }, currencies] = await Promise.all([
        api<RevenueReport>(`${base}/revenue?${query}`, { signal }),
        api<{ pointsOfSale: PointOfSale[] }>(`${base}/pos`, { signal }),
        api<{ currencies: CurrenciesView }>(`${base}/currencies`, { signal }).then((r) => r.currencies, () => null),
      ]);
      return { report, points: pointsOfSale, currencies };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const d = this.draft;
    const points = this.data.value?.points ?? [];
    return html`<section class="panel" data-testid="revenue">
      <h2>${tb('revenue.title')}</h2>
      <form class="row" novalidate @submit=${this.apply} data-testid="revenue-form">
        ${textField({ name: 'from', label: tb('revenue.from'), type: 'date', value: d.from, narrow: true, testid: 'revenue-from', onInput: (v) => (this.draft = { ...d, from: v }) })}
        ${textField({ name: 'to', label: tb('revenue.to'), type: 'date', value: d.to, narrow: true, error: this.rangeError || undefined, testid: 'revenue-to', onInput: (v) => (this.draft = { ...d, to: v }) })}
        ${selectField({
          name: 'posId',
          label: tb('revenue.pos'),
          value: d.posId,
          testid: 'revenue-pos',
          options: [{ value: '', label: tb('revenue.allPos') }, ...points.map((p) => ({ value: p.id, label: p.name }))],
          onInput: (v) => (this.draft = { ...d, posId: v }),
        })}
        <button class="primary" type="submit" data-testid="revenue-show">${tb('revenue.show')}</button>
      </form>
      ${loadView(this.data.state, (data) => this.report(data), () => this.data.reload())}
    </section>`;
  }

  private report({ report: r, points, currencies }: RevenueData) {
    const posName = (id: string) => points.find((p) => p.id === id)?.name ?? id;
    return html`${r.truncated ? html`<div class="alert warning" role="alert">${tb('revenue.truncated')}</div>` : nothing}
      <div class="figures" data-testid="revenue-totals">
        <div><div class="label">${tb('revenue.net')}</div><div class="figure" data-testid="revenue-net">${money(r.totals.net)}</div></div>
        <div><div class="label">${tb('revenue.sales')}</div><div class="figure">${money(r.totals.sales)}</div><div class="muted">${salesCount(r.totals.salesCount)}</div></div>
        <div><div class="label">${tb('revenue.refunds')}</div><div class="figure">${money(r.totals.refunds)}</div></div>
      </div>
      ${r.totals.salesCount === 0 && r.totals.refundsCount === 0
        ? html`<p class="empty" data-testid="revenue-empty">${tb('revenue.empty')}</p>`
        : html`${this.breakdown(tb('revenue.byPos'), 'by-pos', r.byPos.map((p) => ({ label: posName(p.posId), ...p, count: p.salesCount })))}
          ${this.breakdown(tb('revenue.byDay'), 'by-day', r.byDay.map((d) => ({ label: d.day, ...d })))}
          ${this.breakdown(tb('revenue.byMethod'), 'by-method', (['cash', 'card', 'pass'] as const).map((m) => ({ label: tb(`z.method.${m}`), ...r.byMethod[m] })))}
          ${this.breakdown(tb('revenue.byProduct'), 'by-product', r.byProduct.map((p) => ({ label: p.name, ...p, count: p.qty - p.refundedQty })), tb('z.qty'))}
          ${r.byAsset.length ? this.breakdown(tb('revenue.byAsset'), 'by-asset', r.byAsset.map((a) => ({ label: assetName(a.asset, currencies), ...a }))) : nothing}`}`;
  }

  private breakdown(title: string, testid: string, rows: Array<Amounts & { label: string; count?: number }>, countLabel = tb('revenue.count')) {
    const withCount = rows.some((row) => row.count !== undefined);
    return html`<h3>${title}</h3>
      <div class="table-wrap">
        <table class="stack" data-testid="revenue-${testid}">
          <thead>
            <tr>
              <th><span class="visually-hidden">${title}</span></th>
              ${withCount ? html`<th class="num">${countLabel}</th>` : nothing}
              <th class="num">${tb('revenue.sales')}</th>
              <th class="num">${tb('revenue.refunds')}</th>
              <th class="num">${tb('revenue.net')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr>
                <td><strong>${row.label}</strong></td>
                ${withCount ? html`<td class="num" data-label=${countLabel}>${row.count ?? ''}</td>` : nothing}
                <td class="num" data-label=${tb('revenue.sales')}>${money(row.sales)}</td>
                <td class="num" data-label=${tb('revenue.refunds')}>${money(row.refunds)}</td>
                <td class="num" data-label=${tb('revenue.net')}><strong>${money(row.net)}</strong></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private readonly apply = (event: Event) => {
    event.preventDefault();
    const { from, to } = this.draft;
    // Days as YYYY-MM-DD compare as text.
    if (!from || !to || to < from) {
      this.rangeError = tb('revenue.badRange');
      return;
    }
    this.rangeError = '';
    this.period = { ...this.draft };
  };
}

function assetName(asset: string, c: CurrenciesView | null): string {
  if (asset === 'global') return tb('revenue.asset.global');
  const known = [c?.local, c?.gift, ...(c?.others ?? [])].find((x) => x?.asset === asset);
  return known?.name ?? asset;
}

/** Today in the browser's calendar, YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'revenue-report': RevenueReportScreen;
  }
}
