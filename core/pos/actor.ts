// PosActor: the single writer of one point of sale: its sale numbers, register sessions and
// Z tickets. The story of a register: activate (catalog, open session, counters, recover sales
// whose payment was written but whose record was not), then sales, refunds, closes.
// Invariants: sale numbers are consecutive per POS (unique (posId, number)); a sale is
// recorded once per txId; money moves only through ledger rows (the Pass wallet's chain for
// Pass payments, this POS's chain otherwise); a Z ticket is chained to the previous one.
// Offline sales (a terminal's journal, synced) are recorded when they arrive, in the session
// open then: a Z already written is never changed, a late offline sale counts in the next one.
import { Mailbox } from '../actors/mailbox.js';
import { Later, type Actor, type ActorContext, type ActorKind } from '../actors/port.js';
import { accounts } from '../money/accounts.js';
import { fiatAsset, isMoney, localAsset } from '../money/assets.js';
import { Chain } from '../money/chain.js';
import { requestHash, type Leg } from '../money/ledger-row.js';
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import { splitPayments } from './pricing.js';
import { returnDeposit } from './deposit.js';
import { payWithTwoCards, recoveredTwoCards, refundTwoCards, type FirstCardMeta } from './second-card.js';
import type { PosMessage, SaleAck } from './messages.js';
import type { PosDeps } from './deps.js';
import type { Sale, SaleRefund } from './records.js';
import { cashRemovalHash, cashRemovalRow, type CashRemovalInput } from './cash-removal.js';
import { RegisterBook } from './register.js';
import { offlinePolicyOf, type OfflinePolicy } from './offline-policy.js';
import { earnOnSale, priceSale, takeBackOnRefund } from './loyalty.js';
import { loyaltyTxId } from '../loyalty/tx-ids.js';
import type { Catalog, CatalogProduct, SaleInput } from './types.js';

export const posActorKind = 'pos';

export function posActor(deps: PosDeps): ActorKind<PosMessage, unknown> {
  return { kind: posActorKind, create: (ctx) => new PosActor(ctx, deps) };
}

const recentSalesLimit = 2_000;
/** Sales an activation reads back, so a terminal resending after the actor moved gets a replay. */
const salesReadOnActivation = 500;

class PosActor implements Actor<PosMessage, unknown> {
  private catalog!: Catalog;
  private products = new Map<string, CatalogProduct>();
  private readonly chain: Chain;
  private readonly register: RegisterBook;
  /** The txIds of the latest sales recorded here; a resent one, rare, is read back from the store. */
  private readonly recent = new Set<string>();
  private readonly inflight = new Map<string, Promise<SaleAck>>();
  private readonly chainQueue = new Mailbox(limits.mailboxLength);
  private lastNumber = 0;
  /** Numbers taken by a sale that turned out to be recorded already: the next sales use them. */
  private readonly returnedNumbers: number[] = [];

  constructor(
    private readonly ctx: ActorContext,
    private readonly deps: PosDeps,
  ) {
    this.chain = new Chain(accounts.posChain(ctx.id), deps.ledger);
    this.register = new RegisterBook(ctx.id, deps);
  }

  async activate(): Promise<void> {
    await this.loadCatalog();
    await this.register.load(this.catalog.pos.collectiveId);
    this.lastNumber = await this.register.lastSaleNumber();
    // A resend of a sale the previous activation recorded must replay it, not take a new number
    // that the duplicate record then wastes (a gap in the sale numbers, found by `npm run chaos`).
    const latest = await this.deps.sales.find({ posId: this.ctx.id }, { sort: { number: -1 }, limit: salesReadOnActivation });
    for (const sale of latest.reverse()) this.remember(sale);
    await this.recoverUnrecordedSales();
  }

  async passivate(): Promise<void> {
    await this.chain.saveSnapshot();
  }

  async receive(msg: PosMessage): Promise<unknown> {
    switch (msg.type) {
      case 'catalog':
        return this.catalog;
      case 'catalog-changed':
        await this.loadCatalog();
        return { version: this.catalog.pos.version };
      case 'sale':
        return this.startSale(msg);
      case 'refund':
        await this.settleInflight(msg.saleId);
        return this.refund(msg);
      case 'deposit-return':
        await this.register.sessionForSale(msg.by, this.openOnFirstSale); // euros may leave the drawer: the shift's close counts them
        return returnDeposit({ pass: this.deps.pass, products: this.products, collectiveId: this.pos().collectiveId, posId: this.ctx.id, onChain: (row) => this.onChain(() => this.chain.execute(row.txId, row.requestHash, () => row)) }, msg);
      case 'open':
        return { session: await this.register.open({ float: msg.float, by: msg.by, byName: msg.byName }) };
      case 'ensure-open':
        return { session: await this.register.sessionForSale(msg.by, this.openOnFirstSale) };
      case 'close':
        await Promise.allSettled(this.inflight.values()); // the Z must see every sale already accepted
        await this.recoverUnrecordedSales();
        return this.register.close(msg);
      case 'remove-cash':
        return this.removeCash(msg);
      case 'status':
        return this.status();
    }
  }

