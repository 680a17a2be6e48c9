// "Sending…" while a command is on its way: a spinner over the reason line, inside the screen's
// own panel. The screen includes `spinnerStyles` and styles `.panel`, `.center` and `.reason`.
import { css, html, type TemplateResult } from 'lit';

export const spinnerStyles = css`
  .spinner {
    width: 56px;
    height: 56px;
    border: 6px solid var(--pass-border);
    border-top-color: var(--pass-primary);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
    margin: var(--pass-space-4) auto;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;

export function sendingPanel(testid: string, text: string): TemplateResult {
  return html`<div class="panel center" data-testid=${testid} role="status">
    <div class="spinner" aria-hidden="true"></div>
    <p class="reason">${text}</p>
  </div>`;
}
