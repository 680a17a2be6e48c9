// Stored records of a point of sale: sales, register sessions (shifts) and Z tickets.
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
  /** Loyalty units this sale earned, on that wallet (a refund takes its share back). */
  loyalty?: { walletId: string; units: number };
}

export interface RegisterSession {
  _id: string;
  posId: string;
  collectiveId: string;
  state: 'open' | 'closed';
  openedAt: number;
  openedBy: string;
  openedByName?: string;
  float: number;
  /** True when the float was carried over from the last close's counted cash. */
  floatCarried?: boolean;
  /** 'hand': opened by a manager or an admin; 'first-sale': by a sale on a POS set to open so. */
  openedOn?: 'hand' | 'first-sale';
  closedAt?: number;
  closedBy?: string;
  closedByName?: string;
  expectedCash?: number;
  countedCash?: number;
  difference?: number;
  zId?: string;
}

/** The collective as a Z ticket names it (legal identity, copied when the Z is written). */
export interface ZIdentity {
  name: string;
  address?: string;
  siret?: string;
  vatNumber?: string;
}

/** Cash taken out of a drawer during a session (a bank deposit), a register movement of its own. */
export interface CashRemoval {
  txId: string;
  amount: number;
  reason: 'bank-deposit' | 'other';
  note?: string;
  /** Who took it (staff id or admin email) and their name as printed. */
  by: string;
  byName: string;
  at: number;
}

/** Deposits (consigne) of a Z period: held (deposit lines sold), returned (to cards, in cash), cups still out. */
export interface ZDeposits {
  held: number;
  heldQty: number;
  returned: number;
  returnedQty: number;
  returnedToCards: number;
  returnedInCash: number;
  /** Deposits given back with a refunded sale (counted in the refunds, not in `returned`). */
  refundedWithSales?: number;
  /** Cups out at this POS since it opened: previous Z's figure + held − returned of this period. */
  cupsOut: number;
}

/** The drawer over the session: float + sales + top-ups − refunds − cash-outs − removals + other = expected. */
export interface ZCash {
  float: number;
  sales: number;
  topups: number;
  refunds: number;
  /** Card balances paid back in cash (cash-out). */
  cashouts: number;
  /** Cup deposits paid back in cash from the drawer (core/pos/deposit.ts); absent when none. */
  depositReturns?: number;
  removed: number;
  removals: CashRemoval[];
  /** Any other drawer movement (a kind of row this Z does not detail yet). */
  other: number;
  /** Net cash recorded at this POS after the previous Z but before this session opened: in the Z, not in this drawer. */
  beforeOpening?: number;
  expected: number;
  counted?: number;
  difference?: number;
}

export interface ZTotals {
  salesCount: number;
  firstSale: number | null;
  lastSale: number | null;
  /** Revenue sold, incl. VAT: deposit money taken (cups) is not in it (see `deposits`). */
  sales: number;
  /** Money taken per payment method, deposits included: Σ byMethod = sales + deposits.held. */
  byMethod: { cash: number; card: number; pass: number };
  byProduct: Array<{ productId: string; name: string; qty: number; total: number }>;
  /**
   * Per VAT rate, on net sales (sold − refunded in the period): `total` is TTC, `vat` the VAT it
   * includes, `ht` = total − vat. `gross` and `refunded` show how the net was reached.
   */
  byVat: Array<{ rate: number; total: number; vat: number; ht?: number; gross?: number; refunded?: number }>;
  byAsset: Record<string, number>;
  topups: { total: number; byMethod: Record<string, number>; byAsset: Record<string, number>; assets?: ZAssetLine[] };
  refunds: { total: number; byMethod: { cash: number; card: number; pass: number } };
  cashouts: number;
  /** Sales − refunds: the grand total of the period. */
  net?: number;
  /** Pass currencies spent on sales, by their names. */
  assets?: ZAssetLine[];
  /** The drawer of the session this Z closes. */
  cash?: ZCash;
  /** Present when offline sales were synced in the period (a Z is never changed afterwards). */
  offline?: OfflineTotals;
  /** Deposits (consigne) held and returned, apart from sales (core/pos/deposit.ts); absent when none. */
  deposits?: ZDeposits;
  /** Loyalty rewards redeemed (count and cents taken off): discounts, not in byProduct. */
  rewards?: { count: number; total: number };
}

export interface ZAssetLine {
  asset: string;
  name: string;
  amount: number;
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
  sessions: Array<Pick<RegisterSession, '_id' | 'openedAt' | 'closedAt' | 'float' | 'expectedCash' | 'countedCash' | 'difference'> & Partial<Pick<RegisterSession, 'openedBy' | 'openedByName' | 'floatCarried' | 'openedOn'>>>;
  totals: ZTotals;
  /** Perpetual grand total: every sale net of refunds since the POS was created. */
  grandTotal: number;
  /** Written since Z format 2 (older Z tickets lack these; their hash covers what they hold). */
  format?: 2;
  collective?: ZIdentity;
  timezone?: string;
  sessionId?: string;
  /** Who closed it, as printed (staff or admin name; `closedBy` keeps the id). */
  closedByName?: string;
  terminals?: Array<{ id: string; name: string }>;
  software?: { name: string; version: string };
  closedBy: string;
  at: number;
  prevHash: string;
  hash: string;
}
