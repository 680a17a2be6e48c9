// The frame of the terminal: dark header with the statuses, the screen area, the bottom tabs.
import { css } from 'lit';

export const appStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
  }
  header {
    flex: none;
    display: flex;
    align-items: center;
    gap: var(--pass-space-2);
    padding: var(--pass-space-2) var(--pass-space-3);
    background: var(--pass-text);
    color: var(--pass-surface);
    --lang-switch-border: #6b7280;
    --lang-switch-active-bg: var(--pass-surface);
    --lang-switch-active-text: var(--pass-text);
  }
  .pos {
    flex: 1;
    min-width: 0;
  }
  .pos strong {
    display: block;
    font-size: 1.1rem;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .pos span {
    font-size: 0.8rem;
    opacity: 0.85;
  }
  .pill {
    flex: none;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.85rem;
    font-weight: 700;
    padding: 4px 10px;
    border-radius: 999px;
    background: #2b3038;
    color: #fff;
    border: 0;
    min-height: 32px;
    min-width: 0;
  }
  .pill::before {
    content: '';
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: currentColor;
  }
  .pill.ok::before {
    background: #3ddc84;
  }
  .pill.warn::before {
    background: #ffb000;
  }
  .pill.bad::before {
    background: #ff5a4f;
  }
  .pill.count {
    background: #ffb000;
    color: #111;
  }
  .pill.count::before {
    display: none;
  }
  main {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    padding: var(--pass-space-3);
    gap: var(--pass-space-3);
  }
  .screen {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
  }
  .screen[hidden] {
    display: none;
  }
  .screen.sale {
    overflow: hidden;
  }
  .banner {
    flex: none;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--pass-space-2);
    padding: var(--pass-space-2) var(--pass-space-3);
    border-radius: var(--pass-radius-small);
    background: var(--pass-warning-bg);
    color: var(--pass-warning);
    font-weight: 600;
  }
  .banner.error {
    background: var(--pass-danger-bg);
    color: var(--pass-danger);
  }
  .status {
    padding: var(--pass-space-5);
    text-align: center;
  }
  nav {
    flex: none;
    display: grid;
    grid-template-columns: repeat(5, 1fr);
    background: var(--pass-surface);
    border-top: 2px solid var(--pass-border);
    padding-bottom: env(safe-area-inset-bottom);
  }
  nav button {
    flex-direction: column;
    gap: 2px;
    border: 0;
    border-radius: 0;
    background: transparent;
    font-size: 0.78rem;
    font-weight: 700;
    padding: var(--pass-space-1) 2px;
    min-height: 60px;
    min-width: 0;
    color: var(--pass-muted);
    border-top: 4px solid transparent;
  }
  nav button[aria-current='page'] {
    color: var(--pass-primary);
    border-top-color: var(--pass-primary);
    background: var(--pass-surface-2);
  }
  @media (max-width: 420px) {
    .pill .label {
      display: none;
    }
  }
  @media (min-width: 760px) {
    nav button {
      flex-direction: row;
      font-size: 1rem;
      gap: var(--pass-space-2);
    }
  }
`;
