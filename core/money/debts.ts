// A card's debt: what an offline sale could not take from it (the terminal accepted the sale
// under the point of sale's offline policy; the card had been spent elsewhere meanwhile).
// Invariants:
// - no wallet goes below zero: the card pays what it holds, the rest is owed;
// - money is conserved: the owed part is a leg from the card's debt account to the collective,
//   in the collective's local currency, so every asset still sums to zero;
// - the debt account only ever holds what is owed (≤ 0); a repayment never exceeds the debt;
// - a repayment swaps the collective's claim for real money: the top-up's asset goes from the
//   wallet to the collective, the collective's claim goes back to the debt account.
import { accounts } from './accounts.js';
import { globalAsset, localAsset, parseAsset } from './assets.js';
import type { Leg } from './ledger-row.js';

/** What a wallet owes, per collective (positive cents). */
export type Debts = Record<string, number>;

export function totalDebt(debts: Debts): number {
  return Object.values(debts).reduce((s, v) => s + v, 0);
}

/** The leg booking `amount` owed by `wallet` to `collectiveId`, and the debts after it. */
export function shortfallLeg(wallet: string, collectiveId: string, amount: number, debts: Debts): { leg: Leg; debts: Debts } {
  const asset = localAsset(collectiveId);
  return {
    leg: { asset, from: accounts.cardDebt(wallet), to: accounts.collective(collectiveId), amount },
    debts: { ...debts, [collectiveId]: (debts[collectiveId] ?? 0) + amount },
  };
}

/**
 * Legs that repay debts first out of a top-up of `amount` of `asset` at `collectiveId`. A global
 * top-up repays every debt; a local one repays the debt owed to that collective only (its local
 * currency is not accepted everywhere). Returns no legs when nothing is owed there.
 */
export function repaymentLegs(wallet: string, asset: string, amount: number, collectiveId: string, debts: Debts): { legs: Leg[]; repaid: number; debts: Debts } {
  const legs: Leg[] = [];
  const after: Debts = { ...debts };
  let left = amount;
  const ref = parseAsset(asset);
  const owedTo = Object.keys(debts)
    .filter((c) => debts[c] > 0 && (asset === globalAsset || (ref?.kind === 'local' && c === collectiveId)))
    .sort();
  for (const creditor of owedTo) {
    const take = Math.min(left, debts[creditor]);
    if (take <= 0) continue;
    const claim = localAsset(creditor);
    if (asset === claim) {
      legs.push({ asset, from: wallet, to: accounts.cardDebt(wallet), amount: take });
    } else {
      legs.push({ asset, from: wallet, to: accounts.collective(creditor), amount: take });
      legs.push({ asset: claim, from: accounts.collective(creditor), to: accounts.cardDebt(wallet), amount: take });
    }
    after[creditor] -= take;
    if (after[creditor] === 0) delete after[creditor];
    left -= take;
  }
  return { legs, repaid: amount - left, debts: after };
}
