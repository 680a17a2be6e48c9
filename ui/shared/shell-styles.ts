// The shell of the staff apps (admin, dashboard): a dark header (title and collective, language,
// session controls) over the page, and a centred card for sign-in and errors. Each app adds its
// own rules after these (widths, the collective's emphasis, what sits in its header).
import { css } from 'lit';

export const shellStyles = css`
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
  .center {
    margin: var(--pass-space-6) auto;
    padding: var(--pass-space-5);
    background: var(--pass-surface);
    border-radius: var(--pass-radius);
    box-shadow: var(--pass-shadow);
  }
  @media (max-width: 560px) {
    header {
      padding: var(--pass-space-2) var(--pass-space-3);
    }
    h1 {
      flex-basis: 100%;
    }
  }
`;
