// The application API of Pass money, used by HTTP, Socket.IO and workers. It validates
// business input, resolves cards, and asks the wallet's actor; it never writes money itself.
import type { ActorRef } from '../actors/port.js';
import type { Clock } from '../clock/port.js';
import { accounts, isWallet } from '../money/accounts.js';
import { globalAsset, isValidAmount, localAsset, parseAsset } from '../money/assets.js';
import type { Currencies } from '../money/currencies.js';
import type { Leg } from '../money/ledger-row.js';
import { sha256Hex } from '../shared/canonical.js';
import { AppError, isAppError } from '../shared/errors.js';
import { checkTxId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import { loyaltyTxId } from '../loyalty/tx-ids.js';
import { passActorKind } from './actor.js';
import type { Card, Cards } from './cards.js';
import type { PassMessage, TopUpMethod, WalletResult } from './messages.js';

export interface BalanceLine {
  asset: string;
  name: string;
  kind: string;
  amount: number;
}

export type CardResult = WalletResult & { card: Card; balanceLines: BalanceLine[]; spent?: Array<{ asset: string; amount: number }>; refunded?: number; shortfall?: number; repaid?: number };

export interface Where {
  collectiveId: string;
  posId?: string;
  terminalId?: string;
}

export interface TopUpReversal {
  walletId: string;
  /** Taken back by this call. */
  reversed: number;
  /** Taken back by all reversals of this top-up so far. */
  reversedTotal: number;
  /** Refunded by the provider but no longer on the wallet: not taken, reported. */
  shortfall: number;
}

const maxReplacementHops = 10;

export class PassService {
  constructor(
    private readonly actors: ActorRef,
    readonly cards: Cards,
    private readonly currencies: Currencies,
    private readonly clock: Clock,
  ) {}

  async registerCard(input: { uid: string; number: string; issuerId: string; claimCode?: string }): Promise<Card> {
    return this.cards.register(input, this.clock.now());
  }

  async balance(cardUid: string): Promise<{ card: Card; balances: BalanceLine[] }> {
    const res = await this.onCard<WalletResult>(cardUid, (card) => ({ type: 'balance', cardId: card._id }));
    // The wallet actor knows a block made on any node; this node's card cache may not.
    const state = (res.result.cardState as Card['state'] | undefined) ?? res.card.state;
    return { card: { ...res.card, state }, balances: await this.describe(res.result.balances) };
  }

  async walletBalances(walletId: string): Promise<BalanceLine[]> {
    const res = await this.actors.call<WalletResult>(passActorKind, walletId, { type: 'balance' });
    return this.describe(res.balances);
  }

  /** Top-up at a point of sale (cash, bank card) or online (stripe). `asset` 'local' means the local currency of `where`. */
  async topUp(input: { txId: string; cardUid: string; asset: string; amount: number; method: TopUpMethod } & Where) {
    const asset = await this.topUpAsset(input);
    const { txId, amount, method, collectiveId, posId, terminalId } = input;
    return this.onCardCommand(input.cardUid, (card) => ({ type: 'topup', txId, cardId: card._id, asset, amount, method, collectiveId, posId, terminalId }));
  }

  /** Online top-up of a registered holder's wallet (no card involved), e.g. a paid Stripe checkout. */
  async topUpWallet(input: { txId: string; walletId: string; asset: string; amount: number; method: TopUpMethod } & Where): Promise<WalletResult> {
    if (!isWallet(input.walletId)) throw new AppError('INVALID_INPUT', 'not a wallet id');
    const asset = await this.topUpAsset(input);
    const { txId, amount, method, collectiveId, posId, terminalId } = input;
    return this.command(input.walletId, { type: 'topup', txId, asset, amount, method, collectiveId, posId, terminalId });
  }

  /**
   * A provider refunded (part of) an online top-up: takes the refunded credit back from the wallet
   * that holds the card's money now. `refundedTotal` is cumulative, so redelivered or reordered
   * refund events reverse once; what the balance no longer covers comes back as `shortfall`.
   */
  async reverseTopUp(input: { originalTxId: string; refundedTotal: number; cardUid?: string; walletId?: string } & Where): Promise<TopUpReversal> {
    checkTxId(input.originalTxId);
    checkAmount(input.refundedTotal);
    const walletId = input.cardUid ? await this.currentWalletOfCard(input.cardUid) : input.walletId;
    if (!walletId || !isWallet(walletId)) throw new AppError('INVALID_INPUT', 'a card UID or a wallet id is required');
    // Derived, short and deterministic: the same refund total is the same command.
    const txId = `rv:${sha256Hex(input.originalTxId).slice(0, 32)}:${input.refundedTotal}`;
    const { originalTxId, refundedTotal, collectiveId } = input;
    try {
      const res = await this.command(walletId, { type: 'reverse-topup', txId, originalTxId, refundedTotal, collectiveId });
      return { walletId, reversed: res.reversed as number, reversedTotal: res.reversedTotal as number, shortfall: res.shortfall as number };
    } catch (err) {
      const settled = isAppError(err) && (err.details.reason === 'NOTHING_DUE' || err.code === 'INSUFFICIENT_FUNDS') && typeof err.details.reversedTotal === 'number';
      if (!settled) throw err;
      return { walletId, reversed: 0, reversedTotal: err.details.reversedTotal as number, shortfall: err.details.shortfall as number };
    }
  }

  /** Pays `amount` with the Pass at a collective; `extraLegs` carry the euro part of a split sale. */
  async pay(input: { txId: string; cardUid: string; amount: number; extraLegs?: Leg[]; meta?: Record<string, unknown>; offline?: boolean; upTo?: boolean; loyaltyRedeem?: { units: number; expiryDays?: number } } & Where) {
    checkTxId(input.txId);
    checkAmount(input.amount);
    const accepted = await this.currencies.acceptedBy(input.collectiveId);
    const { txId, amount, collectiveId, posId, terminalId, extraLegs, meta, offline, upTo, loyaltyRedeem } = input;
    const extra = { ...(offline ? { offline } : {}), ...(upTo ? { upTo } : {}), ...(loyaltyRedeem ? { loyaltyRedeem } : {}) };
    return this.onCardCommand(input.cardUid, (card) => ({ type: 'pay', txId, cardId: card._id, amount, accepted, collectiveId, posId, terminalId, extraLegs, meta, ...extra }));
  }

  async refund(input: { txId: string; walletId: string; originalTxId: string; amount?: number; extraLegs?: Leg[]; meta?: Record<string, unknown> } & Where) {
    checkTxId(input.txId);
    if (input.amount !== undefined) checkAmount(input.amount);
    const { walletId, ...rest } = input;
    return this.command(walletId, { type: 'refund', ...rest });
  }

  /** Loyalty units a sale earns on the card that paid or was tapped (once per sale txId). */
  async earnLoyalty(input: { saleTxId: string; cardUid: string; units: number; expiryDays?: number } & Where): Promise<CardResult> {
    const { saleTxId, units, expiryDays, collectiveId, posId, terminalId } = input;
    const txId = loyaltyTxId('earn', saleTxId);
    return this.onCardCommand(input.cardUid, (card) => ({ type: 'loyalty-earn', txId, cardId: card._id, units, saleTxId, expiryDays, collectiveId, posId, terminalId }));
  }

  /** A reward paid with loyalty units, for the sale `saleTxId` (once per sale txId). */
  async redeemLoyalty(input: { saleTxId: string; cardUid: string; units: number; expiryDays?: number } & Where): Promise<CardResult> {
    const { saleTxId, units, expiryDays, collectiveId, posId, terminalId } = input;
    const txId = loyaltyTxId('redeem', saleTxId);
    return this.onCardCommand(input.cardUid, (card) => ({ type: 'loyalty-redeem', txId, cardId: card._id, units, saleTxId, expiryDays, collectiveId, posId, terminalId }));
  }

  /** A refund of a sale takes back the units it earned (what the balance still holds, once per refund txId). */
  async takeBackLoyalty(input: { refundTxId: string; saleTxId: string; walletId: string; units: number; expiryDays?: number } & Where): Promise<WalletResult> {
    const { refundTxId, walletId, ...rest } = input;
    return this.command(walletId, { type: 'loyalty-take-back', txId: loyaltyTxId('take-back', refundTxId), ...rest });
  }

  async giveGift(input: { txId: string; cardUid: string; amount: number } & Where) {
    checkTxId(input.txId);
    checkAmount(input.amount);
    const { txId, amount, collectiveId, posId, terminalId } = input;
    return this.onCardCommand(input.cardUid, (card) => ({ type: 'gift', txId, cardId: card._id, amount, collectiveId, posId, terminalId }));
  }

  /** End-of-event refund of the remaining global and local balance, paid back in euros. */
  async cashOut(input: { txId: string; cardUid: string; method: 'cash' | 'card' | 'stripe' } & Where) {
    checkTxId(input.txId);
    const { txId, method, collectiveId, posId, terminalId } = input;
    return this.onCardCommand(input.cardUid, (card) => ({ type: 'cashout', txId, cardId: card._id, method, collectiveId, posId, terminalId }));
  }

  /** Returned deposits (cups) credited to the card in the local currency of the collective where they are returned. */
  async returnDeposit(input: { txId: string; cardUid: string; amount: number; deposit: { productId: string; qty: number } } & Where) {
    checkTxId(input.txId);
    checkAmount(input.amount);
    const { txId, amount, deposit, collectiveId, posId, terminalId } = input;
    return this.onCardCommand(input.cardUid, (card) => ({ type: 'deposit-return', txId, cardId: card._id, amount, deposit, collectiveId, posId, terminalId }));
  }

  /** The global balance left after online refunds, taken from the wallet and owed by bank transfer (core/payback). */
  async paybackTransfer(input: { txId: string; walletId: string; amount: number; paybackId: string; collectiveId: string }): Promise<WalletResult> {
    checkTxId(input.txId);
    checkAmount(input.amount);
    if (!isWallet(input.walletId)) throw new AppError('INVALID_INPUT', 'not a wallet id');
    const { walletId, ...rest } = input;
    return this.command(walletId, { type: 'payback-transfer', ...rest });
  }

  async block(cardUid: string): Promise<void> {
    const card = await this.cards.byUidOrThrow(cardUid);
    await this.actors.call(passActorKind, card.walletId, { type: 'block', cardId: card._id });
    this.cards.forget(card.uid);
  }

  /**
   * Lost card: block it and move its balances to a new card with one transfer (through a transit
   * account, idempotent under the same txId). A registered holder's wallet stays where it is.
   */
  async replaceCard(input: { txId: string; oldCardUid: string; newUid: string; newNumber: string }): Promise<Card> {
    checkTxId(input.txId);
    const old = await this.cards.byUidOrThrow(input.oldCardUid);
    const existing = await this.cards.byUidOrThrow(input.newUid).catch(() => null);
    const fresh = existing ?? (await this.registerCard({ uid: input.newUid, number: input.newNumber, issuerId: old.issuerId }));
    if (old.userId) {
      await this.cards.collection.updateOne({ _id: fresh._id }, { $set: { walletId: old.walletId, userId: old.userId } });
      await this.actors.call(passActorKind, old.walletId, { type: 'cards-changed' });
    } else {
      await this.transfer(input.txId, old.walletId, fresh.walletId, old.issuerId);
    }
    await this.cards.collection.updateOne({ _id: old._id }, { $set: { replacedBy: fresh._id } });
    if (old.state !== 'blocked') await this.actors.call(passActorKind, old.walletId, { type: 'block', cardId: old._id });
    this.cards.forget(old.uid);
    this.cards.forget(fresh.uid);
    return (await this.cards.byId(fresh._id))!;
  }

  /** A festival card's holder registers: the card's wallet is merged into the holder's wallet. */
  async linkCardToUser(input: { txId: string; cardUid: string; userId: string }): Promise<void> {
    checkTxId(input.txId);
    const cached = await this.cards.byUidOrThrow(input.cardUid);
    const target = accounts.userWallet(input.userId);
    // The holder is taken first, only while the card has none (read from the store, not a
    // node's cache): a second account never re-points a linked card nor moves its money.
    await this.cards.collection.updateOne({ _id: cached._id, userId: { $exists: false } }, { $set: { userId: input.userId } });
    const card = await this.cards.byId(cached._id);
    if (!card || card.userId !== input.userId) throw new AppError('CONFLICT', 'this card belongs to another account');
    // The card's own wallet moves its balance out, then the card points at the holder's wallet.
    const source = accounts.cardWallet(card._id);
    await this.transfer(input.txId, source, target, card.issuerId, { cardId: card._id, userId: input.userId });
    this.cards.forget(card.uid);
  }

  private async transfer(txId: string, from: string, to: string, collectiveId: string, moveCard?: { cardId: string; userId?: string }) {
    const out = await this.command(from, { type: 'transfer-out', txId, toWallet: to, collectiveId });
    if (moveCard) {
      await this.cards.collection.updateOne({ _id: moveCard.cardId }, { $set: { walletId: to, userId: moveCard.userId } });
      await this.actors.call(passActorKind, from, { type: 'cards-changed' });
    }
    await this.command(to, { type: 'transfer-in', txId: `${txId}:in`, sourceTxId: txId, amounts: out.amounts as Record<string, number>, collectiveId });
    if (moveCard) await this.actors.call(passActorKind, to, { type: 'cards-changed' });
  }

  /** The wallet holding a card's money now: a replaced (lost) card's money moved to its replacement. */
  private async currentWalletOfCard(cardUid: string): Promise<string> {
    let card = await this.cards.byUidOrThrow(cardUid);
    for (let hops = 0; card.replacedBy && hops < maxReplacementHops; hops++) {
      const next = await this.cards.byId(card.replacedBy);
      if (!next) break;
      card = next;
    }
    return card.walletId;
  }

  private async topUpAsset(input: { txId: string; asset: string; amount: number; collectiveId: string }): Promise<string> {
    checkTxId(input.txId);
    checkAmount(input.amount);
    const asset = input.asset === 'local' ? localAsset(input.collectiveId) : input.asset;
    const ref = parseAsset(asset);
    if (!ref || (ref.kind !== 'global' && ref.kind !== 'local')) throw new AppError('ASSET_UNKNOWN', `cannot top up ${input.asset}`);
    if (ref.kind === 'local' && ref.collectiveId !== input.collectiveId) {
      throw new AppError('ASSET_NOT_ACCEPTED', 'a local currency is topped up only at its own collective');
    }
    if (!(await this.currencies.exists(asset))) throw new AppError('ASSET_UNKNOWN', `unknown currency ${asset}`);
    return asset;
  }

  async describe(balances: Record<string, number>): Promise<BalanceLine[]> {
    const lines = await Promise.all(
      Object.entries(balances).map(async ([asset, amount]) => ({ asset, name: await this.currencies.name(asset), kind: parseAsset(asset)?.kind ?? 'unknown', amount })),
    );
    return lines.sort((a, b) => order(a.asset) - order(b.asset) || a.asset.localeCompare(b.asset));
  }

  private command(walletId: string, msg: PassMessage): Promise<WalletResult> {
    return this.actors.call<WalletResult>(passActorKind, walletId, msg);
  }

  private async onCardCommand(cardUid: string, build: (card: Card) => PassMessage): Promise<CardResult> {
    const res = await this.onCard<WalletResult>(cardUid, build);
    return { card: res.card, ...res.result, balanceLines: await this.describe(res.result.balances) };
  }

  /** Sends to the card's wallet; if the card moved meanwhile, re-reads it once and retries. */
  private async onCard<R>(cardUid: string, build: PassMessage | ((card: Card) => PassMessage)): Promise<{ card: Card; result: R }> {
    for (let attempt = 0; ; attempt++) {
      const card = await this.cards.byUidOrThrow(cardUid);
      const msg = typeof build === 'function' ? build(card) : build;
      try {
        return { card, result: await this.actors.call<R>(passActorKind, card.walletId, msg) };
      } catch (err) {
        const moved = isAppError(err) && err.details.reason === 'CARD_MOVED';
        if (!moved || attempt > 0) throw err;
        this.cards.forget(card.uid);
      }
    }
  }
}

function order(asset: string): number {
  if (asset.startsWith('gift:')) return 0;
  if (asset.startsWith('local:')) return 1;
  return asset === globalAsset ? 2 : 3;
}

function checkAmount(amount: unknown): asserts amount is number {
  if (!isValidAmount(amount, limits.maxAmountCents)) {
    throw new AppError('INVALID_AMOUNT', `amount must be a whole number of cents between 1 and ${limits.maxAmountCents}`);
  }
}

