// The door's look: one column for a phone held in one hand, the verdict huge and coloured
// (green: in, red: refused) so it reads at arm's length in a dark entrance.
import { css } from 'lit';

export const doorStyles = css`
  :host {
    display: block;
    min-height: 100dvh;
    background: var(--pass-bg);
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--pass-space-3);
    padding: var(--pass-space-3) var(--pass-space-4);
    background: #111418;
    color: #fff;
    --lang-switch-border: rgb(255 255 255 / 0.5);
    --lang-switch-active-bg: #fff;
    --lang-switch-active-text: #111418;
  }
  header h1 {
    font-size: 1.2rem;
  }
  main {
    max-width: 560px;
    margin: 0 auto;
    padding: var(--pass-space-3);
    display: flex;
    flex-direction: column;
    gap: var(--pass-space-3);
  }
  .card {
    background: var(--pass-surface);
    border-radius: var(--pass-radius);
    padding: var(--pass-space-4);
    box-shadow: var(--pass-shadow);
    display: flex;
    flex-direction: column;
    gap: var(--pass-space-3);
  }
  .events {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--pass-space-2);
  }
  .events button {
    width: 100%;
    flex-direction: column;
    align-items: flex-start;
  }
  .events button span {
    font-weight: 400;
    font-size: 0.95rem;
    color: var(--pass-muted);
  }
  .link {
    background: transparent;
    border-color: transparent;
    color: var(--pass-primary);
    text-decoration: underline;
    align-self: center;
  }
  .event h2 {
    font-size: 1.25rem;
  }
  .counter {
    margin: var(--pass-space-1) 0;
    font-size: 1.4rem;
    font-weight: 800;
  }
  .status {
    margin: 0;
    font-size: 0.9rem;
    padding-left: 1.1em;
    position: relative;
  }
  .status::before {
    content: '';
    position: absolute;
    left: 0;
    top: 0.35em;
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    background: var(--pass-success);
  }
  .status.off::before {
    background: var(--pass-warning);
  }
  .result {
    border-radius: var(--pass-radius);
    padding: var(--pass-space-4);
    color: #fff;
    text-align: center;
    cursor: pointer;
  }
  .result.ok {
    background: var(--pass-success);
  }
  .result.refused {
    background: var(--pass-danger);
  }
  .result p {
    margin: 0;
  }
  .verdict {
    font-size: clamp(1.8rem, 9vw, 2.6rem);
    font-weight: 900;
  }
  .holder {
    font-size: 1.6rem;
    font-weight: 700;
  }
  .rate,
  .detail {
    font-size: 1.15rem;
  }
  .camera-toggle {
    align-self: center;
  }
  .typed .row {
    display: flex;
    gap: var(--pass-space-2);
  }
  .typed input {
    font-family: var(--pass-font-mono);
    text-transform: uppercase;
    letter-spacing: 0.08em;
  }
  .error {
    color: var(--pass-danger);
    font-weight: 600;
  }
  .warning {
    background: var(--pass-warning-bg);
    color: var(--pass-warning);
    padding: var(--pass-space-2) var(--pass-space-3);
    border-radius: var(--pass-radius-small);
    font-weight: 600;
    margin: 0;
  }
`;
