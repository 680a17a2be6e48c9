// Styles of the dashboard's panels: cards with a title, compact tables, horizontal meters.
import { css } from 'lit';

export const panelStyles = css`
  .panel {
    background: var(--pass-surface);
    border-radius: var(--pass-radius);
    box-shadow: var(--pass-shadow);
    padding: var(--pass-space-4);
    min-width: 0;
  }
  .panel h2 {
    font-size: 1.05rem;
    margin-bottom: var(--pass-space-3);
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--pass-space-2);
  }
  .panel h3 {
    font-size: 0.9rem;
    margin: var(--pass-space-3) 0 var(--pass-space-2);
  }
  .small {
    font-size: 0.8rem;
    font-weight: 400;
  }
  .empty {
    margin: var(--pass-space-2) 0;
  }
  .strong {
    font-weight: 700;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95rem;
  }
  th,
  td {
    padding: var(--pass-space-2) var(--pass-space-1);
    border-bottom: 1px solid #e1e4e8;
    text-align: left;
    vertical-align: middle;
  }
  thead th {
    font-size: 0.8rem;
    color: var(--pass-muted);
    font-weight: 600;
    border-bottom: 2px solid var(--pass-border);
  }
  tbody th {
    font-weight: 600;
    max-width: 14rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  tbody tr:last-child th,
  tbody tr:last-child td {
    border-bottom: 0;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  @media (max-width: 420px) {
    .wide-only {
      display: none;
    }
  }
  .dot {
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    margin-right: 0.45em;
    background: #c5cad2;
    vertical-align: 0.05em;
  }
  .dot.open {
    background: var(--pass-success);
  }
  .meter {
    display: block;
    height: 6px;
    margin-top: 4px;
    border-radius: 3px;
    background: linear-gradient(to right, var(--meter, var(--pass-primary)) calc(var(--share, 0) * 100%), #e6e9ee 0);
  }
  .meter.topup {
    --meter: var(--pass-success);
  }
  ul.bars {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul.bars li,
  .flow {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 var(--pass-space-3);
    align-items: baseline;
    padding: var(--pass-space-2) 0;
  }
  ul.bars .meter,
  .flow .meter {
    grid-column: 1 / -1;
    height: 10px;
    border-radius: 5px;
  }
  .bar-label {
    font-weight: 600;
    min-width: 0;
  }
  .bar-value {
    font-weight: 700;
  }
`;
