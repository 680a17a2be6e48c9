// A screen rendered from its loader's status: loading, a refusal with a retry button, or the
// data (kept on screen while it reloads, with the refusal of a failed reload above it).
import { html, nothing, type TemplateResult } from 'lit';
import type { LoadState } from './loader.js';
import { errorText, t } from './messages.js';

export function loadView<T>(state: LoadState<T>, ready: (value: T) => TemplateResult | typeof nothing, retry: () => void): TemplateResult | typeof nothing {
  const value = 'value' in state ? state.value : undefined;
  const failure =
    state.status === 'error'
      ? html`<div class="alert error" role="alert" data-testid="load-error" data-code=${state.error.code}>
          ${state.error.code === 'NOT_FOUND' && state.error.message.startsWith('no route') ? t('error.noRoute') : errorText(state.error.code, state.error.message)}
          <button type="button" class="small-btn" data-testid="retry" @click=${retry}>${t('retry')}</button>
        </div>`
      : nothing;
  if (value === undefined) {
    if (state.status === 'error') return failure;
    return html`<p class="muted" data-testid="loading" aria-busy="true">${t('loading')}</p>`;
  }
  return html`${failure}${ready(value)}`;
}
