// The dashboard shell's look: a dark header (title, collective, live status, language, sign-out)
// over the board; on a phone the header wraps and the page padding shrinks.
import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--pass-space-2) var(--pass-space-3);
    padding: var(--pass-space-2) var(--pass-space-4);
    background: var(--pass-text);
    color: var(--pass-surface);
    --lang-switch-border: #6b7280;
    --lang-switch-active-bg: var(--pass-surface);
    --lang-switch-active-text: var(--pass-text);
  }
  header a {
    color: inherit;
  }
  h1 {
    font-size: 1.2rem;
    margin-right: auto;
  }
  h1 .collective {
    font-weight: 400;
    opacity: 0.85;
  }
  header select {
    width: auto;
    min-height: 40px;
    font-size: 1rem;
  }
  header button {
    min-height: 40px;
    background: transparent;
    color: inherit;
    border-color: #6b7280;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.9rem;
    white-space: nowrap;
  }
  .status::before {
    content: '';
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: #f0b429;
  }
  .status.live::before {
    background: #3ddc84;
    box-shadow: 0 0 0 3px rgb(61 220 132 / 0.3);
  }
  .status.down::before {
    background: #ff6b6b;
  }
  main {
    max-width: 1440px;
    margin: 0 auto;
    padding: var(--pass-space-4);
  }
  .center {
    max-width: 480px;
    margin: var(--pass-space-6) auto;
    padding: var(--pass-space-5);
    background: var(--pass-surface);
    border-radius: var(--pass-radius);
    box-shadow: var(--pass-shadow);
  }
  .center h2 {
    margin-bottom: var(--pass-space-4);
  }
  @media (max-width: 560px) {
    header {
      padding: var(--pass-space-2) var(--pass-space-3);
    }
    h1 {
      flex-basis: 100%;
    }
    header button {
      padding: 0 var(--pass-space-3);
    }
    main {
      padding: var(--pass-space-3) var(--pass-space-2);
    }
  }
`;
