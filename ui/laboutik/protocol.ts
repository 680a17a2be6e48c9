// Terminal protocol v1 as this terminal speaks it (DESIGN.md, "Terminal protocol v1"). The
// terminal is written against the published contract, not against the server's code: other
// terminals (a Sunmi app) speak the same. Extra fields from the server are allowed and ignored.

export interface Failure {
  ok: false;
  code: string;
  message: string;
  /** INSUFFICIENT_FUNDS says how much is missing, in cents. */
  missing?: number;
  [detail: string]: unknown;
}

export type Ack<T> = ({ ok: true } & T) | Failure;

export interface CatalogProduct {
  id: string;
  name: string;
  /** Cents, VAT included. */
  price: number;
  /** Basis points: 2000 = 20 %. */
  vatRate: number;
  category: string;
  kind: string;
  /** '#rrggbb' when the admin chose one. */
  colour?: string;
}

export interface Catalog {
  pos: { id: string; name: string; [extra: string]: unknown };
  categories: string[];
  products: CatalogProduct[];
}

export interface BalanceLine {
  asset: string;
  name: string;
  kind: string;
  amount: number;
}

export interface BalanceAnswer {
  card: { number: string; state: string };
  balances: BalanceLine[];
  memberships: unknown[];
  tickets: unknown[];
}

export type SalePayment = { method: 'pass'; cardUid: string } | { method: 'cash' | 'card'; amount: number };

export interface SaleCommand {
  txId: string;
  lines: Array<{ productId: string; qty: number }>;
  payments: SalePayment[];
}

export interface SaleAnswer {
  saleId: string;
  number: number;
  total: number;
  change?: number;
  legs: unknown[];
  balances?: BalanceLine[];
}

export interface TopupCommand {
  txId: string;
  cardUid: string;
  asset: 'local' | 'global';
  amount: number;
  method: 'cash' | 'card';
}

export interface TopupAnswer {
  balances: BalanceLine[];
}

export interface RefundCommand {
  txId: string;
  saleId: string;
  lines?: Array<{ productId: string; qty: number }>;
}

export interface RefundAnswer {
  refunded: number;
}

/** `closeRegister` (an extension of v1): ends the shift and writes the day's Z ticket. No txId: a second close is refused. */
export interface CloseRegisterCommand {
  /** Cents counted in the drawer, float included; omitted when not counted. */
  countedCash?: number;
}

export interface ClosedShift {
  id: string;
  openedAt: number;
  closedAt: number;
  float: number;
  expectedCash: number;
  countedCash?: number;
  /** counted − expected: negative when cash is missing. */
  difference?: number;
}

export interface ZSummary {
  id: string;
  number: number;
  /** YYYY-MM-DD in the collective's timezone. */
  businessDay: string;
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
  hash: string;
}

export interface CloseRegisterAnswer {
  /** null when no shift was open (only the day's Z was due). */
  session: ClosedShift | null;
  /** null when nothing happened since the last Z. */
  z: ZSummary | null;
}

export interface PairingAnswer {
  token: string;
  terminalId: string;
  posId: string;
}

export const serverEvents = { catalogChanged: 'catalog:changed', revoked: 'terminal:revoked' } as const;

/** A handshake refused for a bad or revoked token carries this message. */
export const unauthorized = 'UNAUTHORIZED';

/** The `balance` command, as screens call it (the app sends it over the socket). */
export type BalanceQuery = (cardUid: string) => Promise<Ack<BalanceAnswer>>;

/** The `closeRegister` command, as the close screen calls it (the app sends it over the socket). */
export type CloseRegisterCall = (command: CloseRegisterCommand) => Promise<Ack<CloseRegisterAnswer>>;
