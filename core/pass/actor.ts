// PassActor: the single writer of one wallet (a card's, or a registered holder's).
// The story of a wallet: activate (snapshot + rows after it, and the state of its cards),
// then one command at a time: check in memory, append the row, answer once it is durable.
// Invariants: a balance never goes below zero; a txId moves money once; a blocked card
// never pays online; a row touches no other wallet (transfers go through a transit account).
// Offline sales (accepted by a terminal under its POS's offline policy, synced later) are facts:
// the card pays what it holds and the rest becomes its debt (money/debts.ts), which its next
// top-ups repay first; debts are kept in the rows' meta and projected to the blocklist.
import type { Actor, ActorContext, ActorKind } from '../actors/port.js';
import { accounts } from '../money/accounts.js';
import { fiatAsset, giftAsset, globalAsset, isHeldByPass, isMoney, localAsset } from '../money/assets.js';
import { Chain } from '../money/chain.js';
import type { Ledger } from '../money/ledger.js';
import { netFor, requestHash, type Leg, type LedgerRow, type RowDraft } from '../money/ledger-row.js';
import { repaymentLegs, shortfallLeg, totalDebt, type Debts } from '../money/debts.js';
import { planSpending, spendingOrder } from '../money/spending.js';
import { loyaltyLegs } from '../loyalty/legs.js';
import { AppError } from '../shared/errors.js';
import type { Blocklist } from './blocklist.js';
import type { Cards, CardState } from './cards.js';
import type { PassMessage, WalletResult } from './messages.js';

export const passActorKind = 'pass';

export interface PassActorDeps {
  ledger: Ledger;
  cards: Cards;
  /** Where debts are projected for terminals (absent in tests that need no offline use). */
  blocklist?: Blocklist;
}

export function passActor(deps: PassActorDeps): ActorKind<PassMessage, unknown> {
  return { kind: passActorKind, create: (ctx) => new PassActor(ctx, deps) };
}

type Command = Exclude<PassMessage, { type: 'balance' } | { type: 'block' } | { type: 'cards-changed' }>;

class PassActor implements Actor<PassMessage, unknown> {
  private readonly chain: Chain;
  private cardStates = new Map<string, CardState>();
  private cardUids = new Map<string, string>();
  /** What this wallet owes, per collective, as of chain seq `debtsSeq`. */
  private debts: Debts = {};
  private debtsSeq = -1;

  constructor(
    private readonly ctx: ActorContext,
    private readonly deps: PassActorDeps,
  ) {
    this.chain = new Chain(ctx.id, deps.ledger);
  }

  async activate(): Promise<void> {
    await this.chain.load();
    await this.loadCards();
    await this.loadDebts();
  }

  async passivate(): Promise<void> {
    await this.chain.saveSnapshot();
  }

  async receive(msg: PassMessage): Promise<unknown> {
    switch (msg.type) {
      case 'balance':
        return { balances: this.balances(), ...(msg.cardId ? { cardState: this.cardStates.get(msg.cardId) } : {}) };
      case 'block':
        return this.block(msg.cardId);
      case 'cards-changed':
        await this.loadCards();
        return { cards: this.cardStates.size };
      default:
        return this.command(msg);
    }
  }

  private async command(msg: Command): Promise<WalletResult> {
    const hash = commandHash(msg);
    const committed = await this.chain.execute(msg.txId, hash, () => this.draft(msg, hash), { isFinalRefusal: (err) => isFinalRefusal(msg, err) });
    if (!committed.replayed && msg.type === 'transfer-out' && msg.moveCard) await this.loadCards();
    if (!committed.replayed) await this.afterCommit(committed.row);
    return committed.row.result as WalletResult;
  }

  private async draft(msg: Command, hash: string): Promise<RowDraft> {
    // An offline sale already happened: a card blocked since then still owes it (it is not refused).
    if ('cardId' in msg && msg.cardId) this.checkCard(msg.cardId, msg.type === 'pay' && msg.offline === true);
    if (this.debtsSeq !== this.chain.seq) await this.loadDebts(); // the chain reloaded: so do its debts
    const base = { txId: msg.txId, collectiveId: msg.collectiveId, cardId: 'cardId' in msg ? msg.cardId : undefined };
    const located = 'posId' in msg ? { posId: msg.posId, terminalId: msg.terminalId } : {};
    const { kind, legs, meta, extra } = await this.legsFor(msg);
    return {
      ...base,
      ...located,
      kind,
      legs,
      meta,
      requestHash: hash,
      result: { ...extra, balances: this.balancesAfter(legs) },
    };
  }

