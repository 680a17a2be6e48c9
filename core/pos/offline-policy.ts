// The offline policy of a point of sale: how much credit a terminal that cannot reach the server
// may grant to Pass cards (a card's balance is on the server, not on the chip). Cash and bank-card
// sales need no server and are always recorded offline. Safe defaults: small amounts, two hours.
import { z } from 'zod';
import { limits } from '../shared/limits.js';

export interface OfflinePolicy {
  /** Largest Pass sale a terminal accepts offline. 0 turns Pass sales offline off. */
  maxSaleCents: number;
  /** What one card may spend offline at one terminal until it syncs. */
  maxPerCardCents: number;
  /** What one terminal may accept in Pass sales offline until it syncs. */
  maxTotalCents: number;
  /** After this long without the server, the terminal refuses Pass sales; older entries are refused at sync. */
  maxOfflineMs: number;
}

export const defaultOfflinePolicy: OfflinePolicy = {
  maxSaleCents: 20_00,
  maxPerCardCents: 40_00,
  maxTotalCents: 500_00,
  maxOfflineMs: 2 * 60 * 60_000,
};

const cents = z.number().int().min(0).max(limits.maxAmountCents);

/** An admin's edit: every field optional, each bounded (a day at most offline). */
export const offlinePolicyPatch = z
  .object({
    maxSaleCents: cents,
    maxPerCardCents: cents,
    maxTotalCents: cents,
    maxOfflineMs: z
      .number()
      .int()
      .min(60_000)
      .max(24 * 60 * 60_000),
  })
  .partial()
  .strict();

export function offlinePolicyOf(pos: { offlinePolicy?: Partial<OfflinePolicy> }): OfflinePolicy {
  return { ...defaultOfflinePolicy, ...(pos.offlinePolicy ?? {}) };
}
