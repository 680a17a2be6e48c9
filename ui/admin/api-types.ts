// The shapes the admin API answers (gateways/http/routes/*), as the admin screens read them.
// Amounts are integer cents; VAT rates integer basis points (2000 = 20 %).

export interface Account {
  accountId: string;
  email: string;
  name: string;
  role: 'collective-admin' | 'operator';
  collectiveId: string | null;
}

export interface CollectiveProfile {
  id: string;
  slug: string;
  name: string;
  villageId: string | null;
  description: string;
  logoUrl: string | null;
  timezone: string;
  images: string[];
  colours: { primary: string; secondary: string };
}

export interface CollectiveSummary {
  id: string;
  slug: string;
  name: string;
  villageId: string | null;
  description: string;
  logoUrl: string | null;
}

export interface PointOfSale {
  id: string;
  collectiveId: string;
  name: string;
  active: boolean;
  requireStaff: boolean;
  catalogVersion: number;
  createdAt: number;
}

export type ProductKind = 'item' | 'topup' | 'membership' | 'ticket';

export interface Product {
  id: string;
  collectiveId: string;
  name: string;
  category: string;
  price: number;
  vatRate: number;
  colour?: string;
  kind: ProductKind;
  active: boolean;
  archived: boolean;
  createdAt: number;
}

export interface Offer {
  productId: string;
  price: number | null;
  order: number;
}

export interface Terminal {
  _id: string;
  posId: string;
  name: string;
  state: 'pending' | 'paired' | 'revoked';
  createdAt: number;
  pairedAt?: number;
  revokedAt?: number;
}

export interface NewTerminal {
  terminalId: string;
  pairingCode: string;
  expiresAt: number;
}

export interface RegisterSession {
  _id: string;
  state: 'open' | 'closed';
  openedAt: number;
  openedBy: string;
  float: number;
  closedAt?: number;
  expectedCash?: number;
  countedCash?: number;
  difference?: number;
  zId?: string;
}

export interface RegisterStatus {
  session: RegisterSession | null;
  lastNumber: number;
  lastZ: number;
}

export interface ZTicket {
  _id: string;
  posId: string;
  posName: string;
  number: number;
  businessDay: string;
  from: number;
  to: number;
  sessions: Array<Pick<RegisterSession, '_id' | 'openedAt' | 'closedAt' | 'float' | 'expectedCash' | 'countedCash' | 'difference'>>;
  totals: {
    salesCount: number;
    firstSale: number | null;
    lastSale: number | null;
    sales: number;
    byMethod: { cash: number; card: number; pass: number };
    byProduct: Array<{ productId: string; name: string; qty: number; total: number }>;
    byVat: Array<{ rate: number; total: number; vat: number }>;
    byAsset: Record<string, number>;
    topups: { total: number; byMethod: Record<string, number>; byAsset: Record<string, number> };
    refunds: { total: number; byMethod: { cash: number; card: number; pass: number } };
    cashouts: number;
  };
  grandTotal: number;
  closedBy: string;
  at: number;
  hash: string;
}

export interface CloseResult {
  session: RegisterSession | null;
  z: ZTicket | null;
}

export interface Amounts {
  sales: number;
  refunds: number;
  net: number;
}

export interface RevenueReport {
  from: number;
  to: number;
  timezone: string;
  totals: Amounts & { salesCount: number; refundsCount: number };
  byPos: Array<Amounts & { posId: string; salesCount: number }>;
  byDay: Array<Amounts & { day: string }>;
  byMethod: Record<'cash' | 'card' | 'pass', Amounts>;
  byProduct: Array<Amounts & { productId: string; name: string; qty: number; refundedQty: number }>;
  byAsset: Array<Amounts & { asset: string }>;
  truncated: boolean;
}

export interface CurrencyView {
  asset: string;
  name: string;
}

export interface CurrenciesView {
  collectiveId: string;
  local: CurrencyView | null;
  gift: CurrencyView | null;
  village: { id: string; name: string } | null;
  others: Array<CurrencyView & { collectiveId: string; collectiveName: string; accepted: boolean; inVillage: boolean }>;
}

export type StaffRole = 'cashier' | 'manager';

/** A staff member as listed: the PIN itself is never sent back, only whether one is set. */
export interface StaffMember {
  _id: string;
  collectiveId: string;
  name: string;
  role: StaffRole;
  cardUid?: string;
  hasPin: boolean;
  /** Points of sale this person may unlock; empty means all. */
  posIds: string[];
  active: boolean;
  createdAt: number;
}

export interface SettlementDirection {
  spent: number;
  refunded: number;
  /** spent - refunded: what the issuer owes the holder for this direction. */
  due: number;
}

export interface SettlementPair {
  a: string;
  b: string;
  /** Currency of a spent at b. */
  aToB: SettlementDirection;
  /** Currency of b spent at a. */
  bToA: SettlementDirection;
  /** Euros that change hands after netting, >= 0. */
  net: number;
  debtor: string | null;
  creditor: string | null;
}

export interface SettlementStatement {
  _id: string;
  villageId: string;
  /** The UTC day settled, YYYY-MM-DD. */
  periodKey: string;
  from: number;
  to: number;
  collectiveIds: string[];
  pairs: SettlementPair[];
  totals: Record<string, { owesGross: number; owedGross: number; balance: number }>;
  createdAt: number;
  /** Pair index → its recorded payment. */
  payments: Record<string, { txId: string; rowId: string; at: number }>;
}