  private async legsFor(msg: Command): Promise<{ kind: RowDraft['kind']; legs: Leg[]; meta?: Record<string, unknown>; extra?: Record<string, unknown> }> {
    const wallet = this.ctx.id;
    switch (msg.type) {
      case 'topup': {
        const legs: Leg[] = [
          { asset: fiatAsset, from: accounts.world, to: receivingAccount(msg.method, msg.posId), amount: msg.amount },
          { asset: msg.asset, from: accounts.issuance(msg.asset), to: wallet, amount: msg.amount },
        ];
        if (totalDebt(this.debts) === 0) return { kind: 'topup', legs, meta: { method: msg.method } };
        // A card in debt repays it first out of what is topped up.
        const repay = repaymentLegs(wallet, msg.asset, msg.amount, msg.collectiveId, this.debts);
        if (repay.repaid === 0) return { kind: 'topup', legs, meta: { method: msg.method } };
        return { kind: 'topup', legs: [...legs, ...repay.legs], meta: { method: msg.method, debts: repay.debts, repaid: repay.repaid }, extra: { repaid: repay.repaid } };
      }
      case 'gift': {
        const asset = giftAsset(msg.collectiveId);
        return { kind: 'gift', legs: [{ asset, from: accounts.issuance(asset), to: wallet, amount: msg.amount }] };
      }
      case 'pay':
        return this.payLegs(msg);
      case 'refund':
        return this.refundLegs(msg);
      case 'cashout':
        return this.cashoutLegs(msg);
      case 'payback-transfer':
        // The euros behind global money sit with Stripe; a transfer pays them out from there.
        return {
          kind: 'cashout',
          legs: [
            { asset: globalAsset, from: wallet, to: accounts.issuance(globalAsset), amount: msg.amount },
            { asset: fiatAsset, from: accounts.stripe, to: accounts.world, amount: msg.amount },
          ],
          meta: { method: 'bank-transfer', paybackId: msg.paybackId },
        };
      case 'deposit-return': {
        // The collective gives the deposit back as its own currency, as it gives back a refunded sale.
        const asset = localAsset(msg.collectiveId);
        return { kind: 'deposit-return', legs: [{ asset, from: accounts.collective(msg.collectiveId), to: wallet, amount: msg.amount }], meta: { deposit: msg.deposit } };
      }
      case 'reverse-topup':
        return this.reverseTopUpLegs(msg);
      case 'transfer-out':
        return this.transferOutLegs(msg);
      case 'loyalty-earn':
      case 'loyalty-take-back':
      case 'loyalty-redeem':
        return loyaltyLegs({ wallet, ledger: this.deps.ledger, balance: (asset) => this.chain.balance(asset) }, msg);
      case 'transfer-in':
        return {
          kind: 'transfer-in',
          legs: Object.entries(msg.amounts)
            .filter(([, amount]) => amount > 0)
            .map(([asset, amount]) => ({ asset, from: accounts.transit(msg.sourceTxId), to: wallet, amount })),
          meta: { sourceTxId: msg.sourceTxId },
        };
    }
  }

  private async payLegs(msg: Extract<Command, { type: 'pay' }>) {
    const paid = this.moneyPayLegs(msg);
    if (!msg.loyaltyRedeem) return paid;
    const { units, expiryDays } = msg.loyaltyRedeem;
    const view = { wallet: this.ctx.id, ledger: this.deps.ledger, balance: (asset: string) => this.chain.balance(asset) };
    const redeem = await loyaltyLegs(view, { type: 'loyalty-redeem', txId: msg.txId, cardId: msg.cardId, collectiveId: msg.collectiveId, units, saleTxId: msg.txId, expiryDays });
    return { ...paid, legs: [...paid.legs, ...redeem.legs], meta: { ...paid.meta, ...redeem.meta }, extra: { ...paid.extra, redeemed: units } };
  }

