// Deposits (consigne): a returnable cup sold with drinks as a `deposit` product, given back when
// the cup comes back. Not revenue and no VAT: the Z shows deposits held and returned apart, and
// the cups still out per point of sale. A return is credited to the card tapped (the collective's
// local currency, a row of the card's chain) or paid in cash from the drawer (a row of this POS's
// chain); either way one row under the terminal's txId, so a resend moves nothing twice.
import { accounts } from '../money/accounts.js';
import { fiatAsset } from '../money/assets.js';
import { requestHash, type RowDraft } from '../money/ledger-row.js';
import type { BalanceLine, PassService } from '../pass/service.js';
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import type { CatalogProduct } from './types.js';

export interface DepositReturnAck {
  returned: number;
  qty: number;
  method: 'pass' | 'cash';
  balances?: BalanceLine[];
}

export interface DepositDeps {
  pass: Pick<PassService, 'returnDeposit'>;
  products: ReadonlyMap<string, CatalogProduct>;
  collectiveId: string;
  posId: string;
  /** Writes a row of this POS's own chain (its mailbox), replaying a known txId. */
  onChain(row: RowDraft): Promise<unknown>;
}

export async function returnDeposit(deps: DepositDeps, msg: { txId: string; productId: string; qty: number; cardUid?: string; terminalId?: string }): Promise<DepositReturnAck> {
  const product = deps.products.get(msg.productId);
  if (!product || product.kind !== 'deposit') throw new AppError('INVALID_INPUT', 'this product is not a deposit sold here', { productId: msg.productId });
  if (!Number.isSafeInteger(msg.qty) || msg.qty < 1 || msg.qty > limits.maxQtyPerLine) throw new AppError('INVALID_INPUT', `quantity must be a whole number from 1 to ${limits.maxQtyPerLine}`);
  const amount = product.price * msg.qty;
  const deposit = { productId: product.id, qty: msg.qty };
  const where = { collectiveId: deps.collectiveId, posId: deps.posId, terminalId: msg.terminalId };
  if (msg.cardUid) {
    const res = await deps.pass.returnDeposit({ txId: msg.txId, cardUid: msg.cardUid, amount, deposit, ...where });
    return { returned: amount, qty: msg.qty, method: 'pass', balances: res.balanceLines };
  }
  const hash = requestHash({ posId: deps.posId, deposit, amount });
  const legs = [{ asset: fiatAsset, from: accounts.cashDrawer(deps.posId), to: accounts.world, amount }];
  await deps.onChain({ txId: msg.txId, kind: 'deposit-return', legs, ...where, requestHash: hash, result: {}, meta: { deposit } });
  return { returned: amount, qty: msg.qty, method: 'cash' };
}

/** Deposits of a Z period: held (deposit lines sold), returned (to cards, in cash), cups still out. */
export interface ZDeposits {
  held: number;
  heldQty: number;
  returned: number;
  returnedQty: number;
  returnedToCards: number;
  returnedInCash: number;
  /** Cups out at this POS since it opened: previous Z's figure + held − returned of this period. */
  cupsOut: number;
}
