import type { Doc } from '../store/port.js';

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
  return { ...toSummary(c), images: c.images, colours: c.colours, address: c.address ?? '', siret: c.siret ?? '', vatNumber: c.vatNumber ?? '', fiscalYearStartMonth: c.fiscalYearStartMonth ?? 1 };
}