  /**
   * Checks, prices and opens the session inside the mailbox, then lets the payment and the record
   * run while the register takes its next sale (pipelining: a busy bar is not one sale per store
   * round trip). The same txId in flight twice shares one outcome.
   */
  private async startSale(msg: SaleInput): Promise<Later<SaleAck>> {
    const known = this.recent.has(msg.txId) ? await this.deps.sales.findOne({ _id: msg.txId }) : null;
    if (known) return new Later(this.replayAck(known));
    const running = this.inflight.get(msg.txId);
    if (running) return new Later(running);
    const finish = await this.prepareSale(msg);
    const outcome = finish().finally(() => this.inflight.delete(msg.txId));
    this.inflight.set(msg.txId, outcome);
    return new Later(outcome);
  }

  private async settleInflight(txId: string): Promise<void> {
    await this.inflight.get(txId)?.catch(() => undefined);
  }

  private async prepareSale(msg: SaleInput): Promise<() => Promise<SaleAck>> {
    if (!this.pos().active) throw new AppError('FORBIDDEN', 'this point of sale is disabled');
    const posId = this.ctx.id;
    const collectiveId = this.pos().collectiveId;
    const program = await this.deps.loyalty.programOf(collectiveId);
    const { lines, total, reward } = priceSale(msg, this.products, program);
    const split = splitPayments(total, msg.payments);
    const loyaltyCard = split.cardUid ?? msg.loyaltyCardUid;
    if (reward && (!loyaltyCard || msg.offline)) throw new AppError('INVALID_INPUT', 'a reward is redeemed online, on the card that pays or is tapped', { reason: 'REWARD_NEEDS_CARD' });
    const redeem = reward ? { units: reward.cost, ...(program?.expiryDays ? { expiryDays: program.expiryDays } : {}) } : undefined;
    const euroLegs: Leg[] = [];
    if (split.cash > 0) euroLegs.push({ asset: fiatAsset, from: accounts.world, to: accounts.cashDrawer(posId), amount: split.cash });
    if (split.card > 0) euroLegs.push({ asset: fiatAsset, from: accounts.world, to: accounts.cardTerminal(posId), amount: split.card });
    const session = await this.register.sessionForSale(msg.staff ?? msg.terminalId ?? 'terminal', this.openOnFirstSale);
    const payments = { cash: split.cash, card: split.card, pass: split.pass };
    const offline = msg.offline;
    // The server re-checks the single-sale ceiling: a terminal is trusted within its policy only.
    if (offline && split.pass > this.offlinePolicy.maxSaleCents) {
      throw new AppError('OFFLINE_LIMIT', `an offline Pass sale is at most ${this.offlinePolicy.maxSaleCents} cents here`, { limit: this.offlinePolicy.maxSaleCents });
    }
    const saleMeta = { lines, total, payments, change: split.change, sessionId: session._id, staff: msg.staff, ...(offline ? { offline } : {}) };
    const draft: Omit<Sale, 'number' | 'legs'> = {
      _id: msg.txId, posId, collectiveId, sessionId: session._id, lines, total, payments, change: split.change,
      terminalId: msg.terminalId, staff: msg.staff, refunds: [], refundedTotal: 0, at: this.deps.clock.now(), ...(offline ? { offline } : {}),
    };
    const earn = (cardUid: string | undefined) => earnOnSale(this.deps.pass, program, { txId: msg.txId, cardUid, lines, paid: total, collectiveId, posId, terminalId: msg.terminalId });
    if (split.secondCardUid) return async () => {
      // Two Pass cards (core/pos/second-card.ts): the first pays what it can, the second the rest.
      const paid = await payWithTwoCards(this.deps.pass, this.deps.ledger, {
        txId: msg.txId, firstUid: split.cardUid!, secondUid: split.secondCardUid!, amount: split.pass, euroLegs, collectiveId, posId, terminalId: msg.terminalId, saleMeta,
      });
      const { first, second } = paid;
      const sale = await this.record({
        ...draft, walletId: first.walletId, cardUid: first.cardUid, spent: [...first.spent, ...second.spent], legs: paid.legs,
        second: { walletId: second.walletId, cardUid: second.cardUid, txId: second.txId, amount: second.amount },
      });
      return { ...ackOf(sale), balances: paid.balances, cards: [{ cardUid: first.cardUid, amount: first.amount }, { cardUid: second.cardUid, amount: second.amount }] };
    };
    if (split.pass > 0) return async () => {
      const paid = await this.deps.pass.pay({ txId: msg.txId, cardUid: split.cardUid!, amount: split.pass, extraLegs: euroLegs, collectiveId, posId, terminalId: msg.terminalId, meta: { sale: saleMeta }, offline: Boolean(offline), loyaltyRedeem: redeem });
      const passLegs = (paid.spent ?? []).map((s) => ({ asset: s.asset, from: paid.card.walletId, to: accounts.collective(collectiveId), amount: s.amount }));
      const debtLegs = paid.shortfall ? [{ asset: localAsset(collectiveId), from: accounts.cardDebt(paid.card.walletId), to: accounts.collective(collectiveId), amount: paid.shortfall }] : [];
      const owed = paid.shortfall ? { shortfall: paid.shortfall } : {};
      const earned = await earn(paid.card.uid);
      const sale = await this.record({ ...draft, walletId: paid.card.walletId, cardUid: paid.card.uid, spent: paid.spent, legs: [...passLegs, ...debtLegs, ...euroLegs], ...owed, ...loyaltyOf(earned) });
      return { ...ackOf(sale), balances: earned.balances ?? paid.balanceLines };
    };
    const hash = requestHash({ posId, lines: msg.lines, payments: msg.payments, ...(msg.reward ? { reward: msg.reward } : {}) });
    return async () => {
      // The reward's units first: a card that cannot pay for it refuses the sale before it is written.
      if (redeem) await this.deps.pass.redeemLoyalty({ saleTxId: msg.txId, cardUid: loyaltyCard!, ...redeem, collectiveId, posId, terminalId: msg.terminalId });
      await this.onChain(() => this.chain.execute(msg.txId, hash, () => ({
        txId: msg.txId, kind: 'sale', legs: euroLegs, collectiveId, posId, terminalId: msg.terminalId, requestHash: hash, result: {}, meta: { sale: saleMeta },
      })));
      // A cash or bank-card sale earns on the card the terminal tapped, if any.
      const earned = await earn(loyaltyCard);
      const ack = ackOf(await this.record({ ...draft, legs: euroLegs, ...loyaltyOf(earned) }));
      return earned.balances ? { ...ack, balances: earned.balances } : ack;
    };
  }

