// Styles shared by the admin's screens, on top of ui/shared/styles.ts: panels, tables, tabs,
// badges, form grids and field errors. Each component adds the ones it uses.
import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: block;
  }
  .panel {
    background: var(--pass-surface);
    border-radius: var(--pass-radius);
    box-shadow: var(--pass-shadow);
    padding: var(--pass-space-4) var(--pass-space-5);
    margin-bottom: var(--pass-space-4);
  }
  .panel > h2,
  .panel > header h2 {
    font-size: 1.25rem;
  }
  .panel > h2 {
    margin-bottom: var(--pass-space-3);
  }
  .panel-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--pass-space-2) var(--pass-space-3);
    margin-bottom: var(--pass-space-3);
  }
  .panel-head h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: var(--pass-space-4) 0 var(--pass-space-2);
  }
  p {
    margin: 0 0 var(--pass-space-3);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--pass-space-3);
    margin-bottom: var(--pass-space-4);
  }
  .row > .field {
    flex: 1 1 180px;
    min-width: 0;
    margin-bottom: 0;
  }
  .row > .field.narrow {
    flex: 0 1 180px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pass-space-2);
    align-items: center;
  }
  form > .actions {
    margin-top: var(--pass-space-4);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
    gap: 0 var(--pass-space-4);
  }
  .grid .wide {
    grid-column: 1 / -1;
  }
  .empty {
    color: var(--pass-muted);
    font-style: italic;
    padding: var(--pass-space-3) 0;
  }
  .table-wrap {
    overflow-x: auto;
    -webkit-overflow-scrolling: touch;
    margin: 0 calc(-1 * var(--pass-space-2));
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95rem;
  }
  th,
  td {
    text-align: left;
    padding: var(--pass-space-2);
    border-bottom: 1px solid var(--pass-border);
    vertical-align: middle;
  }
  th {
    font-size: 0.8rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pass-muted);
    white-space: nowrap;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  td.actions-cell {
    text-align: right;
    white-space: nowrap;
  }
  tr.muted-row td {
    color: var(--pass-muted);
  }
  tfoot td {
    font-weight: 700;
    border-bottom: 0;
  }
  .badge {
    display: inline-block;
    padding: 2px 8px;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 700;
    background: var(--pass-surface-2);
    border: 1px solid var(--pass-border);
    white-space: nowrap;
  }
  .badge.ok {
    background: var(--pass-success-bg);
    border-color: var(--pass-success);
    color: var(--pass-success);
  }
  .badge.bad {
    background: var(--pass-danger-bg);
    border-color: var(--pass-danger);
    color: var(--pass-danger);
  }
  .badge.warn {
    background: var(--pass-warning-bg);
    border-color: var(--pass-warning);
    color: var(--pass-warning);
  }
  .swatch {
    display: inline-block;
    width: 1.1em;
    height: 1.1em;
    border-radius: 4px;
    border: 1px solid var(--pass-border);
    vertical-align: -0.2em;
    margin-right: 6px;
  }
  .field-error {
    color: var(--pass-danger);
    font-size: 0.9rem;
    font-weight: 600;
    margin-top: var(--pass-space-1);
  }
  .hint {
    color: var(--pass-muted);
    font-size: 0.85rem;
    margin-top: var(--pass-space-1);
  }
  [aria-invalid='true'] {
    border-color: var(--pass-danger) !important;
  }
  textarea {
    font: inherit;
    width: 100%;
    min-height: 120px;
    padding: var(--pass-space-2) var(--pass-space-3);
    border: 2px solid var(--pass-border);
    border-radius: var(--pass-radius-small);
    resize: vertical;
  }
  input[type='color'] {
    padding: 2px;
    width: 64px;
  }
  input[type='checkbox'] {
    width: 22px;
    height: 22px;
    min-height: 0;
    vertical-align: middle;
    margin: 0 var(--pass-space-2) 0 0;
  }
  label.check {
    display: flex;
    align-items: center;
    font-weight: 600;
    min-height: var(--pass-tap);
  }
  .small-btn {
    min-height: 40px;
    padding: 4px 12px;
    font-size: 0.95rem;
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pass-space-1);
    border-bottom: 2px solid var(--pass-border);
    margin-bottom: var(--pass-space-4);
  }
  .tabs a {
    padding: var(--pass-space-2) var(--pass-space-4);
    text-decoration: none;
    color: var(--pass-muted);
    border-bottom: 3px solid transparent;
    margin-bottom: -2px;
    white-space: nowrap;
    min-height: var(--pass-tap);
    display: inline-flex;
    align-items: center;
  }
  .tabs a[aria-current='page'] {
    color: var(--pass-primary);
    border-bottom-color: var(--pass-primary);
  }
  .figure {
    font-size: 1.6rem;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
    gap: var(--pass-space-3);
    margin-bottom: var(--pass-space-3);
  }
  .figures > div {
    background: var(--pass-surface-2);
    border-radius: var(--pass-radius-small);
    padding: var(--pass-space-3);
  }
  .figures .label {
    font-size: 0.85rem;
    color: var(--pass-muted);
    font-weight: 600;
  }
  .colour {
    display: flex;
    gap: var(--pass-space-2);
    align-items: center;
  }
  .colour input[type='color'] {
    flex: none;
  }
  @media (max-width: 560px) {
    .panel {
      padding: var(--pass-space-3);
      border-radius: var(--pass-radius-small);
    }
    .tabs a {
      padding: var(--pass-space-2) var(--pass-space-3);
    }
    .row > .field.narrow {
      flex: 1 1 140px;
    }
  }
  /* Tables that become one card per row on a phone: each cell shows its column's name
     (data-label) before its value, so no column hides off screen. */
  @media (max-width: 640px) {
    table.stack,
    table.stack tbody,
    table.stack tfoot,
    table.stack tr,
    table.stack td {
      display: block;
      width: 100%;
    }
    table.stack thead {
      display: none;
    }
    table.stack tr {
      padding: var(--pass-space-2) 0;
      border-bottom: 1px solid var(--pass-border);
    }
    table.stack td {
      border: 0;
      padding: 3px var(--pass-space-2);
      text-align: left;
    }
    table.stack td[data-label] {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--pass-space-3);
      text-align: right;
    }
    table.stack td[data-label]::before {
      content: attr(data-label);
      color: var(--pass-muted);
      font-size: 0.85rem;
      font-weight: 600;
      text-align: left;
      flex: none;
    }
    table.stack td[data-label] > input {
      max-width: 60%;
    }
    table.stack td.actions-cell {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      align-items: center;
      gap: var(--pass-space-2);
      padding-top: var(--pass-space-2);
    }
    .table-wrap {
      margin: 0;
    }
  }
`;
