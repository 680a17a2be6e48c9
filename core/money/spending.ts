// Which assets pay for an amount at a collective.
// Invariants: the plan never takes more of an asset than the wallet holds; the sum of the plan
// equals the amount, or the plan is refused with what is missing. Order (DESIGN.md): gift of
// the collective, then the local currencies it accepts (its own first), then global.
import { giftAsset, globalAsset, isMoney, localAsset } from './assets.js';

export interface SpendPlan {
  ok: true;
  parts: Array<{ asset: string; amount: number }>;
}

export interface SpendRefusal {
  ok: false;
  missing: number;
}

export function spendingOrder(collectiveId: string, acceptedLocals: string[]): string[] {
  const own = localAsset(collectiveId);
  const others = acceptedLocals.filter((a) => a !== own).sort();
  return [giftAsset(collectiveId), own, ...others, globalAsset];
}

export function planSpending(balances: ReadonlyMap<string, number>, amount: number, order: string[]): SpendPlan | SpendRefusal {
  const parts: SpendPlan['parts'] = [];
  let left = amount;
  for (const asset of order) {
    if (left === 0) break;
    if (!isMoney(asset)) continue; // loyalty units are redeemed as rewards, never spent as money
    const take = Math.min(balances.get(asset) ?? 0, left);
    if (take > 0) {
      parts.push({ asset, amount: take });
      left -= take;
    }
  }
  return left === 0 ? { ok: true, parts } : { ok: false, missing: left };
}
