// A collective's loyalty program, as its admin configures it, and what a sale earns under it.
// Units are whole stamps or points of the asset `loyalty:<collectiveId>`: one balance per
// collective, never money (money/assets.ts).
import { z } from 'zod';
import type { PricedLine } from '../pos/pricing.js';

export interface LoyaltyReward {
  id: string;
  name: string;
  /** Loyalty units the reward costs. */
  cost: number;
  /** A free unit of this product, or a discount of `discount` cents on the sale. */
  productId?: string;
  discount?: number;
}

export interface LoyaltyProgram {
  _id: string; // the collective's id: one program per collective
  collectiveId: string;
  name: string;
  active: boolean;
  /** One stamp per unit bought of these products or of products in these categories. */
  stamps?: { productIds: string[]; categories: string[] };
  /** Points per whole euro paid for the sale. */
  pointsPerEuro?: number;
  /** The balance expires after this many days without any loyalty activity of the holder. */
  expiryDays?: number;
  rewards: LoyaltyReward[];
  updatedAt: number;
}

const id = z.string().min(1).max(64);
export const loyaltyRewardSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'a reward id is 1 to 32 of [a-z0-9-]'),
    name: z.string().trim().min(1).max(80),
    cost: z.number().int().min(1).max(100_000),
    productId: id.optional(),
    discount: z.number().int().min(1).max(100_000).optional(),
  })
  .strict()
  .refine((r) => (r.productId === undefined) !== (r.discount === undefined), 'a reward is either a free product or a discount');

export const loyaltyProgramSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    active: z.boolean().default(true),
    stamps: z
      .object({ productIds: z.array(id).max(200).default([]), categories: z.array(z.string().trim().min(1).max(60)).max(50).default([]) })
      .strict()
      .optional(),
    pointsPerEuro: z.number().int().min(1).max(100).optional(),
    expiryDays: z.number().int().min(1).max(3650).optional(),
    rewards: z.array(loyaltyRewardSchema).max(20).default([]),
  })
  .strict()
  .refine((p) => p.stamps || p.pointsPerEuro, 'a program counts stamps, points per euro, or both')
  .refine((p) => new Set(p.rewards.map((r) => r.id)).size === p.rewards.length, 'reward ids are unique');

export type LoyaltyProgramInput = z.infer<typeof loyaltyProgramSchema>;

/** Units a sale earns: stamps for the matching lines' quantities, points for the euros paid. */
export function earnedBy(program: LoyaltyProgram | null, lines: readonly PricedLine[], paid: number): number {
  if (!program?.active) return 0;
  let units = 0;
  const stamps = program.stamps;
  if (stamps) {
    const stamped = (productId: string, category?: string) => stamps.productIds.includes(productId) || (category !== undefined && stamps.categories.includes(category));
    const category = new Map(lines.map((l) => [l.productId, l.category]));
    for (const line of lines) {
      if (!line.reward && stamped(line.productId, line.category)) units += line.qty;
      // A product given free by a reward earns no stamp.
      const free = line.reward?.productId;
      if (free && stamped(free, category.get(free))) units -= 1;
    }
  }
  if (program.pointsPerEuro) units += Math.floor(paid / 100) * program.pointsPerEuro;
  return Math.max(0, units);
}

/** Units to take back when `amount` more of a sale of `total` is refunded (cumulative, so partial refunds add up to all). */
export function takenBackBy(earned: number, total: number, refundedBefore: number, amount: number): number {
  if (earned <= 0 || total <= 0) return 0;
  const share = (refunded: number) => Math.ceil((earned * Math.min(refunded, total)) / total);
  return share(refundedBefore + amount) - share(refundedBefore);
}
