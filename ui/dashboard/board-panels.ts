// The dashboard's tables and bar lists, as templates over the pure figures (figures.ts).
import { html, nothing } from 'lit';
import type { OpenRegister } from './board-feed.js';
import type { AmountRow, CurrencyRow, PosRow, ProductRow } from './figures.js';
import { count, money, t, timeOf } from './messages.js';

export function posTable(rows: readonly PosRow[]) {
  if (!rows.length) return html`<p class="muted empty">${t('empty.sales')}</p>`;
  return html`<table data-testid="pos-table">
    <thead>
      <tr>
        <th scope="col">${t('col.pos')}</th>
        <th scope="col" class="num">${t('col.sales')}</th>
        <th scope="col" class="num wide-only">${t('col.refunds')}</th>
        <th scope="col" class="num">${t('col.net')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr data-testid="pos-row" data-pos=${r.posId} data-net=${r.net}>
          <th scope="row">${r.open ? html`<span class="dot open" title=${t('panel.registers')}></span>` : html`<span class="dot"></span>`}${r.name}</th>
          <td class="num">${count(r.count)}</td>
          <td class="num money wide-only">${r.refunds ? money(-r.refunds) : '—'}</td>
          <td class="num money strong">${money(r.net)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function productTable(rows: readonly ProductRow[]) {
  if (!rows.length) return html`<p class="muted empty">${t('empty.sales')}</p>`;
  const max = Math.max(1, ...rows.map((r) => r.total));
  return html`<table data-testid="product-table">
    <thead>
      <tr>
        <th scope="col">${t('col.product')}</th>
        <th scope="col" class="num">${t('col.qty')}</th>
        <th scope="col" class="num">${t('col.total')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr data-testid="product-row" data-product=${r.productId} data-total=${r.total}>
          <th scope="row">
            ${r.name}
            <span class="meter" style="--share:${Math.max(0, r.total) / max}" aria-hidden="true"></span>
          </th>
          <td class="num">${count(r.qty)}</td>
          <td class="num money strong">${money(r.total)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Labelled horizontal bars, one per row (payment methods, currencies, top-up methods). */
export function barList<R extends AmountRow>(rows: readonly R[], labelOf: (row: R) => unknown, testId: string) {
  return html`<ul class="bars" data-testid=${testId}>
    ${rows.map(
      (r) => html`<li data-key=${r.key} data-amount=${r.amount}>
        <span class="bar-label">${labelOf(r)}</span>
        <span class="bar-value money">${money(r.amount)}</span>
        <span class="meter" style="--share:${r.share}" aria-hidden="true"></span>
      </li>`,
    )}
  </ul>`;
}

const kindKeys = { global: 'kind.global', local: 'kind.local', gift: 'kind.gift' } as const;
const methodKeys = { cash: 'method.cash', card: 'method.card', pass: 'method.pass', online: 'method.online' } as const;

export function currencyLabel(row: CurrencyRow) {
  const kind = t(kindKeys[row.kind as keyof typeof kindKeys] ?? 'kind.other');
  return row.name ? html`${row.name} <span class="muted small">${kind}</span>` : kind;
}

export function methodLabel(method: string) {
  const key = methodKeys[method as keyof typeof methodKeys];
  return key ? t(key) : method;
}

export function flowsPanel(flows: { topups: number; spending: number; cashouts: number; byMethod: AmountRow[]; offline?: { count: number; total: number; shortfall: number } }) {
  const max = Math.max(1, flows.topups, flows.spending);
  return html`<div class="flows" data-testid="flows">
    <div class="flow">
      <span class="bar-label">${t('flows.topups')}</span>
      <span class="bar-value money strong" data-testid="flows-topups">${money(flows.topups)}</span>
      <span class="meter topup" style="--share:${flows.topups / max}" aria-hidden="true"></span>
    </div>
    <div class="flow">
      <span class="bar-label">${t('flows.spending')}</span>
      <span class="bar-value money strong" data-testid="flows-spending">${money(flows.spending)}</span>
      <span class="meter" style="--share:${flows.spending / max}" aria-hidden="true"></span>
    </div>
    ${flows.cashouts ? html`<p class="small">${t('flows.cashouts')} : <span class="money">${money(flows.cashouts)}</span></p>` : nothing}
    ${flows.offline?.count
      ? html`<p class="small" data-testid="flows-offline" data-count=${flows.offline.count}>
          ${t('flows.offline', { count: String(flows.offline.count) })} : <span class="money">${money(flows.offline.total)}</span>${flows.offline.shortfall
            ? html` · ${t('flows.offlineShortfall')} <span class="money">${money(flows.offline.shortfall)}</span>`
            : nothing}
        </p>`
      : nothing}
    ${flows.byMethod.length
      ? html`<h3 class="small muted">${t('flows.byMethod')}</h3>
          ${barList(flows.byMethod, (r) => methodLabel(r.key), 'topup-methods')}`
      : html`<p class="muted empty">${t('empty.topups')}</p>`}
  </div>`;
}

export function registersList(registers: readonly OpenRegister[], posNames: Record<string, string>, timeZone: string) {
  if (!registers.length) return html`<p class="muted empty">${t('empty.registers')}</p>`;
  return html`<table data-testid="registers">
    <thead>
      <tr>
        <th scope="col">${t('col.pos')}</th>
        <th scope="col" class="num">${t('col.openedAt')}</th>
        <th scope="col" class="num">${t('col.float')}</th>
      </tr>
    </thead>
    <tbody>
      ${registers.map(
        (r) => html`<tr data-pos=${r.posId}>
          <th scope="row"><span class="dot open"></span>${posNames[r.posId] ?? r.posId}</th>
          <td class="num">${timeOf(r.openedAt, timeZone)}</td>
          <td class="num money">${money(r.float)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
