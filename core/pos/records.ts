// Stored records of a point of sale: sales, register sessions (shifts) and Z tickets.
import type { ZDeposits } from './deposit.js';
import type { PricedLine } from './pricing.js';
import type { OfflineMark } from './types.js';

export interface SaleRefund {
  txId: string;
  amount: number;
  pass: number;
  card: number;
  cash: number;
  lines?: Array<{ productId: string; qty: number }>;
  at: number;
}

export interface Sale {
  _id: string; // the terminal's txId
  posId: string;
  collectiveId: string;
  number: number;
  sessionId: string;
  lines: PricedLine[];
  total: number;
  payments: { cash: number; card: number; pass: number };
  change: number;
  walletId?: string;
  cardUid?: string;
  /** The second Pass card of a sale paid with two (its own row `txId`, the part it paid). */
  second?: { walletId: string; cardUid?: string; txId: string; amount: number };
  spent?: Array<{ asset: string; amount: number }>;
  legs: Array<{ asset: string; from: string; to: string; amount: number }>;
  terminalId?: string;
  staff?: string;
  refunds: SaleRefund[];
  refundedTotal: number;
  /** Recorded when it reached the server (its register session and Z are the ones open then). */
  at: number;
  /** Made by a terminal offline: when and at which place of its journal. */
  offline?: OfflineMark;
  /** Offline Pass sale the card could not cover: this part was booked as the card's debt. */
  shortfall?: number;
}

export interface RegisterSession {
  _id: string;
  posId: string;
  collectiveId: string;
  state: 'open' | 'closed';
  openedAt: number;
  openedBy: string;
  float: number;
  closedAt?: number;
  closedBy?: string;
  expectedCash?: number;
  countedCash?: number;
  difference?: number;
  zId?: string;
}

export interface ZTotals {
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
  /** Present when offline sales were synced in the period (a Z is never changed afterwards). */
  offline?: OfflineTotals;
  /** Deposits (consigne) held and returned, apart from sales (core/pos/deposit.ts); absent when none. */
  deposits?: ZDeposits;
}

/**
 * Sales terminals made offline and synced in this Z's period. `late` are those made before the
 * previous Z was written (their day is already closed): they are counted here, in this marked
 * section, never by changing the earlier Z.
 */
export interface OfflineTotals {
  count: number;
  total: number;
  /** Pass part of offline sales the cards could not cover: booked as the cards' debts. */
  shortfall: number;
  late: { count: number; total: number };
}

export interface ZTicket {
  _id: string; // `${posId}#${number}`
  posId: string;
  collectiveId: string;
  posName: string;
  number: number;
  businessDay: string;
  from: number;
  to: number;
  sessions: Array<Pick<RegisterSession, '_id' | 'openedAt' | 'closedAt' | 'float' | 'expectedCash' | 'countedCash' | 'difference'>>;
  totals: ZTotals;
  /** Perpetual grand total: every sale net of refunds since the POS was created. */
  grandTotal: number;
  closedBy: string;
  at: number;
  prevHash: string;
  hash: string;
}