  private moneyPayLegs(msg: Extract<Command, { type: 'pay' }>) {
    const order = spendingOrder(msg.collectiveId, msg.accepted);
    let plan = planSpending(this.chain.balances, msg.amount, order);
    if (!plan.ok && msg.offline) return this.offlineShortfallLegs(msg, msg.amount - plan.missing, plan.missing);
    if (!plan.ok && msg.upTo && plan.missing < msg.amount) plan = planSpending(this.chain.balances, msg.amount - plan.missing, order);
    if (!plan.ok) {
      throw new AppError('INSUFFICIENT_FUNDS', `insufficient funds: ${plan.missing} cents missing`, { missing: plan.missing });
    }
    const legs: Leg[] = plan.parts.map((p) => ({ asset: p.asset, from: this.ctx.id, to: accounts.collective(msg.collectiveId), amount: p.amount }));
    const meta = msg.offline ? { ...msg.meta, offline: true } : msg.meta;
    return { kind: 'payment' as const, legs: [...legs, ...(msg.extraLegs ?? [])], meta, extra: { spent: plan.parts } };
  }

  /** An offline sale the card no longer covers: it pays all it holds, the rest is booked as its debt. */
  private offlineShortfallLegs(msg: Extract<Command, { type: 'pay' }>, held: number, shortfall: number) {
    const plan = held > 0 ? planSpending(this.chain.balances, held, spendingOrder(msg.collectiveId, msg.accepted)) : null;
    const parts = plan?.ok ? plan.parts : [];
    const legs: Leg[] = parts.map((p) => ({ asset: p.asset, from: this.ctx.id, to: accounts.collective(msg.collectiveId), amount: p.amount }));
    const owed = shortfallLeg(this.ctx.id, msg.collectiveId, shortfall, this.debts);
    const meta = { ...msg.meta, offline: true, shortfall, debts: owed.debts };
    return { kind: 'payment' as const, legs: [...legs, owed.leg, ...(msg.extraLegs ?? [])], meta, extra: { spent: parts, shortfall } };
  }

  private async refundLegs(msg: Extract<Command, { type: 'refund' }>) {
    const original = await this.deps.ledger.byTxId(msg.originalTxId);
    if (!original || original.wallet !== this.ctx.id || original.kind !== 'payment') {
      throw new AppError('NOT_FOUND', 'no payment of this wallet with that txId');
    }
    // What is still refundable, per asset: paid minus what earlier refunds gave back.
    const already = await this.refundedSoFar(msg.originalTxId);
    const open = paidParts(original, this.ctx.id).map((part) => {
      const back = Math.min(part.amount, already.get(part.asset) ?? 0);
      already.set(part.asset, (already.get(part.asset) ?? 0) - back);
      return { ...part, amount: part.amount - back };
    });
    const refundable = open.reduce((s, p) => s + p.amount, 0);
    const amount = msg.amount ?? refundable;
    if (amount <= 0 || amount > refundable) {
      throw new AppError('INVALID_AMOUNT', `refundable amount is ${refundable} cents`, { refundable });
    }
    // Give back what was spent last first (global before local before gift): the reverse plan.
    let left = amount;
    const legs: Leg[] = [];
    for (const part of [...open].reverse()) {
      const take = Math.min(part.amount, left);
      if (take > 0) legs.push({ asset: part.asset, from: part.from, to: this.ctx.id, amount: take });
      left -= take;
    }
    return { kind: 'refund' as const, legs: [...legs, ...(msg.extraLegs ?? [])], meta: { ...msg.meta, refundOf: msg.originalTxId }, extra: { refunded: amount } };
  }

  private cashoutLegs(msg: Extract<Command, { type: 'cashout' }>) {
    const assets = [globalAsset, localAsset(msg.collectiveId)];
    const legs: Leg[] = assets
      .filter((asset) => this.chain.balance(asset) > 0)
      .map((asset) => ({ asset, from: this.ctx.id, to: accounts.issuance(asset), amount: this.chain.balance(asset) }));
    const total = legs.reduce((s, l) => s + l.amount, 0);
    if (total === 0) throw new AppError('INVALID_AMOUNT', 'nothing to refund on this card');
    legs.push({ asset: fiatAsset, from: receivingAccount(msg.method, msg.posId), to: accounts.world, amount: total });
    return { kind: 'cashout' as const, legs, meta: { method: msg.method }, extra: { refunded: total } };
  }

