// Terminal protocol v1 as this terminal speaks it (DESIGN.md, "Terminal protocol v1"). The shapes
// come from the published contract, gateways/socket/terminal-protocol.ts (type-only: nothing of it
// reaches the bundle); the names here are the ones the screens use. Extra fields from the server
// are allowed and ignored.
import type {
  BalanceAck,
  CatalogAck,
  ClosedSessionAck,
  CloseRegisterAck,
  Failure as ProtocolFailure,
  SaleAckBody,
  ServerToClientEvents,
  TerminalPayload,
  ZSummaryAck,
  RegisterStatusAck,
} from '../../gateways/socket/terminal-protocol.js';

export type { BalanceLine } from '../../gateways/socket/terminal-protocol.js';

export interface Failure extends ProtocolFailure {
  /** INSUFFICIENT_FUNDS says how much is missing, in cents. */
  missing?: number;
}

/** `registerStatus` / `openRegister` (extensions of v1): the register's state. */
export type RegisterStatus = RegisterStatusAck;

export type Ack<T> = ({ ok: true } & T) | Failure;

export type Catalog = CatalogAck;
export type CatalogProduct = CatalogAck['products'][number];
export type BalanceAnswer = BalanceAck;

export type SaleCommand = TerminalPayload<'sale'>;
export type SalePayment = SaleCommand['payments'][number];
export type SaleAnswer = SaleAckBody;

export type TopupCommand = TerminalPayload<'topup'>;
export interface TopupAnswer {
  balances: BalanceAck['balances'];
}

export type RefundCommand = TerminalPayload<'refund'>;
export interface RefundAnswer {
  refunded: number;
}

/** `closeRegister` (an extension of v1): ends the shift and writes the day's Z ticket. No txId: a second close is refused. */
export type CloseRegisterCommand = TerminalPayload<'closeRegister'>;
export type ClosedShift = ClosedSessionAck;
export type ZSummary = ZSummaryAck;
export type CloseRegisterAnswer = CloseRegisterAck;

export interface PairingAnswer {
  token: string;
  terminalId: string;
  posId: string;
  /** Signs the offline journal (issued at pairing; absent for a terminal paired before offline support). */
  offlineKey?: string;
}

export const serverEvents = { catalogChanged: 'catalog:changed', revoked: 'terminal:revoked', blocklistChanged: 'blocklist:changed' } as const satisfies Record<string, keyof ServerToClientEvents>;

/** A handshake refused for a bad or revoked token carries this message. */
export const unauthorized = 'UNAUTHORIZED';

/** The `balance` command, as screens call it (the app sends it over the socket). */
export type BalanceQuery = (cardUid: string) => Promise<Ack<BalanceAnswer>>;

/** The `closeRegister` command, as the close screen calls it (the app sends it over the socket). */
export type CloseRegisterCall = (command: CloseRegisterCommand) => Promise<Ack<CloseRegisterAnswer>>;
