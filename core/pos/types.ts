// Shapes shared by the point-of-sale pieces (catalog, terminals, sales, registers, Z tickets).
// Amounts are integer cents; VAT rates are integer basis points (2000 = 20 %, 550 = 5.5 %).
import type { OfflinePolicy } from './offline-policy.js';

/** `deposit`: a returnable deposit (consigne, e.g. an eco-cup): not revenue, no VAT, given back on return. */
export type ProductKind = 'item' | 'topup' | 'membership' | 'ticket' | 'deposit';

export interface PointOfSale {
  _id: string;
  collectiveId: string;
  name: string;
  active: boolean;
  /** Terminals must be unlocked by a staff member to sell; refunds then need a manager. */
  requireStaff?: boolean;
  /** Offline credit terminals may grant (offline-policy.ts); unset fields take the defaults. */
  offlinePolicy?: Partial<OfflinePolicy>;
  /**
   * A closed register opens itself at the first sale (float carried over), shown as such on the
   * terminal; false: sales are refused until a manager opens it. Absent means true (protocol v1).
   */
  openOnFirstSale?: boolean;
  /** Bumped on every catalog change: terminals reload on `catalog:changed`. */
  catalogVersion: number;
  createdAt: number;
}

export interface Product {
  _id: string;
  collectiveId: string;
  name: string;
  category: string;
  price: number;
  vatRate: number;
  colour?: string;
  kind: ProductKind;
  active: boolean;
  /** A sold product is never deleted: it is archived. */
  archived: boolean;
  createdAt: number;
}

/** A product offered at one point of sale, optionally at its own price. */
export interface PosProduct {
  _id: string; // `${posId}:${productId}`
  posId: string;
  productId: string;
  collectiveId: string;
  price?: number;
  order: number;
}

export interface CatalogProduct {
  id: string;
  name: string;
  price: number;
  vatRate: number;
  category: string;
  kind: ProductKind;
  colour?: string;
}

export interface Catalog {
  pos: { id: string; name: string; collectiveId: string; version: number };
  categories: string[];
  products: CatalogProduct[];
}

export interface Terminal {
  _id: string;
  posId: string;
  collectiveId: string;
  name: string;
  /** sha256 of the bearer token; the token itself is never stored. */
  tokenHash?: string;
  state: 'pending' | 'paired' | 'revoked';
  createdAt: number;
  pairedAt?: number;
  /** HMAC key (hex) of the terminal's offline journal, issued at pairing; never listed. */
  offlineKey?: string;
  /** Last time the terminal spoke to the server, and last time it synced offline sales. */
  lastSeenAt?: number;
  lastSyncAt?: number;
}

export type SalePayment = { method: 'pass'; cardUid: string } | { method: 'cash' | 'card'; amount: number };

export interface SaleInput {
  txId: string;
  /** `price` overrides the catalog price of a line (manager only, checked by the gateway). */
  lines: Array<{ productId: string; qty: number; price?: number }>;
  payments: SalePayment[];
  /** A card tapped at a cash or bank-card sale: it earns the sale's loyalty units. */
  loyaltyCardUid?: string;
  /** A reward of the collective's loyalty program (its id), paid with that card's loyalty units. */
  reward?: string;
  terminalId?: string;
  staff?: string;
  /** A sale the terminal recorded while offline (its journal entry), synced now. */
  offline?: OfflineMark;
}

/** When the terminal made the sale and its place in the terminal's journal. */
export interface OfflineMark {
  at: number;
  seq: number;
}