  /**
   * A refunded online top-up: the refunded part of the credit goes back to issuance and the euros
   * leave Stripe for the world. Never more than was credited, never twice (earlier reversals are
   * counted from the ledger), never below zero: what the balance no longer covers is reported as
   * a shortfall and nothing is invented to cover it. Recorded as a cash-out paid by Stripe.
   */
  private async reverseTopUpLegs(msg: Extract<Command, { type: 'reverse-topup' }>) {
    const original = await this.deps.ledger.byTxId(msg.originalTxId);
    const credit = original?.kind === 'topup' ? original.legs.find((l) => l.from === accounts.issuance(l.asset) && l.to === original.wallet) : undefined;
    const paid = original?.legs.find((l) => l.asset === fiatAsset && l.from === accounts.world);
    if (!original || !credit || paid?.to !== accounts.stripe) throw new AppError('NOT_FOUND', 'no online top-up with that txId');
    // Reversals happen in the wallet holding the money now: the original one, or this one if the card moved.
    const earlier = await this.deps.ledger.rows.find({ wallet: { $in: [original.wallet, this.ctx.id] }, 'meta.reverseOf': msg.originalTxId });
    const reversedBefore = earlier.flatMap((row) => row.legs).filter((l) => l.asset === credit.asset && l.to === accounts.issuance(credit.asset)).reduce((s, l) => s + l.amount, 0);
    const due = Math.min(msg.refundedTotal, credit.amount) - reversedBefore;
    if (due <= 0) throw new AppError('CONFLICT', 'this refund is already reversed', { reason: 'NOTHING_DUE', reversedTotal: reversedBefore, shortfall: 0 });
    const take = Math.min(due, this.chain.balance(credit.asset));
    if (take === 0) {
      throw new AppError('INSUFFICIENT_FUNDS', 'the balance no longer covers the refund', { missing: due, reversedTotal: reversedBefore, shortfall: due });
    }
    const legs: Leg[] = [
      { asset: credit.asset, from: this.ctx.id, to: accounts.issuance(credit.asset), amount: take },
      { asset: fiatAsset, from: accounts.stripe, to: accounts.world, amount: take },
    ];
    const meta = { method: 'stripe', reverseOf: msg.originalTxId, refundedTotal: msg.refundedTotal };
    return { kind: 'cashout' as const, legs, meta, extra: { reversed: take, reversedTotal: reversedBefore + take, shortfall: due - take } };
  }

  private transferOutLegs(msg: Extract<Command, { type: 'transfer-out' }>) {
    const legs: Leg[] = [...this.chain.balances]
      .filter(([asset, amount]) => amount > 0 && isHeldByPass(asset))
      .map(([asset, amount]) => ({ asset, from: this.ctx.id, to: accounts.transit(msg.txId), amount }));
    const amounts = Object.fromEntries(legs.map((l) => [l.asset, l.amount]));
    return { kind: 'transfer-out' as const, legs, meta: { toWallet: msg.toWallet, moveCard: msg.moveCard }, extra: { amounts } };
  }

  private async refundedSoFar(originalTxId: string): Promise<Map<string, number>> {
    const rows = await this.deps.ledger.rows.find({ wallet: this.ctx.id, 'meta.refundOf': originalTxId });
    const back = new Map<string, number>();
    for (const row of rows) for (const [asset, delta] of netFor(row.legs, this.ctx.id)) back.set(asset, (back.get(asset) ?? 0) + delta);
    return back;
  }

  private async block(cardId: string): Promise<{ state: CardState }> {
    this.checkKnown(cardId);
    await this.deps.cards.collection.updateOne({ _id: cardId, walletId: this.ctx.id }, { $set: { state: 'blocked' } });
    this.cardStates.set(cardId, 'blocked');
    const cardUid = this.cardUids.get(cardId);
    if (cardUid) await this.deps.blocklist?.announce({ cardUid, reason: 'blocked', listed: true });
    return { state: 'blocked' };
  }

