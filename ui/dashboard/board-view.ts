// One collective's live board: headline figures, the hour and minute charts, and the panels.
// Pure rendering of what the feed holds; it re-renders whenever the app hands it a new version.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BoardSnapshot } from '../../core/live/board.js';
import { localDay, localHour } from '../../core/live/local-time.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import './bar-chart.js';
import type { OpenRegister } from './board-feed.js';
import { barList, currencyLabel, flowsPanel, methodLabel, posTable, productTable, registersList } from './board-panels.js';
import { averageSale, currencyRows, methodRows, minuteSeries, minutesShown, posRows, topProducts, topupsVsSpending } from './figures.js';
import { count, money, t, timeOf } from './messages.js';
import { panelStyles } from './panel-styles.js';

@customElement('dash-board-view')
export class BoardView extends LitElement {
  @property({ attribute: false }) board!: BoardSnapshot;
  /** Bumped by the app on every applied delta (the board object is mutated in place). */
  @property({ type: Number }) version = 0;
  @property({ attribute: false }) openRegisters: readonly OpenRegister[] = [];
  @property({ attribute: false }) posNames: Record<string, string> = {};
  @property({ attribute: false }) currencies: Record<string, string> = {};
  @property() timezone = 'Europe/Paris';
  /** The current instant (the minute chart's right edge), ticked by the app. */
  @property({ type: Number }) now = Date.now();

  static override styles = [
    baseStyles,
    panelStyles,
    css`
      :host {
        display: block;
      }
      .kpis {
        display: grid;
        gap: var(--pass-space-3);
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        margin-bottom: var(--pass-space-4);
      }
      @media (min-width: 1000px) {
        .kpis {
          grid-template-columns: 2fr repeat(5, 1fr);
        }
        .kpis .kpi.main {
          grid-column: auto;
        }
      }
      .kpi {
        background: var(--pass-surface);
        border-radius: var(--pass-radius);
        box-shadow: var(--pass-shadow);
        padding: var(--pass-space-3) var(--pass-space-4);
        min-width: 0;
      }
      .kpi.main {
        background: var(--pass-primary);
        color: var(--pass-on-primary);
        grid-column: 1 / -1;
      }
      .kpi .label {
        font-size: 0.9rem;
        font-weight: 600;
      }
      .kpi .value {
        font-size: clamp(1.4rem, 2.2vw, 2rem);
        font-weight: 800;
        letter-spacing: -0.01em;
      }
      .kpi.main .value {
        font-size: clamp(2.2rem, 4.4vw, 3.4rem);
      }
      .kpi .hint {
        font-size: 0.85rem;
        opacity: 0.85;
      }
      .grid {
        display: grid;
        gap: var(--pass-space-4);
        grid-template-columns: repeat(auto-fill, minmax(340px, 1fr));
      }
      .span-2 {
        grid-column: span 2;
      }
      @media (max-width: 760px) {
        .span-2 {
          grid-column: 1 / -1;
        }
        .grid {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const b = this.board;
    const hourNow = this.hourNow();
    const minutes = minuteSeries(b, this.now);
    return html`<section class="kpis" aria-label=${t('kpi.net')}>
        <div class="kpi main" data-testid="kpi-net" data-amount=${b.sales.net}>
          <div class="label">${t('kpi.net')}</div>
          <div class="value money">${money(b.sales.net)}</div>
          <div class="hint">${t('kpi.netHint', { day: b.day })}</div>
        </div>
        ${this.kpi('kpi-gross', t('kpi.gross'), money(b.sales.gross), b.sales.gross)}
        ${this.kpi('kpi-refunds', t('kpi.refunds'), money(b.sales.refunds ? -b.sales.refunds : 0), b.sales.refunds)}
        ${this.kpi('kpi-count', t('kpi.sales'), count(b.sales.count), b.sales.count)}
        ${this.kpi('kpi-average', t('kpi.average'), money(averageSale(b)), averageSale(b))}
        ${this.kpi('kpi-topups', t('kpi.topups'), money(b.topups.total), b.topups.total)}
      </section>
      <div class="grid">
        <section class="panel span-2" data-testid="panel-hours">
          <h2>${t('panel.hours')} <span class="muted small">${t('panel.hoursHint')}</span></h2>
          <dash-bar-chart
            .values=${b.byHour}
            .labels=${b.byHour.map((_, h) => (h % 3 === 0 ? `${h}h` : ''))}
            .titles=${b.byHour.map((_, h) => `${h}h–${h + 1}h`)}
            .format=${money}
            highlight=${hourNow}
            label=${t('panel.hours')}
          ></dash-bar-chart>
        </section>
        <section class="panel" data-testid="panel-minutes">
          <h2>${t('panel.minutes')} <span class="muted small">${t('panel.minutesHint')}</span></h2>
          <dash-bar-chart
            style="--chart-bar: #6fae8a"
            .values=${minutes.values}
            .labels=${minutes.values.map((_, i) => this.minuteLabel(i))}
            .titles=${minutes.values.map((_, i) => timeOf((minutes.lastMinute - (minutesShown - 1) + i) * 60_000, this.timezone))}
            .format=${(n: number) => t('salesCount', { n })}
            highlight=${minutesShown - 1}
            label=${t('panel.minutes')}
          ></dash-bar-chart>
        </section>
        <section class="panel" data-testid="panel-pos">
          <h2>${t('panel.pos')}</h2>
          ${posTable(posRows(b, this.posNames, this.openRegisters))}
        </section>
        <section class="panel" data-testid="panel-products">
          <h2>${t('panel.products')}</h2>
          ${productTable(topProducts(b))}
        </section>
        <section class="panel" data-testid="panel-methods">
          <h2>${t('panel.methods')}</h2>
          ${barList(methodRows(b), (r) => methodLabel(r.key), 'methods')}
        </section>
        <section class="panel" data-testid="panel-currencies">
          <h2>${t('panel.currencies')}</h2>
          ${Object.keys(b.byAsset).length ? barList(currencyRows(b, this.currencies), currencyLabel, 'currencies') : html`<p class="muted empty">${t('empty.currencies')}</p>`}
        </section>
        <section class="panel" data-testid="panel-flows">
          <h2>${t('panel.flows')}</h2>
          ${flowsPanel(topupsVsSpending(b))}
        </section>
        <section class="panel" data-testid="panel-registers">
          <h2>${t('panel.registers')}</h2>
          ${registersList(this.openRegisters, this.posNames, this.timezone)}
        </section>
      </div>`;
  }

  private kpi(testId: string, label: string, value: string, raw: number) {
    return html`<div class="kpi" data-testid=${testId} data-amount=${raw}>
      <div class="label muted">${label}</div>
      <div class="value money">${value}</div>
    </div>`;
  }

  private minuteLabel(i: number): string {
    const ago = minutesShown - 1 - i;
    if (ago === 0) return t('now');
    return ago % 15 === 0 ? t('minutesAgo', { n: ago }) : '';
  }

  private hourNow(): number {
    return localDay(this.now, this.timezone) === this.board.day ? localHour(this.now, this.timezone) : -1;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-board-view': BoardView;
  }
}