  /** This POS's own chain takes one row at a time (its seq), apart from the sales in flight. */
  private onChain<T>(write: () => Promise<T>): Promise<T> {
    return this.chainQueue.run(write);
  }

  /** A replayed txId gets the first ack, Pass balances included (as the ledger row recorded them). */
  private async replayAck(sale: Sale): Promise<SaleAck> {
    if (!sale.walletId && !sale.loyalty) return ackOf(sale);
    // The latest row of the wallet for this sale: its loyalty row when it earned, else its payment (the second card's, for two).
    const row = (sale.loyalty && (await this.deps.ledger.byTxId(loyaltyTxId('earn', sale._id)))) || (await this.deps.ledger.byTxId(sale.second?.txId ?? sale._id));
    const balances = row?.result.balances as Record<string, number> | undefined;
    return balances ? { ...ackOf(sale), balances: await this.deps.pass.describe(balances) } : ackOf(sale);
  }

  /** Gives the sale its number and stores it once; a replay finds the stored sale. */
  private async record(draft: Omit<Sale, 'number'>): Promise<Sale> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // Taken synchronously: sales finishing together get consecutive numbers, none twice.
      const sale: Sale = { ...draft, number: this.takeNumber() };
      const outcome = await this.deps.salesInserter.insert(sale);
      if (outcome === 'written') {
        this.remember(sale);
        return sale;
      }
      const stored = await this.deps.sales.findOne({ _id: draft._id });
      if (stored) {
        this.giveBack(sale.number); // a replay: its number goes to the next sale, leaving no gap
        this.remember(stored);
        return stored;
      }
      this.returnedNumbers.length = 0;
      this.lastNumber = await this.register.lastSaleNumber(); // a stale writer took the number
    }
    // Retryable on purpose: the payment may already be written; the same txId resent gets it back.
    throw new AppError('UNAVAILABLE', 'point of sale is being written elsewhere; resend the same command');
  }

  private takeNumber(): number {
    return this.returnedNumbers.shift() ?? ++this.lastNumber;
  }

  private giveBack(number: number): void {
    if (number === this.lastNumber) {
      this.lastNumber--;
      return;
    }
    this.returnedNumbers.push(number);
    this.returnedNumbers.sort((a, b) => a - b);
  }

  /** A bank deposit or other removal of cash: its own row on this POS's chain (see cash-removal.ts). */
  private async removeCash(msg: CashRemovalInput): Promise<{ amount: number; sessionId: string; replayed: boolean }> {
    const collectiveId = this.pos().collectiveId;
    const { row, replayed } = await this.onChain(() =>
      this.chain.execute(msg.txId, cashRemovalHash(this.ctx.id, msg), async () => cashRemovalRow(this.ctx.id, collectiveId, this.register.session, await this.register.cashInDrawer(), msg)),
    );
    return { amount: Number(row.result.amount), sessionId: String(row.result.sessionId), replayed };
  }

  private async status() {
    const session = this.register.session;
    return {
      session,
      state: session ? 'open' : 'closed',
      openOnFirstSale: this.openOnFirstSale,
      cashInDrawer: session ? await this.register.cashInDrawer() : null,
      carriedFloat: session ? null : await this.register.carriedFloat(),
      lastNumber: this.lastNumber,
      lastZ: this.register.lastZ?.number ?? 0,
    };
  }

  private async refund(msg: Extract<PosMessage, { type: 'refund' }>): Promise<{ refunded: number; saleId: string }> {
    const sale = await this.deps.sales.findOne({ _id: msg.saleId, posId: this.ctx.id });
    if (!sale) throw new AppError('NOT_FOUND', 'no such sale at this point of sale');
    const done = sale.refunds.find((r) => r.txId === msg.txId);
    if (done) return { refunded: done.amount, saleId: sale._id };
    // Money leaves the drawer or the card terminal: a session must count it.
    await this.register.sessionForSale(msg.terminalId ?? 'terminal', this.openOnFirstSale);
    const amount = refundAmount(sale, msg.lines);
    const part = refundSplit(sale, amount);
    const posId = this.ctx.id;
    const euroLegs: Leg[] = [];
    if (part.card > 0) euroLegs.push({ asset: fiatAsset, from: accounts.cardTerminal(posId), to: accounts.world, amount: part.card });
    if (part.cash > 0) euroLegs.push({ asset: fiatAsset, from: accounts.cashDrawer(posId), to: accounts.world, amount: part.cash });
    const where = { collectiveId: sale.collectiveId, posId, terminalId: msg.terminalId };
    if (part.pass > 0 && sale.second) {
      await refundTwoCards(this.deps.pass, sale, { txId: msg.txId, pass: part.pass, euroLegs, ...where });
    } else if (part.pass > 0) {
      await this.deps.pass.refund({ txId: msg.txId, walletId: sale.walletId!, originalTxId: sale._id, amount: part.pass, extraLegs: euroLegs, ...where });
    } else {
      const hash = requestHash({ posId, saleId: sale._id, amount });
      await this.onChain(() => this.chain.execute(msg.txId, hash, () => ({ txId: msg.txId, kind: 'refund', legs: euroLegs, ...where, requestHash: hash, result: {}, meta: { refundOf: sale._id } })));
    }
    await takeBackOnRefund(this.deps.pass, await this.deps.loyalty.programOf(sale.collectiveId), sale, { txId: msg.txId, amount, terminalId: msg.terminalId });
    const refund: SaleRefund = { txId: msg.txId, amount, ...part, lines: msg.lines, at: this.deps.clock.now() };
    const updated = { ...sale, refunds: [...sale.refunds, refund], refundedTotal: sale.refundedTotal + amount };
    const res = await this.deps.sales.updateOne({ _id: sale._id, refundedTotal: sale.refundedTotal }, { $set: { refunds: updated.refunds, refundedTotal: updated.refundedTotal } });
    if (!res.matched) throw new AppError('UNAVAILABLE', 'sale changed meanwhile; resend the same refund'); // its money moved once: a resend replays it
    return { refunded: amount, saleId: sale._id };
  }

  /** A Pass payment written before a crash, whose sale record never was: record it now. */
  private async recoverUnrecordedSales(): Promise<void> {
    const rows = await this.deps.ledger.rows.find({ posId: this.ctx.id, at: { $gte: this.register.lastSaleAt() - 60_000 } });
    for (const row of rows) {
      const meta = row.meta?.sale as (Pick<Sale, 'lines' | 'total' | 'payments' | 'change' | 'sessionId' | 'staff' | 'offline'> & { firstCard?: FirstCardMeta }) | undefined;
      if (!meta || (row.kind !== 'payment' && row.kind !== 'sale')) continue;
      // A two-card sale is recorded from its second card's row, under the sale's own txId.
      const saleId = typeof row.meta?.saleId === 'string' ? row.meta.saleId : row.txId;
      if (this.recent.has(saleId) || (await this.deps.sales.findOne({ _id: saleId }))) continue;
      const ownSpent = row.kind === 'payment' ? row.legs.filter((l) => l.from === row.wallet && isMoney(l.asset)).map((l) => ({ asset: l.asset, amount: l.amount })) : undefined;
      const first = meta.firstCard;
      const twoCards = first && ownSpent ? recoveredTwoCards(row, first, ownSpent) : {};
      await this.record({
        _id: saleId, posId: this.ctx.id, collectiveId: row.collectiveId, sessionId: meta.sessionId, lines: meta.lines, total: meta.total,
        payments: meta.payments, change: meta.change, staff: meta.staff, terminalId: row.terminalId, walletId: row.kind === 'payment' ? row.wallet : undefined,
        spent: ownSpent, legs: row.legs, refunds: [], refundedTotal: 0, at: row.at, ...twoCards,
        ...(meta.offline ? { offline: meta.offline } : {}), ...(row.meta?.shortfall ? { shortfall: row.meta.shortfall as number } : {}),
      });
    }
  }

  private async loadCatalog(): Promise<void> {
    this.catalog = await this.deps.catalog.catalogFor(this.ctx.id);
    this.products = new Map(this.catalog.products.map((p) => [p.id, p]));
    const pos = await this.deps.catalog.getPos(this.ctx.id);
    this.active = pos.active;
    this.offlinePolicy = offlinePolicyOf(pos);
    this.openOnFirstSale = pos.openOnFirstSale !== false;
  }

  private active = true;
  private offlinePolicy: OfflinePolicy = offlinePolicyOf({});
  private openOnFirstSale = true;

  private pos(): { active: boolean; collectiveId: string } {
    return { active: this.active, collectiveId: this.catalog.pos.collectiveId };
  }

  private remember(sale: Sale): void {
    this.recent.add(sale._id);
    if (this.recent.size > recentSalesLimit) this.recent.delete(this.recent.values().next().value!);
  }
}