  private checkCard(cardId: string, offline = false): void {
    this.checkKnown(cardId);
    if (!offline && this.cardStates.get(cardId) === 'blocked') throw new AppError('CARD_BLOCKED', 'this card is blocked');
  }

  /** A row that changed the debts: keep them and project them for the terminals' blocklist. */
  private async afterCommit(row: LedgerRow): Promise<void> {
    this.debtsSeq = row.seq;
    const debts = row.meta?.debts as Debts | undefined;
    if (!debts) return;
    this.debts = debts;
    await this.deps.blocklist?.recordDebt(this.ctx.id, [...this.cardUids.values()], debts, row.seq).catch(() => undefined); // re-projected by the next change
  }

  private async loadDebts(): Promise<void> {
    const [last] = await this.deps.ledger.rows.find({ wallet: this.ctx.id, 'meta.debts': { $exists: true } }, { sort: { seq: -1 }, limit: 1 });
    this.debts = (last?.meta?.debts as Debts | undefined) ?? {};
    this.debtsSeq = this.chain.seq;
  }

  private checkKnown(cardId: string): void {
    // The card moved to another wallet (merge, replacement): the service re-reads and retries.
    if (!this.cardStates.has(cardId)) throw new AppError('CONFLICT', 'card is not in this wallet', { reason: 'CARD_MOVED' });
  }

  private async loadCards(): Promise<void> {
    const cards = await this.deps.cards.ofWallet(this.ctx.id);
    this.cardStates = new Map(cards.map((c) => [c._id, c.state]));
    this.cardUids = new Map(cards.map((c) => [c._id, c.uid]));
  }

  private balances(): Record<string, number> {
    return Object.fromEntries(this.chain.balances);
  }

  private balancesAfter(legs: Leg[]): Record<string, number> {
    const after = new Map(this.chain.balances);
    for (const [asset, delta] of netFor(legs, this.ctx.id)) {
      const next = (after.get(asset) ?? 0) + delta;
      if (next < 0) throw new AppError('INSUFFICIENT_FUNDS', `insufficient funds in ${asset}`, { missing: -next });
      if (next === 0) after.delete(asset);
      else after.set(asset, next);
    }
    return Object.fromEntries(after);
  }
}

/**
 * What makes two commands "the same request": their business content. Where it is accepted,
 * which terminal resent it, descriptive meta and the offline mark may differ between a command and its replay.
 */
function commandHash(msg: Command): string {
  // `offline` too: a sale first sent online to a slow server, then journaled offline and synced, is one sale.
  // The loyalty program's expiry is where the command is evaluated, not what it asks: a resend after the admin changed it is the same command.
  const { accepted: _a, terminalId: _t, meta: _m, offline: _o, expiryDays: _e, ...content } = msg as Command & { accepted?: unknown; terminalId?: unknown; meta?: unknown; offline?: unknown; expiryDays?: unknown };
  if ('loyaltyRedeem' in content && content.loyaltyRedeem) content.loyaltyRedeem = { units: content.loyaltyRedeem.units };
  return requestHash(content);
}

/**
 * A refusal is the command's answer, kept for its txId, unless it is transient (CONFLICT: the card
 * moved, the service re-reads and retries) or the command's own protocol re-evaluates it (a
 * provider refund's reversal is keyed by its cumulative total and reports a shortfall).
 */
function isFinalRefusal(msg: Command, err: AppError): boolean {
  return err.code !== 'CONFLICT' && msg.type !== 'reverse-topup';
}

function receivingAccount(method: 'cash' | 'card' | 'stripe', posId: string | undefined): string {
  if (method === 'stripe') return accounts.stripe;
  if (!posId) throw new AppError('INVALID_INPUT', `a ${method} movement happens at a point of sale`);
  return method === 'cash' ? accounts.cashDrawer(posId) : accounts.cardTerminal(posId);
}

function paidParts(row: LedgerRow, wallet: string): Array<{ asset: string; from: string; amount: number }> {
  // Loyalty units redeemed in the payment are not money: a refund gives back money only.
  return row.legs.filter((l) => l.from === wallet && isMoney(l.asset)).map((l) => ({ asset: l.asset, from: l.to, amount: l.amount }));
}
