// Input rules for membership products and the answers a buyer gives to their questions.
import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import type { MembershipField } from './types.js';

const fieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _, starting with a letter'),
    label: z.string().trim().min(1).max(120),
    kind: z.enum(['text', 'email', 'phone', 'date', 'choice']).default('text'),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(80)).min(1).max(30).optional(),
  })
  .strict()
  .refine((f) => f.kind !== 'choice' || (f.options?.length ?? 0) > 0, { message: 'a choice needs options', path: ['options'] });

const fieldsSchema = z
  .array(fieldSchema)
  .max(20)
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'each question needs its own key');

const productFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().max(5_000),
  price: z.number().int().min(0).max(limits.maxAmountCents),
  /** The buyer chooses what they pay, `price` being the minimum. */
  payWhatYouWant: z.boolean(),
  durationDays: z.number().int().min(1).max(3_660).nullable(),
  period: z.enum(['month', 'year']).nullable(),
  fields: fieldsSchema,
  active: z.boolean(),
};

/** Exactly one of a duration and a period. */
export const oneValidity = (p: { durationDays?: number | null; period?: string | null }) => ((p.durationDays ?? null) === null) !== ((p.period ?? null) === null);

export const productInputSchema = z
  .object({
    ...productFields,
    description: productFields.description.default(''),
    payWhatYouWant: productFields.payWhatYouWant.default(false),
    durationDays: productFields.durationDays.default(null),
    period: productFields.period.default(null),
    fields: productFields.fields.default([]),
    active: productFields.active.default(true),
  })
  .strict()
  .refine(oneValidity, { message: 'give either a duration in days or a period (month, year)', path: ['durationDays'] });
export type ProductInput = z.input<typeof productInputSchema>;

export const productUpdateSchema = z
  .object(productFields)
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'nothing to update');
export type ProductUpdate = z.input<typeof productUpdateSchema>;

export const answersSchema = z.record(z.string().max(40), z.string().max(500)).default({});

/** Checks answers against a product's questions; INVALID_INPUT with `fields` naming each wrong one. */
export function checkAnswers(fields: MembershipField[], answers: Record<string, string> = {}, prefix = 'answers'): Record<string, string> {
  const errors: Record<string, string> = {};
  const out: Record<string, string> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) errors[`${prefix}.${key}`] = 'not a question of this membership';
  for (const field of fields) {
    const value = (answers[field.key] ?? '').trim();
    if (!value) {
      if (field.required) errors[`${prefix}.${field.key}`] = 'required';
      continue;
    }
    const why = wrongAnswer(field, value);
    if (why) errors[`${prefix}.${field.key}`] = why;
    else out[field.key] = value;
  }
  if (Object.keys(errors).length) throw new AppError('INVALID_INPUT', 'some answers are missing or wrong', { fields: errors });
  return out;
}

function wrongAnswer(field: MembershipField, value: string): string | null {
  switch (field.kind) {
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : 'must be an email address';
    case 'phone':
      return /^\+?[0-9 ().-]{6,20}$/.test(value) ? null : 'must be a phone number';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be a date (YYYY-MM-DD)';
    case 'choice':
      return field.options?.includes(value) ? null : `must be one of: ${field.options?.join(', ')}`;
    default:
      return null;
  }
}
