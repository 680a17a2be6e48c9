// Input rules for promo codes, shared by the admin API and the demo seed.
import { z } from 'zod';
import { limits } from '../shared/limits.js';
import { instantSchema } from '../ticketing/schemas.js';

const id = z.string().min(1).max(80);

/** Letters, digits, - and _; stored upper-case so "ete25" and "ETE25" are one code. */
export const promoCodeText = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{3,32}$/, '3 to 32 letters, digits, - or _')
  .transform((s) => s.toUpperCase());

const promoFields = {
  code: promoCodeText,
  label: z.string().trim().max(120),
  kind: z.enum(['percent', 'amount']),
  /** A percentage (1-100) or an amount in cents. */
  value: z.number().int().min(1).max(limits.maxAmountCents),
  /** Events and membership products it applies to; both empty: everything but top-ups. */
  eventIds: z.array(id).max(50),
  productIds: z.array(id).max(50),
  maxUses: z.number().int().min(1).max(1_000_000).nullable(),
  validFrom: instantSchema.nullable(),
  validUntil: instantSchema.nullable(),
  active: z.boolean(),
};

const coherent = <T extends { kind?: string; value?: number; validFrom?: number | null; validUntil?: number | null }>(p: T, ctx: z.RefinementCtx) => {
  if (p.kind === 'percent' && p.value !== undefined && p.value > 100) ctx.addIssue({ code: 'custom', message: 'a percentage is 1 to 100', path: ['value'] });
  if (p.validFrom != null && p.validUntil != null && p.validUntil <= p.validFrom) ctx.addIssue({ code: 'custom', message: 'must be after validFrom', path: ['validUntil'] });
};

export const promoInputSchema = z
  .object({
    ...promoFields,
    label: promoFields.label.default(''),
    eventIds: promoFields.eventIds.default([]),
    productIds: promoFields.productIds.default([]),
    maxUses: promoFields.maxUses.default(null),
    validFrom: promoFields.validFrom.default(null),
    validUntil: promoFields.validUntil.default(null),
    active: promoFields.active.default(true),
  })
  .strict()
  .superRefine(coherent);
export type PromoInput = z.input<typeof promoInputSchema>;

// The code itself and its kind stay as created: uses already counted were made under them.
export const promoUpdateSchema = z
  .object({ ...promoFields })
  .omit({ code: true, kind: true })
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'nothing to update')
  .superRefine(coherent);
export type PromoUpdate = z.input<typeof promoUpdateSchema>;
