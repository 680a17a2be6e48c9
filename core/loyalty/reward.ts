// A reward redeemed at a sale, as lines of the sale: a free unit of a product in the cart, or a
// discount spread over the cart's VAT rates pro rata (largest remainder). Reward lines carry
// negative totals, so the sale total and the VAT table are on what was paid.
import type { PricedLine } from '../pos/pricing.js';
import { AppError } from '../shared/errors.js';
import type { LoyaltyProgram, LoyaltyReward } from './program.js';

export const rewardCategory = 'loyalty';

export interface RewardApplied {
  reward: LoyaltyReward;
  lines: PricedLine[];
  /** What the reward takes off the sale, in cents (> 0). */
  discount: number;
}

export function applyReward(program: LoyaltyProgram | null, rewardId: string, lines: readonly PricedLine[]): RewardApplied {
  const reward = program?.active ? program.rewards.find((r) => r.id === rewardId) : undefined;
  if (!reward) throw new AppError('INVALID_INPUT', `no reward ${rewardId} in this collective's loyalty program`, { reason: 'REWARD_UNKNOWN' });
  const line = (amount: number, vatRate: number): PricedLine => ({
    productId: `reward:${reward.id}`,
    name: reward.name,
    category: rewardCategory,
    qty: 1,
    unitPrice: -amount,
    vatRate,
    total: -amount,
    reward: { id: reward.id, units: reward.cost, ...(reward.productId ? { productId: reward.productId } : {}) },
  });
  if (reward.productId) {
    const bought = lines.find((l) => l.productId === reward.productId && l.unitPrice > 0);
    if (!bought) throw new AppError('INVALID_INPUT', `the reward ${reward.name} needs its product in the sale`, { reason: 'REWARD_PRODUCT_MISSING' });
    return { reward, lines: [line(bought.unitPrice, bought.vatRate)], discount: bought.unitPrice };
  }
  const byVat = new Map<number, number>();
  for (const l of lines) byVat.set(l.vatRate, (byVat.get(l.vatRate) ?? 0) + l.total);
  const total = [...byVat.values()].reduce((s, v) => s + v, 0);
  const discount = Math.min(reward.discount!, total);
  if (discount <= 0) throw new AppError('INVALID_AMOUNT', 'nothing in the sale to discount');
  const shares = [...byVat].map(([rate, amount]) => ({ rate, exact: (discount * amount) / total })).map((s) => ({ ...s, cents: Math.floor(s.exact) }));
  let left = discount - shares.reduce((s, x) => s + x.cents, 0);
  for (const s of [...shares].sort((a, b) => b.exact - b.cents - (a.exact - a.cents) || a.rate - b.rate)) {
    if (left === 0) break;
    s.cents++;
    left--;
  }
  return {
    reward,
    lines: shares
      .filter((s) => s.cents > 0)
      .sort((a, b) => a.rate - b.rate)
      .map((s) => line(s.cents, s.rate)),
    discount,
  };
}
