// The Z tickets of a POS, newest first, each with its printable page and PDF; the export of the
// whole chain (CSV for spreadsheets, JSON for `npm run verify-z`) and the chain's verification
// (numbering, links and hashes), checked by the server each time this screen opens.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import type { ZTicket } from '../api-types.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { dateTime, money, t } from '../messages.js';
import { tb } from './messages.js';
import './z-ticket-summary.js';

interface ZData {
  tickets: ZTicket[];
  verify: { ok: boolean; errors: string[]; count: number };
}

@customElement('z-tickets')
export class ZTickets extends LitElement {
  @property() posId = '';
  @state() private open: number | undefined;

  private readonly data = new Loader(this, {
    args: () => [this.posId] as const,
    task: async ([posId], signal): Promise<ZData> => {
      const base = `/api/pos/${encodeURIComponent(posId)}/z`;
      const [{ tickets }, verify] = await Promise.all([api<{ tickets: ZTicket[] }>(base, { signal }), api<ZData['verify']>(`${base}/verify`, { signal })]);
      return { tickets, verify };
    },
  });

  static override styles = [baseStyles, buttonStyles, formStyles, panelStyles];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return loadView(this.data.state, (d) => this.view(d), () => this.data.reload());
  }

  private view(d: ZData) {
    const base = `/api/pos/${encodeURIComponent(this.posId)}/z`;
    return html`<div class="panel-head">
        ${d.verify.ok
          ? html`<span class="badge ok" data-testid="z-chain" data-ok="true">✓ ${d.verify.count === 1 ? tb('z.chainOk.one') : tb('z.chainOk', { count: d.verify.count })}</span>`
          : html`<div class="alert error" role="alert" data-testid="z-chain" data-ok="false">
              <strong>${tb('z.chainBroken')}</strong>
              <ul>
                ${d.verify.errors.map((e) => html`<li>${e}</li>`)}
              </ul>
            </div>`}
        <div class="actions">
          <span class="muted">${tb('z.export')} :</span>
          <a class="btn small-btn" href="${base}/export?format=csv" data-testid="z-export-csv">CSV</a>
          <a class="btn small-btn" href="${base}/export?format=json" data-testid="z-export-json">JSON</a>
        </div>
      </div>
      ${d.tickets.length ? this.table(d.tickets) : html`<p class="empty" data-testid="z-empty">${tb('z.none')}</p>`}`;
  }

  private table(tickets: ZTicket[]) {
    const newestFirst = [...tickets].sort((a, b) => b.number - a.number);
    return html`<div class="table-wrap">
      <table class="stack" data-testid="z-table">
        <thead>
          <tr>
            <th>${tb('z.numberColumn')}</th>
            <th>${tb('z.dayColumn')}</th>
            <th class="num">${tb('z.sales')}</th>
            <th class="num">${tb('z.grandTotal')}</th>
            <th class="num">${t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${newestFirst.map(
            (z) => html`<tr data-testid="z-row" data-z-number=${z.number}>
                <td><strong>${tb('z.title', { number: z.number })}</strong></td>
                <td data-label=${tb('z.dayColumn')}>${z.businessDay} · ${dateTime(z.at)}</td>
                <td class="num" data-label=${tb('z.sales')} data-testid="z-row-sales">${money(z.totals.sales)}</td>
                <td class="num" data-label=${tb('z.grandTotal')}>${money(z.grandTotal)}</td>
                <td class="actions-cell">
                  <button type="button" class="small-btn" aria-expanded=${String(this.open === z.number)} data-testid="z-toggle" @click=${() => (this.open = this.open === z.number ? undefined : z.number)}>
                    ${this.open === z.number ? tb('z.hide') : tb('z.show')}
                  </button>
                  <a class="btn small-btn" href="${`/api/pos/${encodeURIComponent(this.posId)}/z/${z.number}`}/print" target="_blank" rel="noopener">${tb('z.print')}</a>
                  <a class="btn small-btn" href="${`/api/pos/${encodeURIComponent(this.posId)}/z/${z.number}`}/pdf" target="_blank" rel="noopener">PDF</a>
                </td>
              </tr>
              ${this.open === z.number ? html`<tr><td colspan="5"><z-ticket-summary .z=${z}></z-ticket-summary></td></tr>` : nothing}`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'z-tickets': ZTickets;
  }
}
