// A printed document as a standalone HTML page: 80 mm receipt width or A4, printable as is
// (no script, inline styles only: the page is served with a strict CSP).
import { escapeHtml as esc } from './format.js';
import type { DocLayout, DocRow, DocSection, PrintedDocument } from './model.js';

export function documentHtml(doc: PrintedDocument, layout: DocLayout = 'receipt'): string {
  const primary = doc.brand?.primary ?? '#000000';
  const width = layout === 'receipt' ? 'width:72mm;font-size:12px' : 'max-width:180mm;font-size:13px';
  const logo = doc.brand?.logoUrl ? `<img class="logo" src="${esc(doc.brand.logoUrl)}" alt="">` : '';
  return `<!doctype html>
<html lang="${doc.lang}"><head><meta charset="utf-8"><title>${esc(doc.title)} — ${esc(doc.identity[0] ?? '')}</title>
<style>
body{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;${width};line-height:1.35;margin:4mm auto;color:#000}
header{text-align:center;border-bottom:2px solid ${primary};padding-bottom:4px}
header .name{font-size:1.25em;font-weight:bold}header .logo{max-height:40px;display:block;margin:0 auto 4px}
.mark{font-size:1.6em;font-weight:bold;text-align:center;border:2px solid #000;margin:4px 0;letter-spacing:.2em}
h1{font-size:1.15em;text-align:center;margin:6px 0}
h2{font-size:1em;margin:10px 0 2px;border-bottom:1px dashed #000;color:${primary}}
table{width:100%;border-collapse:collapse}th,td{padding:1px 0;vertical-align:top}
th{font-weight:normal;text-align:right;font-size:.9em;border-bottom:1px solid #999}th:first-child{text-align:left}
td{text-align:right;white-space:nowrap;padding-left:6px}td:first-child{text-align:left;white-space:normal;padding-left:0}
tr.total td{font-weight:bold;border-top:1px solid #000}tr.detail td{font-size:.9em;color:#333}tr.detail td:first-child{padding-left:1.2em}tr.warn td{font-weight:bold}
footer{margin-top:10px;border-top:1px dashed #000;font-size:.8em;word-break:break-all}
@media print{body{margin:0 auto}}
</style></head><body>
<header>${logo}${doc.identity.map((line, i) => `<div${i === 0 ? ' class="name"' : ''}>${esc(line)}</div>`).join('')}</header>
${doc.mark ? `<div class="mark" data-testid="doc-mark">${esc(doc.mark)}</div>` : ''}
<h1>${esc(doc.title)}</h1>
${doc.sections.map(sectionHtml).join('\n')}
<footer>${doc.footer.map((line) => `<div>${esc(line)}</div>`).join('')}</footer>
</body></html>
`;
}

function sectionHtml(section: DocSection): string {
  const head = section.columns ? `<thead><tr>${section.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>` : '';
  return `<section data-section="${esc(section.id)}"><h2>${esc(section.title)}</h2><table>${head}<tbody>${section.rows.map(rowHtml).join('')}</tbody></table></section>`;
}

function rowHtml(row: DocRow): string {
  return `<tr${row.kind ? ` class="${row.kind}"` : ''}>${row.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
}
