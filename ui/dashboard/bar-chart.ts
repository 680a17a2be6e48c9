// A plain SVG bar chart (no chart library): bars stretch to the width available, labels and
// the scale are HTML so they stay readable from a phone to a wall screen. Negative values
// (an hour with more refunds than sales) go below the zero line.
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '../shared/styles.js';

@customElement('dash-bar-chart')
export class BarChart extends LitElement {
  @property({ attribute: false }) values: readonly number[] = [];
  /** One per bar; '' leaves the bar without a label under it. */
  @property({ attribute: false }) labels: readonly string[] = [];
  /** Full name of each bar, for its tooltip (defaults to its label). */
  @property({ attribute: false }) titles: readonly string[] = [];
  @property({ attribute: false }) format: (value: number) => string = String;
  /** Index of the bar to emphasise (the current hour or minute); -1 for none. */
  @property({ type: Number }) highlight = -1;
  /** What the chart is about, for screen readers. */
  @property() label = '';

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .plot {
        position: relative;
        height: var(--chart-height, 180px);
        border-bottom: 1px solid var(--pass-border);
      }
      svg {
        display: block;
        width: 100%;
        height: 100%;
      }
      .max {
        position: absolute;
        top: 0;
        left: 0;
        font-size: 0.8rem;
        background: rgb(255 255 255 / 0.85);
        padding: 0 var(--pass-space-1);
        border-radius: 4px;
      }
      rect {
        fill: var(--chart-bar, #7ea6e6);
      }
      rect.now {
        fill: var(--pass-primary);
      }
      rect.negative {
        fill: var(--pass-danger);
      }
      .axis {
        display: grid;
        font-size: 0.75rem;
        color: var(--pass-muted);
        margin-top: var(--pass-space-1);
      }
      .axis span {
        text-align: center;
        white-space: nowrap;
        overflow: visible;
      }
    `,
  ];

  override render() {
    const n = Math.max(1, this.values.length);
    const max = Math.max(0, ...this.values);
    const min = Math.min(0, ...this.values);
    const range = max - min || 1;
    // viewBox units: one per bar across, 100 down; the zero line sits where 0 falls in [min, max].
    const y = (v: number) => ((max - v) / range) * 100;
    const zero = y(0);
    const bars = this.values.map((v, i) => {
      if (v === 0) return null;
      const top = Math.min(y(v), zero);
      const height = Math.max(Math.abs(y(v) - zero), 0.8);
      const cls = v < 0 ? 'negative' : i === this.highlight ? 'now' : '';
      return svg`<rect x=${i + 0.12} y=${top} width="0.76" height=${height} class=${cls}><title>${this.labelOf(i)}: ${this.format(v)}</title></rect>`;
    });
    return html`<figure style="margin:0" aria-label=${this.label} data-testid="chart">
      <div class="plot">
        <svg viewBox="0 0 ${n} 100" preserveAspectRatio="none" role="img" aria-label=${this.label}>
          ${bars}
          <line x1="0" x2=${n} y1=${zero} y2=${zero} stroke="#8a919c" stroke-width="1" vector-effect="non-scaling-stroke"></line>
        </svg>
        ${max > 0 ? html`<span class="max money" data-testid="chart-max">${this.format(max)}</span>` : null}
      </div>
      <div class="axis" style="grid-template-columns: repeat(${n}, 1fr)" aria-hidden="true">
        ${this.values.map((_, i) => html`<span>${this.labels[i] ?? ''}</span>`)}
      </div>
    </figure>`;
  }

  private labelOf(i: number): string {
    return this.titles[i] || this.labels[i] || String(i);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dash-bar-chart': BarChart;
  }
}
