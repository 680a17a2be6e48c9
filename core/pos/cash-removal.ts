// Cash removed from a drawer during a session (a bank deposit): a register movement of its own,
// one ledger row on the POS's chain from the drawer to the collective's bank (or out, for any
// other reason), with who and when. Idempotent by txId like every movement. The drawer cannot
// give more than it holds (float + the session's net cash in), so no count goes below zero.
import { accounts } from '../money/accounts.js';
import { fiatAsset } from '../money/assets.js';
import { requestHash, type RowDraft } from '../money/ledger-row.js';
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import type { CashRemoval, RegisterSession } from './records.js';

export interface CashRemovalInput {
  txId: string;
  amount: number;
  reason: CashRemoval['reason'];
  note?: string;
  by: string;
  byName: string;
}

/** The ledger row of a removal; `inDrawer` is the cash the drawer holds now. */
export function cashRemovalRow(posId: string, collectiveId: string, session: RegisterSession | null, inDrawer: number, input: CashRemovalInput): RowDraft {
  if (!session) throw new AppError('REGISTER_CLOSED', 'the register is closed: open it before removing cash');
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > limits.maxAmountCents) {
    throw new AppError('INVALID_AMOUNT', 'the amount removed is whole cents, above zero');
  }
  if (input.amount > inDrawer) throw new AppError('INSUFFICIENT_FUNDS', `the drawer holds ${inDrawer} cents`, { missing: input.amount - inDrawer });
  const to = input.reason === 'bank-deposit' ? accounts.collectiveBank(collectiveId) : accounts.world;
  const removal: Omit<CashRemoval, 'txId' | 'amount' | 'at'> = { reason: input.reason, by: input.by, byName: input.byName, ...(input.note ? { note: input.note } : {}) };
  return {
    txId: input.txId, kind: 'cash-removal', legs: [{ asset: fiatAsset, from: accounts.cashDrawer(posId), to, amount: input.amount }], collectiveId, posId,
    requestHash: cashRemovalHash(posId, input), result: { amount: input.amount, sessionId: session._id }, meta: { removal, sessionId: session._id },
  };
}

export function cashRemovalHash(posId: string, input: CashRemovalInput): string {
  return requestHash({ posId, amount: input.amount, reason: input.reason, note: input.note ?? '' });
}
