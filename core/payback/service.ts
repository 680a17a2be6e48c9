// Refunds after the event, online ("payback", as StuStaPay calls it): a holder asks for the global
// balance left on a wallet, within the window its collective set and above its minimum. It goes
// back through provider refunds of the wallet's own online top-ups, newest first; what no refund
// can carry (older or spent top-ups, a refused refund) is taken from the wallet and put on the
// bank-transfer list. The story of one request:
//   1. plan: the amounts per top-up, fixed once and stored under the request's id;
//   2. each part: a provider refund (idempotency key per part), then the top-up's reversal in the
//      ledger keyed by its cumulative refunded total (the later webhook replays it, moving nothing);
//   3. the rest (and every failed part): one ledger row moving it out of the wallet, and a line
//      on the transfer list.
// Invariants: a request id pays once (a replay returns the stored request; a request interrupted
// half-way resumes its stored plan, and every step is idempotent); never more than the balance;
// no wallet below zero (a reversal takes at most what is there, the shortfall is reported).
import type { Clock } from '../clock/port.js';
import { accounts } from '../money/accounts.js';
import { fiatAsset, globalAsset } from '../money/assets.js';
import type { Ledger } from '../money/ledger.js';
import type { LedgerRow } from '../money/ledger-row.js';
import type { Checkouts } from '../payments/checkouts.js';
import type { PaymentProvider } from '../payments/port.js';
import type { PassService } from '../pass/service.js';
import { AppError, isAppError } from '../shared/errors.js';
import { checkTxId } from '../shared/ids.js';
import { logger } from '../shared/logger.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import { PaybackPolicies } from './policy.js';

export interface PaybackPart {
  /** The ledger txId of the online top-up refunded (`stripe:<session>`). */
  topUpTxId: string;
  sessionId: string;
  paymentIntentId: string;
  amount: number;
  /** The top-up's cumulative refunded total once this part is refunded (the reversal's key). */
  refundedTotalAfter: number;
  state: 'planned' | 'refunded' | 'failed';
  refundId?: string;
  error?: string;
}

export interface Payback {
  _id: string; // the request id (client-made, idempotency key)
  collectiveId: string;
  walletId: string;
  /** How the holder proved it: their account, or the card's number and secret. */
  via: 'account' | 'card';
  cardNumber?: string;
  email?: string;
  iban?: string;
  amount: number;
  parts: PaybackPart[];
  /** Owed by bank transfer: what no provider refund could carry. */
  transfer: { amount: number; state: 'none' | 'due' | 'paid'; txId?: string };
  state: 'planned' | 'done';
  createdAt: number;
  doneAt?: number;
}

export interface PaybackDeps {
  store: Store;
  clock: Clock;
  pass: PassService;
  ledger: Ledger;
  checkouts: Checkouts;
  provider: Pick<PaymentProvider, 'refund' | 'name'>;
}

/** A lock older than this belongs to a request that died half-way (its id resumes it). */
const staleLockMs = 10 * 60_000;

export class PaybackService {
  readonly policies: PaybackPolicies;
  readonly requests: Collection<Payback>;
  private readonly locks: Collection<{ _id: string; paybackId: string; at: number }>;

  constructor(private readonly deps: PaybackDeps) {
    this.policies = new PaybackPolicies(deps.store, deps.clock);
    this.requests = deps.store.collection<Payback>('paybacks');
    this.locks = deps.store.collection('payback_locks');
  }

  async start(): Promise<void> {
    await this.policies.start();
    await this.requests.ensureIndexes([{ name: 'collective_created', keys: { collectiveId: 1, createdAt: 1 } }, { name: 'wallet', keys: { walletId: 1 } }]);
  }

  /** Asks for the global balance left on `walletId`; the same `requestId` again returns the first answer. */
  async request(input: { requestId: string; collectiveId: string; walletId: string; via: Payback['via']; cardNumber?: string; email?: string; iban?: string }): Promise<Payback> {
    checkTxId(input.requestId);
    const known = await this.requests.findOne({ _id: input.requestId });
    if (known) {
      if (known.walletId !== input.walletId) throw new AppError('DUPLICATE_TX_CONFLICT', 'this request id was used for another wallet');
      return known.state === 'done' ? known : this.execute(known);
    }
    const policy = await this.policies.open(input.collectiveId);
    // One request per wallet at a time: two plans over the same top-ups would refund them twice at the provider.
    const now = this.deps.clock.now();
    await this.locks.deleteOne({ _id: input.walletId, at: { $lt: now - staleLockMs } }); // its request died: resumed by its own id
    try {
      await this.locks.insertOne({ _id: input.walletId, paybackId: input.requestId, at: now });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      throw new AppError('CONFLICT', 'a refund of this balance is already under way', { reason: 'PAYBACK_IN_PROGRESS' });
    }
    try {
      return await this.planAndRun(input, policy.minimum);
    } finally {
      await this.locks.deleteOne({ _id: input.walletId });
    }
  }

