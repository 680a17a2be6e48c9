// The Z ticket as printed (the server's document: the same sections as its HTML and PDF prints):
// identity, register, sales, methods, VAT HT/TVA/TTC, products, currencies, top-ups, the drawer,
// grand totals and hashes. Property down: `doc`.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PrintedDocument } from '../../core/documents/model.js';
import { baseStyles } from '../shared/styles.js';

@customElement('lb-z-document')
export class ZDocumentView extends LitElement {
  @property({ attribute: false }) doc: PrintedDocument | null = null;

  static override styles = [
    baseStyles,
    css`
      :host { display: block; font-variant-numeric: tabular-nums; }
      header { text-align: center; margin-bottom: var(--pass-space-2); }
      header div:first-child { font-weight: 700; font-size: 1.1rem; }
      h4 { margin: var(--pass-space-3) 0 var(--pass-space-1); border-bottom: 1px dashed var(--pass-muted); }
      table { width: 100%; border-collapse: collapse; }
      th { font-weight: 600; color: var(--pass-muted); text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      td { text-align: right; padding: 2px 0 2px 8px; white-space: nowrap; }
      td:first-child { white-space: normal; padding-left: 0; }
      tr.total td { font-weight: 700; border-top: 1px solid currentColor; }
      tr.detail td { font-size: 0.9em; color: var(--pass-muted); }
      tr.detail td:first-child { padding-left: 1.2em; }
      tr.warn td { font-weight: 700; color: var(--pass-danger, #b42318); }
      footer { font-family: var(--pass-font-mono); font-size: 0.75rem; overflow-wrap: anywhere; color: var(--pass-muted); margin-top: var(--pass-space-3); }
    `,
  ];

  override render() {
    const doc = this.doc;
    if (!doc) return nothing;
    return html`<header>${doc.identity.map((line) => html`<div>${line}</div>`)}</header>
      ${doc.sections.map(
        (s) => html`<section data-testid="z-doc-${s.id}">
          <h4>${s.title}</h4>
          <table>
            ${s.columns ? html`<thead><tr>${s.columns.map((c) => html`<th>${c}</th>`)}</tr></thead>` : nothing}
            <tbody>${s.rows.map((r) => html`<tr class=${r.kind ?? ''}>${r.cells.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
          </table>
        </section>`,
      )}
      <footer>${doc.footer.map((line) => html`<div>${line}</div>`)}</footer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-z-document': ZDocumentView;
  }
}