function loyaltyOf(earned: { loyalty?: Sale['loyalty'] }): Pick<Sale, 'loyalty'> {
  return earned.loyalty ? { loyalty: earned.loyalty } : {};
}

function ackOf(sale: Sale): SaleAck {
  const ack: SaleAck = { saleId: sale._id, number: sale.number, total: sale.total, change: sale.change, legs: sale.legs };
  if (sale.offline) ack.offline = true;
  if (sale.shortfall) ack.shortfall = sale.shortfall;
  return ack;
}

/** Full refund of what is left, or of the given lines (never more than sold minus refunded). */
function refundAmount(sale: Sale, lines?: Array<{ productId: string; qty: number }>): number {
  const left = sale.total - sale.refundedTotal;
  if (!lines) {
    if (left <= 0) throw new AppError('INVALID_AMOUNT', 'this sale is already fully refunded');
    return left;
  }
  let amount = 0;
  for (const line of lines) {
    const sold = sale.lines.filter((l) => l.productId === line.productId);
    const soldQty = sold.reduce((s, l) => s + l.qty, 0);
    const refundedQty = sale.refunds.flatMap((r) => r.lines ?? []).filter((l) => l.productId === line.productId).reduce((s, l) => s + l.qty, 0);
    if (sold.some((l) => l.reward)) throw new AppError('INVALID_INPUT', 'a reward line is not refunded on its own', { reason: 'REWARD_LINE' });
    if (!sold.length || !Number.isSafeInteger(line.qty) || line.qty < 1 || line.qty > soldQty - refundedQty) {
      throw new AppError('INVALID_INPUT', `cannot refund ${line.qty} of ${line.productId}`);
    }
    amount += sold[0].unitPrice * line.qty;
  }
  if (amount > left || amount > limits.maxAmountCents) throw new AppError('INVALID_AMOUNT', 'refund is above what is left of the sale');
  return amount;
}

/** Pays a refund back the way the sale was paid: Pass first, then bank card, then cash. */
function refundSplit(sale: Sale, amount: number): { pass: number; card: number; cash: number } {
  const back = (k: 'pass' | 'card' | 'cash') => sale.payments[k] - sale.refunds.reduce((s, r) => s + r[k], 0);
  let left = amount;
  const take = (k: 'pass' | 'card' | 'cash') => {
    const t = Math.min(back(k), left);
    left -= t;
    return t;
  };
  const pass = take('pass');
  const card = take('card');
  const cash = take('cash');
  return { pass, card, cash };
}

