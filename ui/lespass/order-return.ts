// The banner of a purchase the visitor comes back from (account page, ?reservation= / ?basket=
// / ?topup=): it asks the order's state (returns.ts) every second until it is settled, says
// it, and shows a guest the tickets they just bought (a signed-in buyer finds them in the
// account's list). Fires `order-paid` once paid, so the account reloads what it now holds.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../shared/api.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, formStyles } from '../shared/styles.js';
import type { Order } from './api-types.js';
import { siteStyles } from './lespass-styles.js';
import { t } from './messages.js';
import { orderTokenOf, returnPolling, returnState } from './returns.js';
import type { Route } from './route.js';
import { siteApi } from './site-api.js';
import './ticket-card.js';

const paidText = { reservation: 'return.paidBooking', basket: 'return.paidBasket', topup: 'return.paidTopup' } as const;

@customElement('order-return')
export class OrderReturn extends LitElement {
  @property() slug = '';
  @property() timezone = 'Europe/Paris';
  @property({ attribute: false }) from: Route['returnFrom'];
  /** Show the order's tickets (a guest has no other list of them). */
  @property({ type: Boolean, attribute: 'show-tickets' }) showTickets = false;
  @state() private order: Order | 'unknown' | null = null;
  @state() private polls = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped on every new purchase shown: a late answer about the previous one is dropped. */
  private generation = 0;

  static override styles = [
    baseStyles,
    formStyles,
    siteStyles,
    css`
      .alert.ok {
        background: var(--pass-success-bg);
        border-color: var(--pass-success);
      }
      .alert.ok strong {
        color: var(--pass-success);
      }
      .alert p {
        margin: var(--pass-space-1) 0 0;
      }
      .tickets {
        display: grid;
        gap: var(--pass-space-3);
        margin-top: var(--pass-space-3);
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('from')) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
    this.order = null;
    this.polls = 0;
    if (this.from && !this.from.cancelled) void this.ask(this.generation);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.generation++; // an answer still on its way is dropped
  }

  override render() {
    const from = this.from;
    if (!from) return nothing;
    const state = returnState(from, this.order);
    const banner = (kind: string, content: unknown) => html`<div class="alert ${kind}" role="status" data-testid="return" data-state=${state}>${content}</div>`;
    switch (state) {
      case 'cancelled':
        return banner('warning', t('return.cancelled'));
      case 'failed':
        return banner('warning', t('return.failed'));
      case 'unknown':
        return nothing;
      case 'pending':
        return banner('info', t(this.polls < returnPolling.attempts ? 'return.pending' : 'return.slow'));
      case 'paid': {
        const tickets = this.showTickets && this.order !== 'unknown' ? (this.order?.tickets ?? []) : [];
        return banner(
          'ok',
          html`<strong>${t('return.paidTitle')}</strong>
            <p>${t(paidText[from.kind])}</p>
            ${tickets.length ? html`<div class="tickets">${tickets.map((tk) => html`<ticket-card .ticket=${tk} timezone=${this.timezone}></ticket-card>`)}</div>` : nothing}`,
        );
      }
    }
  }

  private async ask(generation: number): Promise<void> {
    const from = this.from;
    if (!from) return;
    let answer: Order | 'unknown' | null;
    try {
      answer = await siteApi.order(this.slug, from.id, orderTokenOf(from.id));
    } catch (err) {
      // Refused: not this visitor's to see. Anything else (network, server busy): ask again.
      answer = err instanceof ApiError && err.status >= 400 && err.status < 500 ? 'unknown' : this.order;
    }
    if (generation !== this.generation) return; // another purchase is shown now
    this.order = answer;
    const state = returnState(from, answer);
    if (state === 'paid') this.dispatchEvent(new CustomEvent('order-paid', { bubbles: true, composed: true }));
    if (state !== 'pending') return;
    this.polls++;
    if (this.polls < returnPolling.attempts) this.timer = setTimeout(() => void this.ask(generation), returnPolling.everyMs);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'order-return': OrderReturn;
  }
}
