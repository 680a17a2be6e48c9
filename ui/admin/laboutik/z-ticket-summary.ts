// One Z ticket on screen: the day's sales and their split by payment method, product and VAT
// rate, top-ups, refunds, the cash count of each shift and the perpetual grand total, with
// links to its printable page and PDF (the archive copy).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { ZTicket } from '../api-types.js';
import { dateTime, money, percent } from '../messages.js';
import { salesCount, tb } from './messages.js';

@customElement('z-ticket-summary')
export class ZTicketSummary extends LitElement {
  @property({ attribute: false }) z!: ZTicket;

  static override styles = [
    baseStyles,
    buttonStyles,
    panelStyles,
    css`
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
        gap: 0 var(--pass-space-5);
      }
      .hash {
        font-family: var(--pass-font-mono);
        font-size: 0.75rem;
        word-break: break-all;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const z = this.z;
    const t = z.totals;
    const base = `/api/pos/${encodeURIComponent(z.posId)}/z/${z.number}`;
    return html`<div data-testid="z-summary" data-z-number=${z.number}>
      <div class="panel-head">
        <h3 data-testid="z-title">${tb('z.title', { number: z.number })} · ${z.posName}</h3>
        <div class="actions">
          <a class="btn small-btn" href="${base}/print" target="_blank" rel="noopener" data-testid="z-print">${tb('z.print')}</a>
          <a class="btn small-btn" href="${base}/pdf" target="_blank" rel="noopener" data-testid="z-pdf">${tb('z.pdf')}</a>
        </div>
      </div>
      <p class="muted">${tb('z.day', { day: z.businessDay })} · ${tb('z.closedBy', { by: z.closedBy, at: dateTime(z.at) })}</p>
      <div class="figures">
        <div><div class="label">${tb('z.sales')}</div><div class="figure" data-testid="z-sales-total">${money(t.sales)}</div><div class="muted">${salesCount(t.salesCount)}${t.firstSale !== null ? ` · ${tb('z.numbers', { first: t.firstSale, last: t.lastSale ?? t.firstSale })}` : ''}</div></div>
        <div><div class="label">${tb('z.refunds')}</div><div class="figure">${money(t.refunds.total)}</div></div>
        <div><div class="label">${tb('z.topups')}</div><div class="figure">${money(t.topups.total)}</div></div>
        <div><div class="label">${tb('z.grandTotal')}</div><div class="figure" data-testid="z-grand-total">${money(z.grandTotal)}</div></div>
      </div>
      <div class="cols">
        <div>
          <h3>${tb('z.byMethod')}</h3>
          <table>
            <tbody>
              ${(['cash', 'card', 'pass'] as const).map((m) => html`<tr><td>${tb(`z.method.${m}`)}</td><td class="num" data-testid="z-method-${m}">${money(t.byMethod[m])}</td></tr>`)}
            </tbody>
          </table>
          ${z.sessions.some((s) => s.countedCash !== undefined) ? html`<h3>${tb('z.cashCount')}</h3>` : nothing}
          ${z.sessions.map((s) =>
            s.countedCash === undefined
              ? nothing
              : html`<table>
                  <tbody>
                    <tr><td>${tb('register.expected')}</td><td class="num">${money(s.expectedCash ?? 0)}</td></tr>
                    <tr><td>${tb('register.countedCash')}</td><td class="num">${money(s.countedCash)}</td></tr>
                    <tr><td>${tb('register.difference')}</td><td class="num">${signed(s.difference ?? 0)}</td></tr>
                  </tbody>
                </table>`,
          )}
        </div>
        <div>
          <h3>${tb('z.byVat')}</h3>
          <table>
            <thead><tr><th>${tb('z.vatRate')}</th><th class="num">${tb('z.vatBase')}</th><th class="num">${tb('z.vatAmount')}</th></tr></thead>
            <tbody>
              ${t.byVat.map((v) => html`<tr><td>${percent(v.rate)}</td><td class="num">${money(v.total)}</td><td class="num">${money(v.vat)}</td></tr>`)}
            </tbody>
          </table>
        </div>
      </div>
      <h3>${tb('z.byProduct')}</h3>
      <div class="table-wrap">
        <table data-testid="z-products">
          <thead><tr><th>${tb('products.name')}</th><th class="num">${tb('z.qty')}</th><th class="num">${tb('z.total')}</th></tr></thead>
          <tbody>
            ${t.byProduct.map((p) => html`<tr><td>${p.name}</td><td class="num">${p.qty}</td><td class="num">${money(p.total)}</td></tr>`)}
          </tbody>
        </table>
      </div>
      <p class="muted hash">${tb('z.hash')} : ${z.hash}</p>
    </div>`;
  }
}

function signed(cents: number): string {
  return cents > 0 ? `+${money(cents)}` : money(cents);
}

declare global {
  interface HTMLElementTagNameMap {
    'z-ticket-summary': ZTicketSummary;
  }
}
