// The door: a ticket's code typed, pasted or scanned is checked in (POST /checkin) and the answer
// shown big — green "let in" with the holder and price, or red with why not (already used and
// when, another event's, cancelled, not genuine). A ticket lets one person in, once.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError } from '../../shared/api.js';
import { LanguageController } from '../../shared/i18n.js';
import { baseStyles, buttonStyles, formStyles } from '../../shared/styles.js';
import { panelStyles } from '../admin-styles.js';
import { selectField } from '../fields.js';
import { Loader } from '../loader.js';
import { dateTime, errorText } from '../messages.js';
import { tl } from './messages.js';
import './qr-camera.js';
import type { CheckedInTicket, EventView } from './types.js';

type Verdict = { ok: true; checked: CheckedInTicket } | { ok: false; title: string; detail: string; code: string };

@customElement('door-check')
export class DoorCheck extends LitElement {
  @property() collectiveId = '';
  @state() private code = '';
  @state() private eventId = '';
  @state() private busy = false;
  @state() private verdict: Verdict | undefined;

  private readonly events = new Loader(this, {
    args: () => [this.collectiveId] as const,
    task: async ([id], signal) => (await api<{ events: EventView[] }>(`/api/collectives/${encodeURIComponent(id)}/events`, { signal })).events,
  });

  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      textarea {
        font-family: var(--pass-font-mono);
        min-height: 90px;
        font-size: 1rem;
      }
      .verdict {
        border-radius: var(--pass-radius);
        padding: var(--pass-space-5);
        text-align: center;
        color: #fff;
        margin-bottom: var(--pass-space-4);
      }
      .verdict.ok {
        background: var(--pass-success);
      }
      .verdict.bad {
        background: var(--pass-danger);
      }
      .verdict strong {
        display: block;
        font-size: clamp(1.8rem, 7vw, 2.6rem);
      }
      .verdict p {
        margin: var(--pass-space-2) 0 0;
        font-size: 1.2rem;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override render() {
    const upcoming = (this.events.value ?? []).filter((e) => e.endsAt > Date.now() - 86_400_000).sort((a, b) => a.startsAt - b.startsAt);
    return html`<section class="panel" data-testid="door-check">
      <h2>${tl('door.title')}</h2>
      <p class="muted">${tl('door.intro')}</p>
      ${this.verdict ? this.verdictView(this.verdict) : nothing}
      <form novalidate @submit=${this.submit}>
        ${selectField({
          name: 'eventId',
          label: tl('door.event'),
          value: this.eventId,
          testid: 'door-event',
          options: [{ value: '', label: tl('door.anyEvent') }, ...upcoming.map((e) => ({ value: e.id, label: `${e.title} · ${dateTime(e.startsAt)}` }))],
          onInput: (v) => (this.eventId = v),
        })}
        <div class="field">
          <label for="code">${tl('door.code')}</label>
          <textarea id="code" .value=${this.code} data-testid="door-code" autocomplete="off" spellcheck="false" @input=${(e: Event) => (this.code = (e.target as HTMLTextAreaElement).value)}></textarea>
        </div>
        <div class="actions">
          <button class="primary big" type="submit" ?disabled=${this.busy || !this.code.trim()} data-testid="door-submit">${this.busy ? tl('door.checking') : tl('door.check')}</button>
        </div>
      </form>
      <qr-camera @code=${(e: CustomEvent<string>) => this.scanned(e.detail)}></qr-camera>
    </section>`;
  }

  private verdictView(v: Verdict) {
    if (v.ok) {
      const { ticket, event } = v.checked;
      return html`<div class="verdict ok" role="status" data-testid="door-verdict" data-ok="true">
        <strong>✓ ${tl('door.ok')}</strong>
        <p>${ticket.holder} · ${ticket.priceName}</p>
        <p>${event.title} · ${dateTime(event.startsAt)}</p>
      </div>`;
    }
    return html`<div class="verdict bad" role="alert" data-testid="door-verdict" data-ok="false" data-code=${v.code}>
      <strong>✗ ${v.title}</strong>
      ${v.detail ? html`<p>${v.detail}</p>` : nothing}
    </div>`;
  }

  private scanned(code: string): void {
    this.code = code;
    void this.check();
  }

  private readonly submit = (e: Event) => {
    e.preventDefault();
    void this.check();
  };

  private async check(): Promise<void> {
    const code = this.code.trim();
    if (!code || this.busy) return;
    this.busy = true;
    try {
      const checked = await api<CheckedInTicket>(`/api/collectives/${encodeURIComponent(this.collectiveId)}/checkin`, { body: { code, ...(this.eventId ? { eventId: this.eventId } : {}) } });
      this.verdict = { ok: true, checked };
      this.code = '';
    } catch (err) {
      this.verdict = refusal(err);
    } finally {
      this.busy = false;
    }
  }
}

function refusal(err: unknown): Verdict {
  if (!(err instanceof ApiError)) return { ok: false, title: errorText('NETWORK'), detail: '', code: 'NETWORK' };
  const d = err.details as { reason?: string; usedAt?: number; holder?: string };
  if (err.code === 'ALREADY_USED') return { ok: false, code: err.code, title: tl('door.already'), detail: [d.holder, d.usedAt ? tl('door.alreadyAt', { at: dateTime(d.usedAt) }) : ''].filter(Boolean).join(' · ') };
  if (err.code === 'NOT_FOUND') return { ok: false, code: err.code, title: tl('door.unknown'), detail: '' };
  if (d.reason === 'WRONG_EVENT') return { ok: false, code: d.reason, title: tl('door.wrongEvent'), detail: '' };
  if (d.reason === 'TICKET_CANCELLED') return { ok: false, code: d.reason, title: tl('door.cancelled'), detail: '' };
  if (d.reason === 'TICKET_INVALID' || err.code === 'INVALID_INPUT') return { ok: false, code: 'TICKET_INVALID', title: tl('door.invalid'), detail: '' };
  return { ok: false, code: err.code, title: errorText(err.code, err.message), detail: '' };
}

declare global {
  interface HTMLElementTagNameMap {
    'door-check': DoorCheck;
  }
}
