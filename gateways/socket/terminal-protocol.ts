// Terminal protocol v1 (DESIGN.md): the `/terminal` namespace's commands, their payload schemas
// and ack shapes, and the server events. A public interface (other terminals, e.g. a Sunmi app,
// speak it): names and shapes stay stable; extra fields may be added. This file imports only
// zod, the shared limits and (type-only) core/pos/records.ts and core/documents/model.ts, so a terminal UI can share the types.
// Extensions of v1 (a v1 terminal that ignores them keeps working): staff unlock/lock,
// closeRegister, assignCard, reprint, register sessions (`registerStatus`, `openRegister`, `removeCash`), and offline selling: `offlineState`, `offlineSync`, the
// `blocklist:changed` event, `offlineKey` in the pairing answer, `repaid` in the topup ack;
// loyalty: balance lines of `kind: 'loyalty'` (stamps/points, never money: not a payment asset),
// `loyaltyCardUid` (the card tapped at a cash or bank-card sale, which earns) and `reward` (a
// reward id of the collective's loyalty program, paid with that card's units) in `sale`.
import { z } from 'zod';
import type { PrintedDocument } from '../../core/documents/model.js';
import type { ZTotals } from '../../core/pos/records.js';
import { limits, txIdPattern } from '../../core/shared/limits.js';

export const terminalProtocolVersion = 1;

const txId = z.string().regex(txIdPattern, 'txId is 8 to 80 characters of [A-Za-z0-9_.:-]');
const cardUid = z.string().regex(/^[0-9A-Fa-f:\s-]{8,40}$/, 'cardUid is the card UID in hex');
const id = z.string().min(1).max(80);
const cardRef = z.union([z.object({ cardUid }).strict(), z.object({ number: z.string().trim().min(1).max(40) }).strict()]);
const cents = z.number().int().min(1).max(limits.maxAmountCents);
const lines = z
  .array(z.object({ productId: id, qty: z.number().int().min(1).max(limits.maxQtyPerLine) }))
  .min(1)
  .max(limits.maxSaleLines);
/** Sale lines may carry a manager's price override (an extension of v1). */
const saleLines = z
  .array(z.object({ productId: id, qty: z.number().int().min(1).max(limits.maxQtyPerLine), price: z.number().int().min(0).max(limits.maxAmountCents).optional() }))
  .min(1)
  .max(limits.maxSaleLines);

