// Input rules for collectives and villages, shared by the HTTP gateway and the demo seed.
import { z } from 'zod';

/** Slugs that are paths of the apps themselves: a collective named so would hide them. */
export const reservedSlugs = new Set([
  'admin', 'api', 'assets', 'dashboard', 'display', 'door', 'healthz', 'home', 'laboutik', 'lespass', 'readyz', 'socket.io', 'static', 'ui',
]);

/**
 * True for an IANA zone name as the database spells it ("Europe/Paris", "UTC"), known to this
 * runtime's time zone data; not abbreviations ("EST") nor other spellings ("europe/paris").
 */
export function isIanaTimezone(name: string): boolean {
  if (name !== 'UTC' && !/^[A-Z][A-Za-z]+(?:\/[A-Z][A-Za-z0-9_+-]*)+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** "La Fourmilière" → "la-fourmiliere". */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb');
// Only http(s) or site-relative: a `javascript:` URL rendered as an image or link would run code.
const imageUrl = z
  .string()
  .max(2_000)
  .refine((u) => /^https?:\/\/[^\s]+$/.test(u) || /^\/[^\s/][^\s]*$/.test(u), 'must be an http(s) URL or a path starting with /');

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lowercase letters, digits and dashes, 1 to 40 characters')
  .refine((s) => !reservedSlugs.has(s), 'this slug is reserved');

export const timezoneSchema = z.string().max(64).refine(isIanaTimezone, 'must be an IANA time zone such as Europe/Paris');

// Legal identity of the establishment (printed on Z tickets and receipts).
const legalIdentity = {
  address: z.string().trim().max(300),
  siret: z.string().regex(/^\d{14}$/, 'a SIRET is 14 digits').or(z.literal('')),
  vatNumber: z.string().regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, 'a VAT number such as FR12345678901').or(z.literal('')),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
};
/** A business day's start, local time: "HH:MM" before noon (a day that starts after noon is not a night). */
export const dayCutoffSchema = z.string().regex(/^(0\d|1[01]):[0-5]\d$/, 'must be HH:MM between 00:00 and 11:59');

export const coloursSchema = z.object({ primary: hexColour, secondary: hexColour }).strict();

export const collectiveInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    slug: slugSchema.optional(),
    timezone: timezoneSchema.default('Europe/Paris'),
    description: z.string().max(5_000).default(''),
    logoUrl: imageUrl.nullable().default(null),
    images: z.array(imageUrl).max(12).default([]),
    colours: coloursSchema.default({ primary: '#1f6feb', secondary: '#f5a623' }),
    address: legalIdentity.address.optional(),
    siret: legalIdentity.siret.optional(),
    vatNumber: legalIdentity.vatNumber.optional(),
    fiscalYearStartMonth: legalIdentity.fiscalYearStartMonth.optional(),
  })
  .strict();
export type CollectiveInput = z.input<typeof collectiveInputSchema>;

/** What a collective's admin may change on its own profile (not its name or slug: links depend on them). */
export const collectiveUpdateSchema = z
  .object({
    description: z.string().max(5_000),
    logoUrl: imageUrl.nullable(),
    images: z.array(imageUrl).max(12),
    colours: coloursSchema,
    timezone: timezoneSchema,
    ...legalIdentity,
    dayCutoff: dayCutoffSchema,
    lang: z.enum(['fr', 'en']),
  })
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'nothing to update');
export type CollectiveUpdate = z.infer<typeof collectiveUpdateSchema>;

export const villageInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(5_000).default(''),
  })
  .strict();
export type VillageInput = z.input<typeof villageInputSchema>;
