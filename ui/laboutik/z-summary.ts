// The Z ticket as the terminal shows it after a close: number and business day, sales (count,
// number range, total, by payment method), refunds, top-ups, what Pass currencies paid, VAT and
// products, the perpetual grand total and the hash that chains it. Every amount carries its
// integer cents in `data-amount` so a test reads figures, not formatted text.
// Property down: `z`.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { money, vatRateLabel } from './format.js';
import { assetKindLabel, t } from './messages.js';
import type { ZSummary } from './protocol.js';
import './z-document-view.js';

const methods = ['cash', 'card', 'pass'] as const;

@customElement('lb-z-summary')
export class ZSummaryView extends LitElement {
  @property({ attribute: false }) z: ZSummary | null = null;

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        font-size: 1.25rem;
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--pass-space-2);
        flex-wrap: wrap;
        margin-bottom: var(--pass-space-2);
      }
      h4 {
        font-size: 0.95rem;
        text-transform: uppercase;
        letter-spacing: 0.03em;
        color: var(--pass-muted);
        margin: var(--pass-space-4) 0 var(--pass-space-1);
      }
      .day {
        font-size: 1rem;
        font-weight: 600;
        color: var(--pass-muted);
      }
      dl {
        margin: 0;
      }
      .row {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: var(--pass-space-3);
        padding: var(--pass-space-1) 0;
        border-bottom: 1px solid var(--pass-surface-2);
      }
      dt {
        color: var(--pass-muted);
        min-width: 0;
        overflow-wrap: anywhere;
      }
      dd {
        margin: 0;
        font-weight: 700;
        text-align: right;
      }
      .total {
        border-top: 2px solid var(--pass-text);
        border-bottom: 0;
        padding-top: var(--pass-space-2);
        font-size: 1.2rem;
      }
      .total dt {
        color: var(--pass-text);
        font-weight: 700;
      }
      .indent dt {
        padding-left: var(--pass-space-3);
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: right;
        padding: var(--pass-space-1) 0 var(--pass-space-1) var(--pass-space-2);
        border-bottom: 1px solid var(--pass-surface-2);
      }
      th {
        color: var(--pass-muted);
        font-weight: 600;
        font-size: 0.9rem;
      }
      th:first-child,
      td:first-child {
        text-align: left;
        padding-left: 0;
        overflow-wrap: anywhere;
      }
      .hash {
        font-family: var(--pass-font-mono);
        font-size: 0.8rem;
        overflow-wrap: anywhere;
        color: var(--pass-muted);
        margin: var(--pass-space-3) 0 0;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const z = this.z;
    if (!z) return nothing;
    const totals = z.totals;
    const range = totals.firstSale !== null && totals.lastSale !== null ? ` (${t('z.salesRange', { first: totals.firstSale, last: totals.lastSale })})` : '';
    return html`<h3 data-testid="z-title" data-number=${z.number}>
        <span>${t('z.title', { number: z.number })}</span>
        <span class="day">${t('z.businessDay')} <span data-testid="z-business-day">${z.businessDay}</span></span>
      </h3>
      <dl>
        <div class="row"><dt>${t('z.salesCount')}</dt><dd data-testid="z-sales-count" data-count=${totals.salesCount}>${totals.salesCount}${range}</dd></div>
        ${methods.map((m) => this.amountRow(t(`pay.${m}`), totals.byMethod[m], `z-method-${m}`, 'indent'))}
        ${this.amountRow(t('z.sales'), totals.sales, 'z-sales-total', 'total')}
        ${totals.refunds.total ? this.amountRow(t('z.refunds'), -totals.refunds.total, 'z-refunds') : nothing}
        ${totals.refunds.total ? this.amountRow(t('z.net'), totals.sales - totals.refunds.total, 'z-net') : nothing}
      </dl>
      ${this.breakdown(t('z.byAsset'), totals.byAsset, (asset) => assetLabel(asset), 'z-asset')}
      ${totals.topups.total
        ? html`<h4>${t('z.topups')}</h4>
            <dl>
              ${Object.entries(totals.topups.byMethod).map(([method, cents]) => this.amountRow(methodLabel(method), cents, `z-topup-${method}`, 'indent'))}
              ${this.amountRow(t('cart.total'), totals.topups.total, 'z-topups-total', 'total')}
            </dl>`
        : nothing}
      ${totals.byVat.length
        ? html`<h4>${t('z.byVat')}</h4>
            <table data-testid="z-vat">
              <thead><tr><th>${t('z.vatRate')}</th><th>${t('z.vatIncluded')}</th><th>${t('z.vat')}</th></tr></thead>
              <tbody>
                ${totals.byVat.map(
                  (v) => html`<tr data-rate=${v.rate}>
                    <td>${vatRateLabel(v.rate)}</td>
                    <td class="money" data-amount=${v.total}>${money(v.total)}</td>
                    <td class="money" data-amount=${v.vat}>${money(v.vat)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
        : nothing}
      ${totals.byProduct.length
        ? html`<h4>${t('z.byProduct')}</h4>
            <table data-testid="z-products">
              <thead><tr><th></th><th>${t('z.qty')}</th><th>${t('cart.total')}</th></tr></thead>
              <tbody>
                ${totals.byProduct.map(
                  (p) => html`<tr data-testid="z-product-${p.productId}" data-qty=${p.qty} data-amount=${p.total}>
                    <td>${p.name}</td>
                    <td>${p.qty}</td>
                    <td class="money">${money(p.total)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
        : nothing}
      <dl>${this.amountRow(t('z.grandTotal'), z.grandTotal, 'z-grand-total', 'total')}</dl>
      <p class="hash">${t('z.hash')} <span data-testid="z-hash">${z.hash}</span></p>
      ${z.document ? html`<details data-testid="z-document"><summary>${t('z.printed')}</summary><lb-z-document .doc=${z.document}></lb-z-document></details>` : nothing}`;
  }

  private amountRow(label: string, cents: number, testid: string, kind: '' | 'indent' | 'total' = '') {
    return html`<div class="row ${kind}">
      <dt>${label}</dt>
      <dd class="money" data-testid=${testid} data-amount=${cents}>${money(cents)}</dd>
    </div>`;
  }

  private breakdown(title: string, amounts: Record<string, number>, label: (key: string) => string, testid: string) {
    const entries = Object.entries(amounts).filter(([, cents]) => cents !== 0);
    if (!entries.length) return nothing;
    return html`<h4>${title}</h4>
      <dl>${entries.map(([key, cents]) => this.amountRow(label(key), cents, `${testid}-${key}`, 'indent'))}</dl>`;
  }
}

/** Asset ids are `global`, `local:<collective>`, `gift:<collective>`...: the terminal names them by kind. */
function assetLabel(asset: string): string {
  return assetKindLabel(asset.split(':')[0]);
}

function methodLabel(method: string): string {
  return (methods as readonly string[]).includes(method) ? t(`pay.${method as (typeof methods)[number]}`) : method;
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-z-summary': ZSummaryView;
  }
}
