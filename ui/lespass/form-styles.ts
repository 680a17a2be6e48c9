// The look of the booking and joining forms: seat rows with large steppers, grouped fields,
// and the summary with the pay button.
import { css } from 'lit';

export const formStylesExtra = css`
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 var(--pass-space-5);
    min-width: 0;
  }
  legend {
    font-size: 1.15rem;
    font-weight: 800;
    padding: 0;
    margin-bottom: var(--pass-space-3);
  }
  .seats {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--pass-space-2);
  }
  .seat {
    display: flex;
    gap: var(--pass-space-3);
    align-items: center;
    justify-content: space-between;
    padding: var(--pass-space-3);
    border: 2px solid var(--pass-border);
    border-radius: var(--pass-radius-small);
    background: var(--pass-surface);
  }
  .seat.sold-out {
    background: var(--pass-surface-2);
  }
  .seat-info {
    min-width: 0;
    display: grid;
    gap: 2px;
  }
  .seat-info .badge {
    white-space: normal;
    border-radius: 8px;
  }
  .seat-name {
    font-weight: 700;
  }
  .seat-amount {
    font-weight: 800;
    font-size: 1.1rem;
  }
  .stepper {
    display: flex;
    align-items: center;
    gap: var(--pass-space-1);
    flex: none;
  }
  .stepper button {
    width: 48px;
    height: 48px;
    padding: 0;
    font-size: 1.5rem;
    line-height: 1;
    border-radius: 50%;
  }
  @media (max-width: 400px) {
    .seat {
      padding: var(--pass-space-2) var(--pass-space-2) var(--pass-space-2) var(--pass-space-3);
      gap: var(--pass-space-2);
    }
    .stepper button {
      width: 44px;
      height: 44px;
    }
  }
  .stepper output {
    min-width: 2ch;
    text-align: center;
    font-weight: 800;
    font-size: 1.25rem;
    font-variant-numeric: tabular-nums;
  }
  .signed-in {
    background: var(--pass-surface-2);
    border-radius: var(--pass-radius-small);
    padding: var(--pass-space-2) var(--pass-space-3);
    margin-bottom: var(--pass-space-3);
  }
  .summary {
    border-top: 2px solid var(--pass-border);
    padding-top: var(--pass-space-4);
  }
  .summary dl {
    margin: 0 0 var(--pass-space-2);
  }
  .summary dl div {
    display: flex;
    justify-content: space-between;
    gap: var(--pass-space-3);
    color: var(--pass-muted);
  }
  .summary dd {
    margin: 0;
  }
  .total {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    font-size: 1.25rem;
    margin-bottom: var(--pass-space-3);
  }
  .total strong {
    font-size: 1.5rem;
  }
  .done h2 {
    color: var(--pass-success);
  }
  .done .stack {
    margin: var(--pass-space-4) 0;
  }
`;
