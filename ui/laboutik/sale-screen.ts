// Ringing up a sale: products → cart → payment (split allowed) → outcome. The screen shown is
// decided by `step` alone; the sale is sent through the outbox with a txId generated here,
// before sending, so a retry can never charge twice.
// Properties down: catalog, commands, tap/nfcStatus. Everything else is local state.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../shared/i18n.js';
import { baseStyles, buttonStyles } from '../shared/styles.js';
import { addProduct, cartTotal, changeQty, itemCount, removeLine, repriceCart, saleLines, type Cart } from './cart.js';
import './cart-panel.js';
import type { PayEvent, PayMethod } from './cart-panel.js';
import type { CardEvent } from './card-tap.js';
import { isCents } from '../shared/money.js';
import { money } from './format.js';
import { AwaitedCommand } from './awaited-command.js';
import { MoneyCommands, newTxId, type Outcome } from './money-commands.js';
import { t } from './messages.js';
import type { CardTap, NfcStatus } from './nfc-controller.js';
import type { OfflineDesk } from './offline/offline-desk.js';
import type { JournalEntry } from './offline/journal.js';
import { OutboxFullError } from './outbox.js';
import './payment-panel.js';
import type { TenderEvent } from './payment-panel.js';
import { payRestWithPass, payRestWithTwoCards, remainingDue, secondCardFor, startPlan, tenderCard, tenderCash, type PaymentPlan } from './payment-plan.js';
import './product-grid.js';
import type { AddProductEvent } from './product-grid.js';
import type { Ack, Catalog, SaleAnswer, SalePayment } from './protocol.js';
import './tx-result.js';
import type { Fact, TxView } from './tx-view.js';

type Step = 'cart' | 'paying' | 'result';

/** What the outbox keeps beside a sale command to show it later (never sent). */
export interface SaleContext extends Record<string, unknown> {
  total: number;
  change: number;
  lines: Array<{ name: string; qty: number }>;
  methods: string[];
  payments: SalePayment[];
}

