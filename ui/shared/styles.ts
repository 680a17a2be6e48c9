// Lit style fragments shared by components (the tokens live in theme.css). A component adds
// them to its own `static styles`: shadow DOM keeps page styles out, so each one opts in.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    font-family: var(--pass-font);
    color: var(--pass-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--pass-focus);
    outline-offset: 2px;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.2;
  }
  .muted {
    color: var(--pass-muted);
  }
  a {
    color: var(--pass-primary);
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .money {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
`;

export const buttonStyles = css`
  button,
  .btn {
    font: inherit;
    font-weight: 600;
    min-height: var(--pass-tap);
    min-width: var(--pass-tap);
    padding: var(--pass-space-2) var(--pass-space-4);
    border-radius: var(--pass-radius-small);
    border: 2px solid var(--pass-border);
    background: var(--pass-surface);
    color: var(--pass-text);
    cursor: pointer;
    touch-action: manipulation;
    user-select: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--pass-space-2);
    text-decoration: none;
    text-align: center;
  }
  button svg,
  .btn svg {
    flex: none;
  }
  button:active:not(:disabled) {
    transform: translateY(1px);
  }
  button:disabled {
    opacity: 0.45;
    cursor: not-allowed;
  }
  .primary {
    background: var(--pass-primary);
    border-color: var(--pass-primary);
    color: var(--pass-on-primary);
  }
  .primary:hover:not(:disabled) {
    background: var(--pass-primary-strong);
  }
  .success {
    background: var(--pass-success);
    border-color: var(--pass-success);
    color: #fff;
  }
  .danger {
    background: var(--pass-surface);
    border-color: var(--pass-danger);
    color: var(--pass-danger);
  }
  .danger-solid {
    background: var(--pass-danger);
    border-color: var(--pass-danger);
    color: #fff;
  }
  .ghost {
    background: transparent;
    border-color: transparent;
  }
  .big {
    min-height: var(--pass-tap-big);
    font-size: 1.15rem;
    padding: var(--pass-space-3) var(--pass-space-5);
  }
  .block {
    width: 100%;
  }
`;

export const formStyles = css`
  label {
    display: block;
    font-weight: 600;
    margin-bottom: var(--pass-space-1);
  }
  input,
  select {
    font: inherit;
    font-size: 1.1rem;
    min-height: var(--pass-tap);
    width: 100%;
    padding: var(--pass-space-2) var(--pass-space-3);
    border: 2px solid var(--pass-border);
    border-radius: var(--pass-radius-small);
    background: var(--pass-surface);
    color: var(--pass-text);
  }
  input:focus {
    border-color: var(--pass-primary);
    outline: none;
    box-shadow: 0 0 0 3px var(--pass-focus);
  }
  .field {
    margin-bottom: var(--pass-space-4);
  }
  .alert {
    padding: var(--pass-space-3) var(--pass-space-4);
    border-radius: var(--pass-radius-small);
    border-left: 6px solid;
    margin-bottom: var(--pass-space-4);
  }
  .alert.error {
    background: var(--pass-danger-bg);
    border-color: var(--pass-danger);
    color: var(--pass-danger);
  }
  .alert.warning {
    background: var(--pass-warning-bg);
    border-color: var(--pass-warning);
    color: var(--pass-warning);
  }
  .alert.info {
    background: var(--pass-surface-2);
    border-color: var(--pass-primary);
  }
`;
