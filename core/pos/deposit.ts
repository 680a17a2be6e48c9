// Deposits (consigne): a returnable cup sold with drinks as a `deposit` product, given back when
// the cup comes back. Not revenue and no VAT: the Z shows deposits held and returned apart, and
// the cups still out per point of sale. A return is credited to the card tapped (the collective's
// local currency, a row of the card's chain) or paid in cash from the drawer (a row of this POS's
// chain); either way one row under the terminal's txId, so a resend moves nothing twice.
import { accounts } from '../money/accounts.js';
import { fiatAsset } from '../money/assets.js';
import { requestHash, type LedgerRow, type RowDraft } from '../money/ledger-row.js';
import type { BalanceLine, PassService } from '../pass/service.js';
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import type { Sale, ZDeposits } from './records.js';
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


/** The deposits of a Z period from its sales' deposit lines and its `deposit-return` rows. */
export function depositTotals(
  posId: string,
  sales: Sale[],
  rows: LedgerRow[],
  cupsOutBefore: number,
  /** Deposit lines given back by sale refunds of the period (in `refunds`, so not in `returned`). */
  refundedWithSales: { qty: number; amount: number } = { qty: 0, amount: 0 },
): ZDeposits | undefined {
  const deposits: ZDeposits = { held: 0, heldQty: 0, returned: 0, returnedQty: 0, returnedToCards: 0, returnedInCash: 0, cupsOut: cupsOutBefore };
  for (const line of sales.flatMap((s) => s.lines)) {
    if (!line.deposit) continue;
    deposits.held += line.total;
    deposits.heldQty += line.qty;
  }
  for (const row of rows) {
    if (row.kind !== 'deposit-return') continue;
    const cash = row.legs.filter((l) => l.asset === fiatAsset && l.from === accounts.cashDrawer(posId)).reduce((s, l) => s + l.amount, 0);
    const toCard = row.legs.filter((l) => l.asset !== fiatAsset && l.to === row.wallet).reduce((s, l) => s + l.amount, 0);
    deposits.returned += cash + toCard;
    deposits.returnedQty += Number((row.meta?.deposit as { qty?: number } | undefined)?.qty ?? 0);
    deposits.returnedInCash += cash;
    deposits.returnedToCards += toCard;
  }
  if (!deposits.held && !deposits.returned && !cupsOutBefore) return undefined;
  const refunded = refundedWithSales.qty ? { refundedWithSales: refundedWithSales.amount } : {};
  return { ...deposits, ...refunded, cupsOut: cupsOutBefore + deposits.heldQty - deposits.returnedQty - refundedWithSales.qty };
}