@customElement('lb-sale-screen')
export class SaleScreen extends LitElement {
  @property({ attribute: false }) catalog: Catalog | undefined;
  @property({ attribute: false }) commands!: MoneyCommands;
  /** Decides alone when the server does not answer (absent: the sale waits in the outbox). */
  @property({ attribute: false }) desk: OfflineDesk | undefined;
  @property({ attribute: false }) tap: CardTap | undefined;
  @property() nfcStatus: NfcStatus = 'unavailable';
  @state() private cart: Cart = [];
  @state() private step: Step = 'cart';
  @state() private method: PayMethod = 'cash';
  @state() private plan: PaymentPlan = startPlan(0);
  @state() private view: TxView = { status: 'sending' };
  /** Phones: the cart is a sheet over the products. */
  @state() private cartOpen = false;
  /** A Pass sale refused for lack of funds: the card that paid part, and what it lacked (a second card pays the rest). */
  @state() private firstCard: { uid: string; missing: number } | undefined;
  private readonly awaited = new AwaitedCommand(
    this,
    () => this.commands,
    (entry, ack) => this.show(entry.txId, { state: 'done', ack: ack as Ack<SaleAnswer> }, entry.context as SaleContext),
  );

  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
      }
      .layout {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
        gap: var(--pass-space-3);
      }
      .layout > * {
        min-height: 0;
      }
      lb-product-grid {
        flex: 1;
      }
      .main {
        flex: 1;
        overflow-y: auto;
      }
      .cart-bar {
        display: flex;
        flex: none;
      }
      .cart-bar button {
        flex: 1;
        justify-content: space-between;
      }
      .aside {
        display: none;
        flex-direction: column;
        flex: 1;
      }
      .aside lb-cart-panel {
        flex: 1;
      }
      .cart-open .aside {
        display: flex;
      }
      .cart-open lb-product-grid,
      .cart-open .cart-bar {
        display: none;
      }
      .back-to-products {
        margin-bottom: var(--pass-space-2);
      }
      @media (min-width: 760px) {
        .layout {
          display: grid;
          grid-template-columns: minmax(0, 1fr) minmax(300px, 380px);
          grid-template-rows: minmax(0, 1fr);
        }
        .aside,
        .cart-open lb-product-grid {
          display: flex;
        }
        .cart-bar,
        .back-to-products {
          display: none;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LanguageController(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // New prices and withdrawn products apply to a cart being built, not to a sale being paid.
    if (changed.has('catalog') && this.catalog && this.step === 'cart') this.cart = repriceCart(this.cart, this.catalog.products);
  }

  override render() {
    if (this.step === 'result') {
      return html`<div class="main">
        <lb-tx-result
          .view=${this.view}
          doneLabel=${t('sale.next')}
          @result-done=${this.newSale}
          @result-back=${() => (this.step = 'paying')}
          @result-retry=${this.retry}
          @result-continue=${this.newSale}
        ></lb-tx-result>
      </div>`;
    }
    const paying = this.step === 'paying';
    return html`<div class="layout ${this.cartOpen && !paying ? 'cart-open' : ''}">
      ${paying
        ? html`<div class="main">
            <lb-payment-panel
              .plan=${this.plan}
              method=${this.method}
              .tap=${this.tap}
              nfcStatus=${this.nfcStatus}
              .secondCardMissing=${this.firstCard?.missing}
              @method-change=${(e: PayEvent) => (this.method = e.detail.method)}
              @tender=${this.onTender}
              @card=${this.onPassCard}
              @cancel-payment=${this.cancelPayment}
            ></lb-payment-panel>
          </div>`
        : html`<lb-product-grid
              .products=${this.catalog?.products ?? []}
              .categories=${this.catalog?.categories ?? []}
              .counts=${new Map(this.cart.map((l) => [l.productId, l.qty]))}
              @add-product=${(e: AddProductEvent) => (this.cart = addProduct(this.cart, e.detail.product))}
            ></lb-product-grid>
            <div class="cart-bar">
              <button class="big primary" data-testid="cart-open" ?disabled=${this.cart.length === 0} @click=${() => (this.cartOpen = true)}>
                <span>${t('cart.see', { count: itemCount(this.cart) })}</span><span class="money">${money(cartTotal(this.cart))}</span>
              </button>
            </div>`}
      <div class="aside">
        ${this.cartOpen && !paying
          ? html`<button class="back-to-products block" data-testid="cart-close" @click=${() => (this.cartOpen = false)}>← ${t('cart.backToProducts')}</button>`
          : nothing}
        <lb-cart-panel
          .cart=${this.cart}
          ?review=${paying}
          @change-qty=${(e: CustomEvent<{ productId: string; delta: number }>) => (this.cart = changeQty(this.cart, e.detail.productId, e.detail.delta))}
          @remove-line=${(e: CustomEvent<{ productId: string }>) => (this.cart = removeLine(this.cart, e.detail.productId))}
          @clear-cart=${() => (this.cart = [])}
          @pay=${(e: PayEvent) => this.startPayment(e.detail.method)}
        ></lb-cart-panel>
      </div>
    </div>`;
  }

  private startPayment(method: PayMethod): void {
    if (this.cart.length === 0) return;
    this.plan = startPlan(cartTotal(this.cart));
    this.method = method;
    this.step = 'paying';
  }

  private onTender = (e: TenderEvent): void => {
    const { method, amount } = e.detail;
    const result = method === 'cash' ? tenderCash(this.plan, amount) : tenderCard(this.plan, amount);
    if (result.kind === 'partial') this.plan = result.plan;
    else void this.submit(result.payments, result.change);
  };

  private onPassCard = (e: CardEvent): void => {
    if (this.step !== 'paying' || this.method !== 'pass' || remainingDue(this.plan) <= 0) return;
    const first = this.firstCard;
    const plan = first && first.uid !== e.detail.uid ? payRestWithTwoCards(this.plan, first.uid, e.detail.uid) : payRestWithPass(this.plan, e.detail.uid);
    void this.submit(plan.payments, 0);
  };

  private cancelPayment = (): void => {
    this.firstCard = undefined;
    this.plan = startPlan(cartTotal(this.cart));
    this.step = 'cart';
  };

  private async submit(payments: SalePayment[], change: number): Promise<void> {
    const txId = newTxId();
    const context: SaleContext = {
      total: cartTotal(this.cart),
      change,
      lines: this.cart.map(({ name, qty }) => ({ name, qty })),
      methods: payments.map((p) => p.method),
      payments,
    };
    this.awaited.txId = txId;
    this.view = { status: 'sending' };
    this.step = 'result';
    let outcome: Outcome<SaleAnswer>;
    try {
      const payload = { txId, lines: saleLines(this.cart), payments };
      if (this.desk) {
        const sold = await this.desk.sell(this.commands, payload, context);
        if (sold.kind === 'offline') return this.showOffline(txId, sold.entry);
        outcome = sold.kind === 'online' ? sold.outcome : { state: 'done', ack: sold.failure };
      } else {
        outcome = await this.commands.send('sale', payload, context);
      }
    } catch (err) {
      if (!(err instanceof OutboxFullError)) throw err;
      outcome = { state: 'done', ack: { ok: false, code: 'OUTBOX_FULL', message: err.message } };
    }
    this.show(txId, outcome, context);
  }

  /** Accepted by this terminal alone: said so plainly, with the change due. */
  private showOffline(txId: string, entry: JournalEntry): void {
    if (txId !== this.awaited.txId) return;
    this.awaited.txId = undefined; // its answer now comes through the journal's sync
    const facts: Fact[] = [
      { label: t('sale.offlineSeq'), value: `#${entry.seq}`, testid: 'result-offline-seq' },
      { label: t('cart.total'), value: money(entry.total), testid: 'result-total' },
    ];
    if (entry.context.methods.includes('cash')) facts.push({ label: t('pay.changeDue'), value: money(entry.context.change), testid: 'result-change', emphasis: entry.context.change > 0 });
    facts.push({ label: t('sale.offlineNote'), value: '', testid: 'result-offline-note' });
    this.view = { status: 'ok', title: t('sale.offlineDone'), facts, offline: true };
  }

  private show(txId: string, outcome: Outcome<SaleAnswer>, context: SaleContext): void {
    if (txId !== this.awaited.txId) return; // the cashier moved on: the app records it in the last sales
    if (outcome.state === 'pending') {
      this.view = { status: 'pending', txId, code: outcome.code };
      return;
    }
    const ack = outcome.ack;
    this.firstCard = ack.ok ? undefined : secondCardFor(context.payments ?? [], ack);
    if (this.firstCard) this.method = 'pass';
    this.view = ack.ok ? { status: 'ok', title: t('sale.done'), facts: saleFacts(ack, context), balances: ack.balances } : { status: 'error', failure: ack };
  }

  private retry = async (): Promise<void> => {
    const txId = this.awaited.txId;
    if (!txId) return;
    this.view = { status: 'sending' };
    if (await this.awaited.retry()) this.view = { status: 'pending', txId };
  };

  private newSale = (): void => {
    // A sale still pending stays in the outbox: it is resent and lands in the last sales.
    this.awaited.txId = undefined;
    this.firstCard = undefined;
    this.cart = [];
    this.plan = startPlan(0);
    this.cartOpen = false;
    this.step = 'cart';
  };
}

function saleFacts(ack: SaleAnswer, context: SaleContext): Fact[] {
  // The ack is the truth; what the terminal computed stands in for a field a server left out.
  const change = isCents(ack.change) ? ack.change : context.change;
  const total = isCents(ack.total) ? ack.total : context.total;
  const facts: Fact[] = [
    { label: t('sale.number'), value: Number.isSafeInteger(ack.number) ? `#${ack.number}` : '—', testid: 'result-sale-number' },
    { label: t('cart.total'), value: money(total), testid: 'result-total' },
  ];
  const payments = context.payments ?? [];
  for (const [i, card] of (ack.cards ?? []).entries()) {
    if (isCents(card.amount)) facts.push({ label: t('pay.passCard', { n: i + 1 }), value: money(card.amount), testid: `result-paid-pass-${i + 1}` });
  }
  if (payments.length > 1 && !ack.cards) {
    // Split payment: what each method covered (the Pass took what cash and card left).
    const sum = (method: string) => payments.reduce((s, p) => s + (p.method === method && 'amount' in p ? p.amount : 0), 0);
    const cash = sum('cash');
    const card = sum('card');
    if (cash) facts.push({ label: t('pay.cash'), value: money(cash), testid: 'result-paid-cash' });
    if (card) facts.push({ label: t('pay.card'), value: money(card), testid: 'result-paid-card' });
    if (context.methods.includes('pass')) facts.push({ label: t('pay.pass'), value: money(total - card - (cash - change)), testid: 'result-paid-pass' });
  }
  if (context.methods.includes('cash')) facts.push({ label: t('pay.changeDue'), value: money(change), testid: 'result-change', emphasis: change > 0 });
  return facts;
}

declare global {
  interface HTMLElementTagNameMap {
    'lb-sale-screen': SaleScreen;
  }
}
