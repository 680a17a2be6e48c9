// What a paid checkout delivers, per kind of purchase. Top-ups are built in; tickets and
// memberships plug in their own handler with registerCheckoutFulfilment(kind, handler).
// A handler must be idempotent per checkout: the same event may be processed many times, and
// after a crash the processor calls it again for a checkout not yet marked fulfilled.
import type { CheckoutRecord } from '../core/payments/checkouts.js';
import type { PassService } from '../core/pass/service.js';
import { AppError } from '../core/shared/errors.js';
import { globalAsset } from '../core/money/assets.js';

export interface FulfilmentContext {
  pass: PassService;
}

export interface CheckoutFulfilment {
  /** Delivers what was bought; returns what to keep on the checkout record. */
  fulfil(checkout: CheckoutRecord, ctx: FulfilmentContext): Promise<Record<string, unknown>>;
  /** Takes back what a cumulative refund of `refundedTotal` cents covers; idempotent. */
  reverse?(checkout: CheckoutRecord, refundedTotal: number, ctx: FulfilmentContext): Promise<{ reversedTotal: number; shortfall: number }>;
}

export class CheckoutFulfilments {
  private readonly handlers = new Map<string, CheckoutFulfilment>();

  constructor(initial: Record<string, CheckoutFulfilment> = { topup: topUpFulfilment }) {
    for (const [kind, handler] of Object.entries(initial)) this.handlers.set(kind, handler);
  }

  register(kind: string, handler: CheckoutFulfilment): void {
    this.handlers.set(kind, handler);
  }

  get(kind: string | undefined): CheckoutFulfilment | undefined {
    return kind ? this.handlers.get(kind) : undefined;
  }
}

/** The ledger txId of a paid top-up: one per checkout session, so it is credited once. */
export function topUpTxId(sessionId: string): string {
  return `stripe:${sessionId}`;
}

/**
 * metadata {kind:'topup', cardUid | walletId, amount (cents, as a string), collectiveId}:
 * credits the global asset, exactly the amount paid.
 */
export const topUpFulfilment: CheckoutFulfilment = {
  async fulfil(checkout, { pass }) {
    const { amount, collectiveId, cardUid, walletId } = topUpTerms(checkout);
    if (checkout.amountTotal !== amount) {
      throw new AppError('CONFLICT', `paid ${checkout.amountTotal} cents for a top-up of ${amount}`, { reason: 'AMOUNT_MISMATCH' });
    }
    const input = { txId: topUpTxId(checkout._id), asset: globalAsset, amount, method: 'stripe' as const, collectiveId };
    if (cardUid) {
      const res = await pass.topUp({ ...input, cardUid });
      return { txId: input.txId, walletId: res.card.walletId, credited: amount };
    }
    await pass.topUpWallet({ ...input, walletId: walletId! });
    return { txId: input.txId, walletId, credited: amount };
  },

  async reverse(checkout, refundedTotal, { pass }) {
    const { collectiveId, cardUid, walletId } = topUpTerms(checkout);
    const res = await pass.reverseTopUp({ originalTxId: topUpTxId(checkout._id), refundedTotal, collectiveId, cardUid, walletId });
    return { reversedTotal: res.reversedTotal, shortfall: res.shortfall };
  },
};

/** The registry the workers use unless told otherwise (declared after the built-in handlers it holds). */
export const checkoutFulfilments = new CheckoutFulfilments();

export function registerCheckoutFulfilment(kind: string, handler: CheckoutFulfilment): void {
  checkoutFulfilments.register(kind, handler);
}

function topUpTerms(checkout: CheckoutRecord): { amount: number; collectiveId: string; cardUid?: string; walletId?: string } {
  const { amount, collectiveId, cardUid, walletId } = checkout.metadata;
  if (!/^[1-9][0-9]{0,9}$/.test(amount ?? '')) throw new AppError('INVALID_INPUT', 'top-up metadata: amount must be whole cents', { reason: 'BAD_METADATA' });
  if (!collectiveId) throw new AppError('INVALID_INPUT', 'top-up metadata: collectiveId is required', { reason: 'BAD_METADATA' });
  if (!cardUid && !walletId) throw new AppError('INVALID_INPUT', 'top-up metadata: cardUid or walletId is required', { reason: 'BAD_METADATA' });
  return { amount: Number(amount), collectiveId, cardUid, walletId };
}
