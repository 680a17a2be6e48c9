// Styles shared by the site's screens (the tokens are in ui/shared/theme.css; the collective's
// colours arrive as custom properties set by lespass-app, see branding.ts).
import { css } from 'lit';

export const siteStyles = css`
  :host {
    display: block;
  }
  a {
    color: var(--brand-ink, var(--pass-primary));
  }
  h1 {
    font-size: clamp(1.6rem, 5vw, 2.2rem);
    letter-spacing: -0.01em;
  }
  h2 {
    font-size: 1.35rem;
    margin-bottom: var(--pass-space-3);
  }
  h3 {
    font-size: 1.1rem;
  }
  p {
    margin: 0 0 var(--pass-space-3);
  }
  .card {
    background: var(--pass-surface);
    border: 1px solid var(--pass-border);
    border-radius: var(--pass-radius);
    box-shadow: var(--pass-shadow);
    padding: var(--pass-space-4);
  }
  .stack > * + * {
    margin-top: var(--pass-space-4);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pass-space-2);
    align-items: center;
  }
  .spread {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pass-space-2) var(--pass-space-4);
    align-items: baseline;
    justify-content: space-between;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 10px;
    border-radius: 999px;
    font-size: 0.85rem;
    font-weight: 700;
    background: var(--pass-surface-2);
    border: 1px solid var(--pass-border);
    color: var(--pass-text);
    white-space: nowrap;
  }
  .badge.brand {
    background: var(--brand-secondary);
    border-color: transparent;
    color: var(--brand-on-secondary);
  }
  .badge.ok {
    background: var(--pass-success-bg);
    border-color: var(--pass-success);
    color: var(--pass-success);
  }
  .badge.warn {
    background: var(--pass-warning-bg);
    border-color: var(--pass-warning);
    color: var(--pass-warning);
  }
  .badge.bad {
    background: var(--pass-danger-bg);
    border-color: var(--pass-danger);
    color: var(--pass-danger);
  }
  .field-error {
    color: var(--pass-danger);
    font-weight: 600;
    margin: var(--pass-space-1) 0 0;
    font-size: 0.95rem;
  }
  .hint {
    color: var(--pass-muted);
    font-size: 0.92rem;
    margin: var(--pass-space-1) 0 0;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--pass-danger);
  }
  .back {
    display: inline-flex;
    align-items: center;
    min-height: var(--pass-tap);
    text-decoration: none;
  }
  .empty {
    color: var(--pass-muted);
    padding: var(--pass-space-4) 0;
  }
  .section-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pass-space-2) var(--pass-space-4);
    align-items: baseline;
    justify-content: space-between;
    margin-bottom: var(--pass-space-3);
  }
  .section-head h2 {
    margin: 0;
  }
  .description {
    white-space: pre-line;
    line-height: 1.55;
  }
`;