  private async planAndRun(input: Parameters<PaybackService['request']>[0], minimum: number): Promise<Payback> {
    const balance = (await this.deps.pass.walletBalances(input.walletId)).find((b) => b.asset === globalAsset)?.amount ?? 0;
    if (balance < Math.max(1, minimum)) {
      throw new AppError('INVALID_AMOUNT', `nothing to pay back: the balance is below the minimum of ${minimum} cents`, { reason: 'BELOW_MINIMUM', balance, minimum });
    }
    const payback: Payback = {
      _id: input.requestId,
      collectiveId: input.collectiveId,
      walletId: input.walletId,
      via: input.via,
      cardNumber: input.cardNumber,
      email: input.email,
      iban: input.iban,
      amount: balance,
      parts: await this.plan(input.walletId, balance),
      transfer: { amount: 0, state: 'none' },
      state: 'planned',
      createdAt: this.deps.clock.now(),
    };
    await this.requests.insertOne(payback).catch(async (err) => {
      const raced = await this.requests.findOne({ _id: input.requestId });
      if (!raced) throw err;
    });
    return this.execute((await this.requests.findOne({ _id: input.requestId }))!);
  }

  list(collectiveId: string): Promise<Payback[]> {
    return this.requests.find({ collectiveId }, { sort: { createdAt: -1 }, limit: 1_000 });
  }

  /** Newest online top-ups of the wallet first, each for what is still refundable of it. */
  private async plan(walletId: string, amount: number): Promise<PaybackPart[]> {
    const rows = await this.deps.ledger.rows.find({ wallet: walletId, kind: 'topup' }, { sort: { seq: -1 }, limit: 500 });
    const parts: PaybackPart[] = [];
    let left = amount;
    for (const row of rows) {
      if (left === 0) break;
      const credit = onlineGlobalCredit(row);
      if (!credit || !row.txId.startsWith('stripe:')) continue;
      const sessionId = row.txId.slice('stripe:'.length);
      const checkout = await this.deps.checkouts.get(sessionId);
      if (!checkout?.paymentIntentId) continue;
      const refundedBefore = checkout.refundedTotal ?? 0;
      const take = Math.min(left, credit - refundedBefore);
      if (take <= 0) continue;
      parts.push({ topUpTxId: row.txId, sessionId, paymentIntentId: checkout.paymentIntentId, amount: take, refundedTotalAfter: refundedBefore + take, state: 'planned' });
      left -= take;
    }
    return parts;
  }

  private async execute(payback: Payback): Promise<Payback> {
    for (const part of payback.parts) {
      if (part.state !== 'planned') continue;
      Object.assign(part, await this.refundPart(payback, part));
      await this.requests.updateOne({ _id: payback._id }, { $set: { parts: payback.parts } });
    }
    const refunded = payback.parts.filter((p) => p.state === 'refunded').reduce((s, p) => s + p.amount, 0);
    const rest = payback.amount - refunded;
    if (rest > 0 && payback.transfer.state === 'none') {
      const txId = `pb:${payback._id}`.slice(0, 80);
      await this.deps.pass.paybackTransfer({ txId, walletId: payback.walletId, amount: rest, paybackId: payback._id, collectiveId: payback.collectiveId });
      payback.transfer = { amount: rest, state: 'due', txId };
    }
    payback.state = 'done';
    payback.doneAt = this.deps.clock.now();
    await this.requests.updateOne({ _id: payback._id }, { $set: { transfer: payback.transfer, state: 'done', doneAt: payback.doneAt } });
    return payback;
  }

  private async refundPart(payback: Payback, part: PaybackPart): Promise<Partial<PaybackPart>> {
    let refundId: string;
    try {
      // One key per part: a resumed request never refunds a part twice at the provider.
      ({ refundId } = await this.deps.provider.refund(part.paymentIntentId, part.amount, { idempotencyKey: `payback:${payback._id}:${part.topUpTxId}` }));
    } catch (err) {
      logger.warn({ err, paybackId: payback._id, part: part.topUpTxId }, 'payback refund refused: the part goes to the transfer list');
      return { state: 'failed', error: isAppError(err) ? err.message : String((err as Error).message ?? err) };
    }
    // Taken back at once (not only when the webhook comes): keyed by the cumulative total, so the webhook's own reversal replays it.
    await this.deps.checkouts.raiseRefunded(part.sessionId, part.refundedTotalAfter);
    const reversal = await this.deps.pass.reverseTopUp({ originalTxId: part.topUpTxId, refundedTotal: part.refundedTotalAfter, walletId: payback.walletId, collectiveId: payback.collectiveId });
    await this.deps.checkouts.recordReversal(part.sessionId, { refundedTotal: part.refundedTotalAfter, reversedTotal: reversal.reversedTotal, shortfall: reversal.shortfall }, false);
    return { state: 'refunded', refundId };
  }
}

/** The global credit of an online (Stripe) top-up row, or 0. */
function onlineGlobalCredit(row: LedgerRow): number {
  const paidOnline = row.legs.some((l) => l.asset === fiatAsset && l.to === accounts.stripe);
  const credit = row.legs.find((l) => l.asset === globalAsset && l.to === row.wallet);
  return paidOnline && credit ? credit.amount : 0;
}
