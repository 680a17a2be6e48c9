// Payments the collective received over a period, filtered by kind and method, with totals and
// the CSV export of exactly what is shown.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { selectField, textField } from '../fields.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { dateTime, money } from '../messages.js';
import { paymentKind, paymentKinds, tl } from './messages.js';
import { tp } from './promo-messages.js';
import type { PaymentsReport } from './types.js';

interface Filters {
  from: string;
  to: string;
  kind: string;
  method: string;
}

const methods = ['online', 'cash', 'card'] as const;

@customElement('payments-list')
export class PaymentsList extends LitElement {
  @property() collectiveId = '';
  @state() private draft: Filters = { from: dayOffset(-30), to: dayOffset(1), kind: '', method: '' };
  @state() private filters: Filters = { ...this.draft };
  @state() private rangeError = '';

  private readonly report = new Loader(this, {
    args: () => [this.collectiveId, this.query(this.filters)] as const,
    task: ([id, query], signal) => api<PaymentsReport>(`/api/collectives/${encodeURIComponent(id)}/payments${query}`, { signal }),
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const d = this.draft;
    const set = (patch: Partial<Filters>) => (this.draft = { ...d, ...patch });
    return html`<section class="panel" data-testid="payments-list">
      <div class="panel-head">
        <h2>${tl('payments.title')}</h2>
        <a class="btn" href="/api/collectives/${encodeURIComponent(this.collectiveId)}/payments.csv${this.query(this.filters)}" data-testid="payments-csv">⬇ ${tl('payments.csv')}</a>
      </div>
      <p class="muted">${tl('payments.intro')}</p>
      <form class="row" novalidate @submit=${this.apply}>
        ${textField({ name: 'from', label: tl('payments.from'), type: 'date', value: d.from, narrow: true, testid: 'payments-from', onInput: (v) => set({ from: v }) })}
        ${textField({ name: 'to', label: tl('payments.to'), type: 'date', value: d.to, narrow: true, error: this.rangeError || undefined, testid: 'payments-to', onInput: (v) => set({ to: v }) })}
        ${selectField({ name: 'kind', label: tl('payments.kind'), value: d.kind, narrow: true, testid: 'payments-kind', options: [{ value: '', label: tl('payments.allKinds') }, ...paymentKinds.map((k) => ({ value: k, label: paymentKind(k) }))], onInput: (v) => set({ kind: v }) })}
        ${selectField({ name: 'method', label: tl('payments.method'), value: d.method, narrow: true, testid: 'payments-method', options: [{ value: '', label: tl('payments.allMethods') }, ...methods.map((m) => ({ value: m, label: tl(`payments.method.${m}`) }))], onInput: (v) => set({ method: v }) })}
        <button class="primary" type="submit" data-testid="payments-show">${tl('payments.show')}</button>
      </form>
      ${loadView(this.report.state, (r) => this.table(r), () => this.report.reload())}
    </section>`;
  }

  private table(r: PaymentsReport) {
    return html`${r.truncated ? html`<div class="alert warning" role="alert">${tl('payments.truncated')}</div>` : nothing}
      <div class="figures">
        <div><div class="label">${tl('payments.net')}</div><div class="figure" data-testid="payments-net">${money(r.totals.net)}</div><div class="muted">${tl('payments.count', { count: r.totals.count })}</div></div>
        ${methods.map((m) => (r.totals.byMethod[m] ? html`<div><div class="label">${tl(`payments.method.${m}`)}</div><div class="figure">${money(r.totals.byMethod[m].net)}</div></div>` : nothing))}
      </div>
      ${r.lines.length
        ? html`<div class="table-wrap">
            <table class="stack" data-testid="payments-table">
              <thead>
                <tr>
                  <th>${tl('payments.date')}</th>
                  <th>${tl('payments.kind')}</th>
                  <th>${tl('payments.method')}</th>
                  <th class="num">${tl('payments.amount')}</th>
                  <th class="num">${tl('payments.refunded')}</th>
                  <th>${tp('promos.discount')}</th>
                  <th class="num">${tl('payments.net')}</th>
                  <th>${tl('payments.reference')}</th>
                </tr>
              </thead>
              <tbody>
                ${[...r.lines].reverse().map(
                  (l) => html`<tr data-testid="payment-row">
                    <td><strong>${dateTime(l.at)}</strong></td>
                    <td data-label=${tl('payments.kind')}>${paymentKind(l.kind)}</td>
                    <td data-label=${tl('payments.method')}>${tl(`payments.method.${l.method}`)}</td>
                    <td class="num" data-label=${tl('payments.amount')}>${money(l.amount)}</td>
                    <td class="num" data-label=${tl('payments.refunded')}>${l.refunded ? money(l.refunded) : ''}</td>
                    <td data-label=${tp('promos.discount')} data-testid="payment-terms">${termsText(l)}</td>
                    <td class="num" data-label=${tl('payments.net')}><strong>${money(l.net)}</strong></td>
                    <td class="muted" style="font-size:0.8rem;word-break:break-all">${l.reference}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="empty">${tl('payments.none')}</p>`}`;
  }

  private readonly apply = (e: Event) => {
    e.preventDefault();
    const { from, to } = this.draft;
    if (from && to && to <= from) {
      this.rangeError = tl('payments.badRange');
      return;
    }
    this.rangeError = '';
    this.filters = { ...this.draft };
  };

  private query(f: Filters): string {
    const q = new URLSearchParams();
    if (f.from) q.set('from', f.from);
    if (f.to) q.set('to', f.to);
    if (f.kind) q.set('kind', f.kind);
    if (f.method) q.set('method', f.method);
    const s = q.toString();
    return s ? `?${s}` : '';
  }
}

/** The promo code and what it took off, and what was paid at chosen prices, in words. */
function termsText(l: PaymentsReport['lines'][number]): string {
  const parts = [l.promoCode && l.discount ? `${l.promoCode} −${money(l.discount)}` : '', l.payWhatYouWant ? `${tp('promos.payWhatYouWant')} ${money(l.payWhatYouWant)}` : ''];
  return parts.filter(Boolean).join(' · ');
}

/** A day relative to today in the browser's calendar, YYYY-MM-DD. */
function dayOffset(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'payments-list': PaymentsList;
  }
}
