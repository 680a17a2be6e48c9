// A sale paid with two Pass cards ("il manque X": the holder taps another card for the rest).
// Each card is its own wallet, so the sale is two rows of two chains, made safe by derived txIds:
//   1. the first card pays what it can, up to the Pass part (txId = the sale's txId);
//   2. the second card pays the rest, with the euro legs and the sale's record (txId `T:2`);
//   3. if the second card cannot, the first card's part is given back (txId `T:undo`) and the
//      sale is refused with the second card's `missing`.
// Every step is idempotent under its txId and a refusal is kept for its txId, so the terminal
// resending T replays the same steps to the same outcome: never paid twice, never half-paid.
// Invariants: first part + second part = the Pass part; the first card's row carries no sale
// (live views count the sale once, from the second row, which names both cards' spending).
import { accounts } from '../money/accounts.js';
import type { LedgerRow, Leg } from '../money/ledger-row.js';
import type { Ledger } from '../money/ledger.js';
import type { PassService } from '../pass/service.js';
import { AppError, appErrorFromData, isAppError } from '../shared/errors.js';
import type { Sale } from './records.js';

export interface TwoCardPayment {
  first: { walletId: string; cardUid: string; amount: number; spent: Array<{ asset: string; amount: number }> };
  second: { walletId: string; cardUid: string; txId: string; amount: number; spent: Array<{ asset: string; amount: number }> };
  /** The Pass legs of both cards, then the euro legs. */
  legs: Leg[];
  balances: Awaited<ReturnType<PassService['pay']>>['balanceLines'];
}

export const secondCardTxId = (saleTxId: string) => `${saleTxId}:2`;
const undoTxId = (saleTxId: string) => `${saleTxId}:undo`;
/** The first part's give-back, when a refund of the sale reaches the first card. */
export const firstCardRefundTxId = (refundTxId: string) => `${refundTxId}:1`;

export async function payWithTwoCards(
  pass: PassService,
  ledger: Pick<Ledger, 'byTxId'>,
  input: { txId: string; firstUid: string; secondUid: string; amount: number; euroLegs: Leg[]; collectiveId: string; posId: string; terminalId?: string; saleMeta: Record<string, unknown> },
): Promise<TwoCardPayment> {
  const where = { collectiveId: input.collectiveId, posId: input.posId, terminalId: input.terminalId };
  const first = await pass.pay({ txId: input.txId, cardUid: input.firstUid, amount: input.amount, upTo: true, meta: { partOf: input.txId }, ...where });
  const firstSpent = first.spent ?? [];
  const firstAmount = firstSpent.reduce((s, p) => s + p.amount, 0);
  const firstLegs = firstSpent.map((s) => ({ asset: s.asset, from: first.card.walletId, to: accounts.collective(input.collectiveId), amount: s.amount }));
  const txId = secondCardTxId(input.txId);
  const rest = input.amount - firstAmount;
  try {
    // Resent after a give-back: the first part is gone, the sale stays refused with its first answer
    // (never paid by the second card alone); the give-back below then replays, moving nothing.
    const undone = await ledger.byTxId(undoTxId(input.txId));
    if (undone) throw refusalOf(undone.meta?.refusal);
    if (rest === 0) throw new AppError('INVALID_INPUT', 'the first card covers the sale: pay with it alone');
    const meta = { sale: { ...input.saleMeta, firstCard: { walletId: first.card.walletId, spent: firstSpent } }, saleId: input.txId };
    const second = await pass.pay({ txId, cardUid: input.secondUid, amount: rest, extraLegs: input.euroLegs, meta, ...where });
    const secondSpent = second.spent ?? [];
    const secondLegs = secondSpent.map((s) => ({ asset: s.asset, from: second.card.walletId, to: accounts.collective(input.collectiveId), amount: s.amount }));
    return {
      first: { walletId: first.card.walletId, cardUid: first.card.uid, amount: firstAmount, spent: firstSpent },
      second: { walletId: second.card.walletId, cardUid: second.card.uid, txId, amount: rest, spent: secondSpent },
      legs: [...firstLegs, ...secondLegs, ...input.euroLegs],
      balances: second.balanceLines,
    };
  } catch (err) {
    if (!isAppError(err) || err.code === 'UNAVAILABLE' || err.code === 'TIMEOUT') throw err; // unknown outcome: the terminal resends T
    const refusal = { code: err.code, message: err.message, details: err.details };
    await pass.refund({ txId: undoTxId(input.txId), walletId: first.card.walletId, originalTxId: input.txId, meta: { partOf: input.txId, refusal }, ...where });
    throw err;
  }
}

/** The second card's refusal, as the give-back row recorded it: a resent sale gets the first answer. */
function refusalOf(data: unknown): AppError {
  const r = (data ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> };
  return appErrorFromData({ code: r.code ?? 'CONFLICT', message: r.message ?? 'this sale was refused', details: r.details });
}

/** Splits the Pass part of a refund: the second card (paid last) first, then the first card. */
export function twoCardRefundSplit(passRefundedBefore: number, passPart: number, secondAmount: number): { second: number; first: number } {
  const secondLeft = Math.max(0, secondAmount - passRefundedBefore);
  const second = Math.min(passPart, secondLeft);
  return { second, first: passPart - second };
}

/** What the second card's row records of the first card (its `meta.sale.firstCard`). */
export interface FirstCardMeta {
  walletId: string;
  spent: Array<{ asset: string; amount: number }>;
}

/** The two-card fields of a sale recovered from its second card's row (written, then a crash before the record). */
export function recoveredTwoCards(row: LedgerRow, first: FirstCardMeta, secondSpent: Array<{ asset: string; amount: number }>): Pick<Sale, 'walletId' | 'spent' | 'second' | 'legs'> {
  const firstLegs = first.spent.map((s) => ({ asset: s.asset, from: first.walletId, to: accounts.collective(row.collectiveId), amount: s.amount }));
  return {
    walletId: first.walletId,
    spent: [...first.spent, ...secondSpent],
    second: { walletId: row.wallet, txId: row.txId, amount: secondSpent.reduce((s, p) => s + p.amount, 0) },
    legs: [...firstLegs, ...row.legs],
  };
}

/** Gives back the Pass part of a refund of a two-card sale: the second card first, then the first; euro legs ride on the first row written. */
export async function refundTwoCards(
  pass: PassService,
  sale: Sale,
  input: { txId: string; pass: number; euroLegs: Leg[]; collectiveId: string; posId: string; terminalId?: string },
): Promise<void> {
  const second = sale.second!;
  const before = sale.refunds.reduce((s, r) => s + r.pass, 0);
  const split = twoCardRefundSplit(before, input.pass, second.amount);
  const where = { collectiveId: input.collectiveId, posId: input.posId, terminalId: input.terminalId };
  const meta = { saleId: sale._id };
  if (split.second > 0) {
    await pass.refund({ txId: input.txId, walletId: second.walletId, originalTxId: second.txId, amount: split.second, extraLegs: input.euroLegs, meta, ...where });
  }
  if (split.first > 0) {
    const txId = split.second > 0 ? firstCardRefundTxId(input.txId) : input.txId;
    await pass.refund({ txId, walletId: sale.walletId!, originalTxId: sale._id, amount: split.first, extraLegs: split.second > 0 ? [] : input.euroLegs, meta, ...where });
  }
}
