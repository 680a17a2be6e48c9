// One ticket as its holder shows it at the door: the event, the date, the price, and the QR of
// its signed code (drawn in the browser by the `qrcode` package; the code text stays readable
// below it for a door that types it in).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import QRCode from 'qrcode';
import { getLang, LanguageController } from '../shared/i18n.js';
import { formatMoney } from '../shared/money.js';
import { baseStyles } from '../shared/styles.js';
import type { Ticket } from './api-types.js';
import { formatShort } from './dates.js';
import { siteStyles } from './lespass-styles.js';
import { t } from './messages.js';

@customElement('ticket-card')
export class TicketCard extends LitElement {
  @property({ attribute: false }) ticket!: Ticket;
  @property() timezone = 'Europe/Paris';
  @state() private qr = '';
  private drawnFor = '';

  static override styles = [
    baseStyles,
    siteStyles,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      /* Narrow (a phone at the door): the QR big and centred under the event. */
      .ticket {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: var(--pass-space-3);
        align-items: start;
        border-left: 8px solid var(--brand-secondary);
      }
      .qr-box {
        justify-self: center;
      }
      @container (min-width: 460px) {
        .ticket {
          grid-template-columns: minmax(0, 1fr) auto;
        }
        .qr-box {
          justify-self: end;
        }
        .qr {
          width: 150px;
          height: 150px;
        }
      }
      .ticket.used,
      .ticket.cancelled {
        border-left-color: var(--pass-border);
      }
      .ticket.used .qr,
      .ticket.cancelled .qr {
        opacity: 0.35;
      }
      h3 {
        margin-bottom: var(--pass-space-1);
      }
      .short-code {
        font-family: var(--pass-font-mono);
        letter-spacing: 0.08em;
        font-size: 1.1rem;
      }
      .meta {
        color: var(--pass-muted);
        margin: 0 0 var(--pass-space-2);
      }
      .qr {
        display: block;
        width: 220px;
        height: 220px;
        max-width: 100%;
        background: #fff;
        border-radius: 4px;
      }
      details {
        grid-column: 1 / -1;
        font-size: 0.9rem;
      }
      summary {
        cursor: pointer;
        min-height: 32px;
        color: var(--pass-muted);
      }
      code {
        font-family: var(--pass-font-mono);
        word-break: break-all;
        font-size: 0.8rem;
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(): void {
    if (this.ticket && this.ticket.code !== this.drawnFor) void this.draw(this.ticket.code);
  }

  override render() {
    const tk = this.ticket;
    const when = tk.startsAt ? formatShort(tk.startsAt, this.timezone, getLang()) : '';
    const badge = { valid: ['ok', 'account.ticketValid'], used: ['', 'account.ticketUsed'], cancelled: ['bad', 'account.ticketCancelled'] } as const;
    const [tone, label] = badge[tk.state] ?? badge.valid;
    return html`<article class="card ticket ${tk.state}" data-testid="ticket" data-ticket-id=${tk.id} data-state=${tk.state} data-code=${tk.code}>
      <div>
        <h3>${tk.eventTitle ?? '—'}</h3>
        <p class="meta">${[when, tk.place].filter(Boolean).join(' · ')}</p>
        <p class="meta">${tk.holder} · ${tk.priceName} · ${tk.amount > 0 ? formatMoney(tk.amount, getLang()) : t('price.free')}</p>
        <span class="badge ${tone}">${t(label)}</span>
        ${tk.shortCode ? html`<p class="meta">${t('account.shortCode')} <strong class="short-code" data-testid="ticket-short-code">${tk.shortCode.slice(0, 5)}-${tk.shortCode.slice(5)}</strong></p>` : nothing}
      </div>
      <div class="qr-box">
        ${this.qr ? html`<img class="qr" src=${this.qr} alt=${t('account.ticketCode')} data-testid="ticket-qr" />` : html`<div class="qr" aria-hidden="true"></div>`}
      </div>
      <details>
        <summary>${t('account.showCode')}</summary>
        <code data-testid="ticket-code">${tk.code}</code>
      </details>
    </article>`;
  }

  private async draw(code: string): Promise<void> {
    this.drawnFor = code;
    try {
      const svg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      if (this.drawnFor === code) this.qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    } catch {
      if (this.drawnFor === code) this.qr = ''; // the code text below still lets the door check it
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ticket-card': TicketCard;
  }
}