export const terminalSchemas = {
  catalog: z.object({}),
  balance: z.object({ cardUid }),
  topup: z.object({ txId, cardUid, asset: z.enum(['local', 'global']), amount: cents, method: z.enum(['cash', 'card']) }),
  sale: z.object({
    txId,
    lines: saleLines,
    payments: z
      .array(
        z.discriminatedUnion('method', [
          z.object({ method: z.literal('pass'), cardUid }),
          z.object({ method: z.enum(['cash', 'card']), amount: z.number().int().min(0).max(limits.maxAmountCents) }),
        ]),
      )
      .min(1)
      .max(5),
    loyaltyCardUid: cardUid.optional(),
    reward: z.string().regex(/^[a-z0-9-]{1,32}$/, 'reward is a reward id of the loyalty program').optional(),
  }),
  refund: z.object({ txId, saleId: id, lines: lines.optional() }),
  assignCard: z.object({ txId, cardUid, email: z.email().max(254) }),
  reprint: z.object({ saleId: id }),
  // Staff (an extension of v1: terminals that never unlock keep working where the POS does not require staff).
  unlock: z.union([z.object({ cardUid }).strict(), z.object({ pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits') }).strict()]),
  lock: z.object({}),
  // Register close from the terminal (an extension of v1): ends the shift and writes the day's Z.
  // No txId: closing is not a money movement, and a second close is refused (REGISTER_CLOSED).
  // `lang` (optional): the language of the Z document returned in the ack.
  closeRegister: z.object({ countedCash: z.number().int().min(0).max(limits.maxAmountCents).optional(), lang: z.enum(['fr', 'en']).optional() }),
  // Register sessions (extensions of v1): the state, an explicit open (float carried over from the
  // last counted cash unless given) and cash removed from the drawer (a bank deposit, with a txId).
  registerStatus: z.object({}),
  openRegister: z.object({ float: z.number().int().min(0).max(limits.maxAmountCents).optional() }),
  removeCash: z.object({ txId, amount: cents, reason: z.enum(['bank-deposit', 'other']).default('bank-deposit'), note: z.string().trim().max(200).optional() }),
  // Offline terminals (an extension of v1; core/pos/offline-sync.ts): the POS's offline policy
  // and blocklist, then the signed journal of sales made offline, sent in order on reconnect.
  offlineState: z.object({}),
  offlineSync: z.object({
    entries: z
      .array(z.object({ body: z.string().min(2).max(4_000), mac: z.string().regex(/^[0-9a-f]{64}$/, 'mac is HMAC-SHA256 in hex') }))
      .min(1)
      .max(20),
  }),
  // The card desk (an extension of v1, terminal-cards.ts): a lost card is designated by its printed
  // number (staff checks it against the holder) or tapped; the fresh card is always tapped.
  blockCard: cardRef,
  replaceCard: z.object({ txId, old: cardRef, newCardUid: cardUid }),
  cashOut: z.object({ txId, cardUid, method: z.enum(['cash', 'card']).default('cash') }),
  giveGift: z.object({ txId, cardUid, amount: cents }),
  // Returned deposits (consigne): credited to the card tapped, else paid in cash from the drawer.
  returnDeposit: z.object({ txId, productId: id, qty: z.number().int().min(1).max(limits.maxQtyPerLine), cardUid: cardUid.optional() }),
} as const;

export type TerminalCommand = keyof typeof terminalSchemas;
export type TerminalPayload<C extends TerminalCommand> = z.infer<(typeof terminalSchemas)[C]>;

export interface BalanceLine {
  asset: string;
  name: string;
  /** 'global' | 'local' | 'gift' money, or 'loyalty' units (stamps/points), which never pay a sale. */
  kind: string;
  amount: number;
}

export interface Failure {
  ok: false;
  code: string;
  message: string;
  [detail: string]: unknown;
}

export type Ack<T> = ({ ok: true } & T) | Failure;

export interface CatalogAck {
  pos: { id: string; name: string; collectiveId: string; version: number };
  categories: string[];
  products: Array<{ id: string; name: string; price: number; vatRate: number; category: string; kind: string; colour?: string }>;
}

export interface BalanceAck {
  card: { number: string; state: string };
  balances: BalanceLine[];
  memberships: unknown[];
  tickets: unknown[];
}

export interface SaleAckBody {
  saleId: string;
  number: number;
  total: number;
  change: number;
  legs: Array<{ asset: string; from: string; to: string; amount: number }>;
  balances?: BalanceLine[];
  /** A sale paid with two Pass cards (two `pass` payments): what each card paid; `balances` are the second card's. */
  cards?: Array<{ cardUid: string; amount: number }>;
}

export interface StoredSaleAck {
  sale: {
    saleId: string;
    number: number;
    total: number;
    change: number;
    at: number;
    lines: Array<{ productId: string; name: string; qty: number; unitPrice: number; vatRate: number; total: number }>;
    payments: { cash: number; card: number; pass: number };
    refundedTotal: number;
  };
  /** The receipt as printed, marked DUPLICATA (every reprint is logged); `copy` is its copy number. */
  receipt?: PrintedDocument;
  copy?: number;
}

type Command<P, R> = (payload: P, ack: (response: Ack<R>) => void) => void;

export interface ClientToServerEvents {
  catalog: Command<TerminalPayload<'catalog'>, CatalogAck>;
  balance: Command<TerminalPayload<'balance'>, BalanceAck>;
  topup: Command<TerminalPayload<'topup'>, { balances: BalanceLine[]; repaid?: number }>;
  sale: Command<TerminalPayload<'sale'>, SaleAckBody>;
  refund: Command<TerminalPayload<'refund'>, { refunded: number; saleId: string }>;
  assignCard: Command<TerminalPayload<'assignCard'>, { userId: string; card: { number: string; state: string }; balances: BalanceLine[] }>;
  reprint: Command<TerminalPayload<'reprint'>, StoredSaleAck>;
  unlock: Command<TerminalPayload<'unlock'>, { staff: StaffAck }>;
  lock: Command<TerminalPayload<'lock'>, { locked: true }>;
  closeRegister: Command<TerminalPayload<'closeRegister'>, CloseRegisterAck>;
  offlineState: Command<TerminalPayload<'offlineState'>, OfflineStateAck>;
  offlineSync: Command<TerminalPayload<'offlineSync'>, OfflineSyncAck>;
  registerStatus: Command<TerminalPayload<'registerStatus'>, RegisterStatusAck>;
  openRegister: Command<TerminalPayload<'openRegister'>, RegisterStatusAck>;
  removeCash: Command<TerminalPayload<'removeCash'>, { amount: number; replayed: boolean; register: RegisterStatusAck }>;
  blockCard: Command<z.input<(typeof terminalSchemas)['blockCard']>, { card: CardAck }>;
  replaceCard: Command<z.input<(typeof terminalSchemas)['replaceCard']>, { old: CardAck; card: CardAck; balances: BalanceLine[] }>;
  cashOut: Command<z.input<(typeof terminalSchemas)['cashOut']>, { refunded: number; method: 'cash' | 'card'; balances: BalanceLine[] }>;
  giveGift: Command<z.input<(typeof terminalSchemas)['giveGift']>, { balances: BalanceLine[] }>;
  returnDeposit: Command<TerminalPayload<'returnDeposit'>, { returned: number; qty: number; method: 'pass' | 'cash'; balances?: BalanceLine[] }>;
}

/** `open`: a session counts the drawer; `closed`: sales are refused unless `openOnFirstSale`. */
export interface RegisterStatusAck {
  state: 'open' | 'closed';
  openOnFirstSale: boolean;
  session: { id: string; openedAt: number; openedBy: string; float: number; floatCarried: boolean; openedOn: 'hand' | 'first-sale' } | null;
  /** Open: what the drawer holds now. */
  cashInDrawer: number | null;
  /** Closed: the float the next session starts with (the last counted cash). */
  carriedFloat: number | null;
  lastZ: number;
}

export interface CardAck {
  number: string;
  state: string;
}

/** What a terminal keeps to decide alone while the server does not answer. */
export interface OfflineStateAck {
  policy: { maxSaleCents: number; maxPerCardCents: number; maxTotalCents: number; maxOfflineMs: number };
  /** Cards to refuse offline: blocked, or owing a debt from an earlier offline shortfall. */
  blocklist: BlocklistEntry[];
  serverTime: number;
}

export interface BlocklistEntry {
  cardUid: string;
  reason: 'blocked' | 'debt';
}

/**
 * One result per entry applied or refused, in journal order. An accepted entry carries the sale
 * ack (`offline: true`, and `shortfall` when the card could not cover it: booked as its debt).
 * A refused one has `code`: OFFLINE_FORGED (bad MAC / another terminal's entry), OFFLINE_EXPIRED
 * (Pass sale older than the POS's max offline time), OFFLINE_LIMIT, or a sale's own codes.
 * `pending` entries were not attempted (a transient failure): send them again.
 */
export interface OfflineSyncAck {
  results: Array<({ ok: true; txId: string } & SaleAckBody & { offline?: boolean; shortfall?: number }) | { ok: false; txId?: string; code: string; message: string }>;
  pending: number;
}

/** The shift that was open (null when only the day's Z was due) and the Z written (null when nothing happened). */
export interface CloseRegisterAck {
  session: ClosedSessionAck | null;
  z: ZSummaryAck | null;
}

export interface ClosedSessionAck {
  id: string;
  openedAt: number;
  closedAt: number;
  /** Opening float. */
  float: number;
  /** Opening float + net cash moved into the drawer during the shift, from the ledger. */
  expectedCash: number;
  countedCash?: number;
  /** counted − expected: negative when cash is missing. */
  difference?: number;
}

export interface ZSummaryAck {
  id: string;
  number: number;
  businessDay: string;
  /** The stored Z ticket's totals, as they are. */
  totals: ZTotals;
  /** Perpetual grand total of the POS, net of refunds. */
  grandTotal: number;
  hash: string;
  /** The Z as printed (same sections as its HTML and PDF), in the command's `lang`. */
  document?: PrintedDocument;
}

export interface StaffAck {
  id: string;
  name: string;
  role: 'cashier' | 'manager';
}

export interface ServerToClientEvents {
  'catalog:changed': (event: { posId: string }) => void;
  'terminal:revoked': (event: { terminalId: string }) => void;
  /** A card went on (`listed`) or off the offline blocklist (extension of v1). */
  'blocklist:changed': (event: BlocklistEntry & { listed: boolean }) => void;
}

/** What the server keeps on each terminal socket (`socket.data`). */
export interface TerminalSocketData {
  terminalId: string;
  posId: string;
  collectiveId: string;
  /** sha256 of the terminal's token, checked again on every command (revocation). */
  tokenHash: string;
  /** Who unlocked this terminal, if anyone. */
  staff?: StaffAck;
}
