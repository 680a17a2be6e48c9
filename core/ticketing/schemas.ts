// Input rules for events, prices and bookings, shared by the HTTP gateway and the demo seed.
import { z } from 'zod';
import { limits, txIdPattern } from '../shared/limits.js';

/** A moment as epoch milliseconds, or an ISO 8601 date-time with its offset ("2026-07-14T20:00:00+02:00"). */
export const instantSchema = z.union([
  z.number().int().min(0).max(8_640_000_000_000),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

// Only http(s) or site-relative: a `javascript:` URL rendered as an image would run code.
const imageUrl = z
  .string()
  .max(2_000)
  .refine((u) => /^https?:\/\/[^\s]+$/.test(u) || /^\/[^\s/][^\s]*$/.test(u), 'must be an http(s) URL or a path starting with /');

export const maxCapacity = 100_000;
export const maxTicketsPerBooking = 20;

const eventFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000),
  place: z.string().trim().max(300),
  imageUrl: imageUrl.nullable(),
  startsAt: instantSchema,
  endsAt: instantSchema,
  capacity: z.number().int().min(1).max(maxCapacity),
  published: z.boolean(),
};

export const eventInputSchema = z
  .object({
    ...eventFields,
    description: eventFields.description.default(''),
    place: eventFields.place.default(''),
    imageUrl: eventFields.imageUrl.default(null),
    published: eventFields.published.default(false),
  })
  .strict()
  .refine((e) => e.endsAt > e.startsAt, { message: 'must be after the start', path: ['endsAt'] });
export type EventInput = z.input<typeof eventInputSchema>;

export const eventUpdateSchema = z
  .object(eventFields)
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'nothing to update')
  .refine((u) => u.startsAt === undefined || u.endsAt === undefined || u.endsAt > u.startsAt, { message: 'must be after the start', path: ['endsAt'] });
export type EventUpdate = z.input<typeof eventUpdateSchema>;

const priceFields = {
  name: z.string().trim().min(1).max(120),
  amount: z.number().int().min(0).max(limits.maxAmountCents),
  quota: z.number().int().min(1).max(maxCapacity).nullable(),
  membersOnly: z.boolean(),
  /** The buyer chooses what they pay, `amount` being the minimum. */
  payWhatYouWant: z.boolean(),
  active: z.boolean(),
};

export const priceInputSchema = z
  .object({ ...priceFields, quota: priceFields.quota.default(null), membersOnly: priceFields.membersOnly.default(false), payWhatYouWant: priceFields.payWhatYouWant.default(false), active: priceFields.active.default(true) })
  .strict();
export type PriceInput = z.input<typeof priceInputSchema>;

export const priceUpdateSchema = z
  .object(priceFields)
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'nothing to update');
export type PriceUpdate = z.input<typeof priceUpdateSchema>;

const id = z.string().min(1).max(80);

export const bookingLinesSchema = z
  // `amount`: the unit price the buyer chose, for a pay-what-you-want price only.
  .array(z.object({ priceId: id, qty: z.number().int().min(1).max(maxTicketsPerBooking), amount: z.number().int().min(0).max(limits.maxAmountCents).optional() }).strict())
  .min(1)
  .max(10)
  .refine((lines) => lines.reduce((n, l) => n + l.qty, 0) <= maxTicketsPerBooking, `at most ${maxTicketsPerBooking} tickets per booking`)
  .refine((lines) => new Set(lines.map((l) => l.priceId)).size === lines.length, 'each price once');
export type BookingLines = z.infer<typeof bookingLinesSchema>;

/** A client-generated idempotency key (as a txId): the same booking sent twice is one booking. */
export const requestIdSchema = z.string().regex(txIdPattern, '8 to 80 characters of [A-Za-z0-9_.:-]');
