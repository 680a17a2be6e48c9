import type { Doc } from '../store/port.js';

/** A night past midnight is one business day (TiBillet pivots at 04:00 too). */
export const defaultDayCutoff = '04:00';

/** Colours of a collective's public pages (Lespass), as #rrggbb. */
export interface Colours {
  primary: string;
  secondary: string;
}

/** An association, festival, venue...: the tenant of everything else (POS, events, money). */
export interface Collective extends Doc {
  slug: string;
  name: string;
  /** IANA time zone: its business day, Z tickets and agenda are in this zone. */
  timezone: string;
  /** Local time ("HH:MM", 00:00 to 11:59) at which its business day starts; 04:00 when absent. */
  dayCutoff?: string;
  /** Language of the documents it sends (mails, PDF tickets, receipts) when the buyer's is unknown; French when absent. */
  lang?: 'fr' | 'en';
  description: string;
  logoUrl: string | null;
  images: string[];
  colours: Colours;
  /** Legal identity printed on Z tickets and receipts (French cash-register law); optional. */
  address?: string;
  /** 14-digit SIRET of the establishment. */
  siret?: string;
  /** Intra-community VAT number, e.g. FR12345678901. */
  vatNumber?: string;
  /** 1..12: the month the fiscal year starts (annual closures); 1 when absent. */
  fiscalYearStartMonth?: number;
  /** A collective belongs to at most one village; null when it stands alone. */
  villageId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A named group of collectives that share an agenda, memberships and local currencies. */
export interface Village extends Doc {
  name: string;
  description: string;
  createdAt: number;
}

/** What anyone may see of a collective (public list and Lespass). */
export interface CollectiveSummary {
  id: string;
  slug: string;
  name: string;
  villageId: string | null;
  description: string;
  logoUrl: string | null;
  /** IANA zone: every date of the collective is shown and typed in it, whatever the browser's zone. */
  timezone: string;
}

export interface CollectiveProfile extends CollectiveSummary {
  dayCutoff: string;
  lang: 'fr' | 'en';
  images: string[];
  colours: Colours;
  address: string;
  siret: string;
  vatNumber: string;
  fiscalYearStartMonth: number;
}

export function toSummary(c: Collective): CollectiveSummary {
  return { id: c._id, slug: c.slug, name: c.name, villageId: c.villageId, description: c.description, logoUrl: c.logoUrl, timezone: c.timezone };
}

export function toProfile(c: Collective): CollectiveProfile {
  // The legal identity is public: it is printed on every receipt and Z ticket.
  return { ...toSummary(c), dayCutoff: c.dayCutoff ?? defaultDayCutoff, lang: c.lang ?? 'fr', images: c.images, colours: c.colours, address: c.address ?? '', siret: c.siret ?? '', vatNumber: c.vatNumber ?? '', fiscalYearStartMonth: c.fiscalYearStartMonth ?? 1 };
}
