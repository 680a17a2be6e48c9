// Operators: every background queue with its counts, and its failed jobs (newest first) each
// with a retry button. Failed jobs stay here until retried: nothing drops them silently.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { QueueView } from '../../../gateways/http/routes/ops.js';
import { api } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { t } from '../messages.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { formAlert } from '../fields.js';
import { errorLine, formErrorsOf } from '../form-errors.js';
import { loadView } from '../load-view.js';
import { Loader } from '../loader.js';
import { queueLabel, to } from './messages.js';

const countKeys = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;

@customElement('ops-queues')
export class OpsQueues extends LitElement {
  @state() private notice = '';
  @state() private error = '';
  @state() private busy = '';

  private readonly queues = new Loader(this, {
    args: () => ['all'] as const,
    task: async (_args, signal) => (await api<{ queues: QueueView[] }>('/api/ops/queues', { signal })).queues,
  });

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      code,
      pre {
        font-family: var(--pass-font-mono);
        font-size: 0.8rem;
        white-space: pre-wrap;
        word-break: break-all;
        margin: 0;
      }
      .figures > div.bad {
        background: var(--pass-danger-bg);
        color: var(--pass-danger);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    return html`<section class="panel">
        <div class="panel-head">
          <h2>${to('queues.title')}</h2>
          <button type="button" data-testid="queues-refresh" @click=${() => this.queues.reload()}>${to('queues.refresh')}</button>
        </div>
        <p class="muted">${to('queues.intro')}</p>
        ${this.notice ? html`<p class="badge ok" role="status" data-testid="queues-notice">${this.notice}</p>` : nothing}
        ${formAlert(this.error, 'queues-error')}
      </section>
      ${loadView(this.queues.state, (list) => html`${list.map((q) => this.queue(q))}`, () => this.queues.reload())}`;
  }

  private queue(q: QueueView) {
    return html`<section class="panel" data-testid="queue" data-queue=${q.name}>
      <h2>${queueLabel(q.name)} <span class="muted">· ${q.name}</span></h2>
      <div class="figures">
        ${countKeys.map(
          (k) => html`<div class=${k === 'failed' && q.counts.failed ? 'bad' : ''}>
            <div class="label">${to(`queues.${k}`)}</div>
            <div class="figure" data-testid="count-${k}">${q.counts[k]}</div>
          </div>`,
        )}
      </div>
      ${q.failed.length ? this.failedTable(q) : html`<p class="empty">${to('queues.noFailed')}</p>`}
      ${q.counts.failed > q.failed.length ? html`<p class="muted">${to('queues.shown', { shown: q.failed.length, count: q.counts.failed })}</p>` : nothing}
    </section>`;
  }

  private failedTable(q: QueueView) {
    return html`<div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            <th>${to('queues.job')}</th>
            <th>${to('queues.error')}</th>
            <th class="num">${to('queues.attempts')}</th>
            <th>${to('queues.data')}</th>
            <th><span class="visually-hidden">${t('actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${q.failed.map(
            (job) => html`<tr data-testid="failed-job" data-job-id=${job.id}>
              <td><strong>${job.name}</strong><br /><code>${job.id}</code></td>
              <td class="field-error" style="font-weight:400" data-label=${to('queues.error')}>${job.error}</td>
              <td class="num" data-label=${to('queues.attempts')}>${job.attempts}</td>
              <td><pre>${preview(job.data)}</pre></td>
              <td class="actions-cell">
                <button type="button" class="primary small-btn" ?disabled=${this.busy === job.id} data-testid="job-retry" @click=${() => this.retry(q.name, job.id)}>${to('queues.retry')}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private async retry(queue: string, jobId: string): Promise<void> {
    this.busy = jobId;
    this.error = '';
    this.notice = '';
    try {
      await api(`/api/ops/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(jobId)}/retry`, { method: 'POST' });
      this.notice = to('queues.retried', { id: jobId });
      await this.queues.reload();
    } catch (err) {
      this.error = errorLine(formErrorsOf(err));
    } finally {
      this.busy = '';
    }
  }
}

/** A job's data, short enough for a table cell. */
function preview(data: unknown): string {
  const text = JSON.stringify(data) ?? '';
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

declare global {
  interface HTMLElementTagNameMap {
    'ops-queues': OpsQueues;
  }
}
