// Loyalty at a point of sale: a sale earns on the card that paid or was tapped; a refund takes
// back its share. Loyalty never blocks a sale or a refund: a card that cannot earn (unknown,
// blocked) just earns nothing; a store that is unavailable fails the sale, whose resend earns once.
import type { LoyaltyProgram } from '../loyalty/program.js';
import { earnedBy, takenBackBy } from '../loyalty/program.js';
import type { BalanceLine, PassService, Where } from '../pass/service.js';
import { isAppError } from '../shared/errors.js';
import { applyReward } from '../loyalty/reward.js';
import type { LoyaltyReward } from '../loyalty/program.js';
import { priceLines, type PricedLine } from './pricing.js';
import type { CatalogProduct, SaleInput } from './types.js';
import type { Sale } from './records.js';

export interface Earned {
  loyalty?: Sale['loyalty'];
  balances?: BalanceLine[];
}

/** Prices a sale's lines and its reward, if any: the total is what is paid. */
export function priceSale(
  msg: SaleInput,
  products: ReadonlyMap<string, CatalogProduct>,
  program: LoyaltyProgram | null,
): { lines: PricedLine[]; total: number; reward?: LoyaltyReward } {
  const priced = priceLines(msg.lines, products);
  if (msg.reward === undefined) return priced;
  const applied = applyReward(program, msg.reward, priced.lines);
  return { lines: [...priced.lines, ...applied.lines], total: priced.total - applied.discount, reward: applied.reward };
}

export async function earnOnSale(
  pass: PassService,
  program: LoyaltyProgram | null,
  sale: { txId: string; cardUid?: string; lines: PricedLine[]; paid: number } & Where,
): Promise<Earned> {
  const units = earnedBy(program, sale.lines, sale.paid);
  if (!sale.cardUid || units <= 0) return {};
  const { txId, cardUid, collectiveId, posId, terminalId } = sale;
  try {
    const res = await pass.earnLoyalty({ saleTxId: txId, cardUid, units, expiryDays: program?.expiryDays, collectiveId, posId, terminalId });
    return { loyalty: { walletId: res.card.walletId, units }, balances: res.balanceLines };
  } catch (err) {
    if (isTransient(err)) throw err;
    return {};
  }
}

export async function takeBackOnRefund(
  pass: PassService,
  program: LoyaltyProgram | null,
  sale: Sale,
  refund: { txId: string; amount: number; terminalId?: string },
): Promise<void> {
  if (!sale.loyalty) return;
  const units = takenBackBy(sale.loyalty.units, sale.total, sale.refundedTotal, refund.amount);
  if (units <= 0) return;
  try {
    await pass.takeBackLoyalty({
      refundTxId: refund.txId,
      saleTxId: sale._id,
      walletId: sale.loyalty.walletId,
      units,
      expiryDays: program?.expiryDays,
      collectiveId: sale.collectiveId,
      posId: sale.posId,
      terminalId: refund.terminalId,
    });
  } catch (err) {
    if (isTransient(err)) throw err; // nothing left to take back (spent, expired) is not an error
  }
}

function isTransient(err: unknown): boolean {
  return !isAppError(err) || err.code === 'UNAVAILABLE' || err.code === 'CONFLICT';
}
