import type { CashRemovalInput } from './cash-removal.js';
import type { CloseInput } from './register.js';
import type { SaleInput } from './types.js';

export type PosMessage =
  | { type: 'catalog' }
  | { type: 'catalog-changed' }
  | ({ type: 'sale' } & SaleInput)
  | { type: 'refund'; txId: string; saleId: string; lines?: Array<{ productId: string; qty: number }>; terminalId?: string }
  | { type: 'deposit-return'; txId: string; productId: string; qty: number; cardUid?: string; terminalId?: string; by: string }
  | { type: 'open'; float?: number; by: string; byName?: string }
  | { type: 'ensure-open'; by: string }
  | ({ type: 'close' } & CloseInput)
  | ({ type: 'remove-cash' } & CashRemovalInput)
  | { type: 'status' };

export interface SaleAck {
  saleId: string;
  number: number;
  total: number;
  change: number;
  legs: Array<{ asset: string; from: string; to: string; amount: number }>;
  balances?: Array<{ asset: string; name: string; kind: string; amount: number }>;
  /** Offline sales only: it was made offline; what the card could not cover (its debt). */
  offline?: boolean;
  shortfall?: number;
  /** A sale paid with two Pass cards: what each paid (balances are the second card's). */
  cards?: Array<{ cardUid: string; amount: number }>;
}
