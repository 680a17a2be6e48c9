// Messages a wallet actor (PassActor) understands. Amounts are integer cents.
import type { LoyaltyCommand } from '../loyalty/legs.js';
import type { Leg } from '../money/ledger-row.js';

export type TopUpMethod = 'cash' | 'card' | 'stripe';

interface Located {
  collectiveId: string;
  posId?: string;
  terminalId?: string;
}

export type PassMessage =
  | { type: 'balance'; cardId?: string }
  | ({ type: 'topup'; txId: string; cardId?: string; asset: string; amount: number; method: TopUpMethod } & Located)
  | ({
      type: 'pay';
      txId: string;
      cardId: string;
      amount: number;
      /** Local currencies of other collectives accepted where the payment happens (not hashed). */
      accepted: string[];
      /** Euro legs of a split payment (cash / bank card part), recorded in the same row. */
      extraLegs?: Leg[];
      meta?: Record<string, unknown>;
      /** Synced from a terminal's offline journal: a shortfall becomes the card's debt, not a refusal. */
      offline?: boolean;
      /** Pays what the wallet can, up to `amount` (the first card of a sale paid with two cards). */
      upTo?: boolean;
      /** A loyalty reward of the sale, paid with the card's loyalty units in the same row. */
      loyaltyRedeem?: { units: number; expiryDays?: number };
    } & Located)
  | ({ type: 'refund'; txId: string; originalTxId: string; amount?: number; extraLegs?: Leg[]; meta?: Record<string, unknown> } & Located)
  | ({ type: 'gift'; txId: string; cardId?: string; amount: number } & Located)
  /** Takes back what a provider refund of a Stripe top-up covers (`refundedTotal` is cumulative). */
  | ({ type: 'reverse-topup'; txId: string; originalTxId: string; refundedTotal: number } & Located)
  | ({ type: 'cashout'; txId: string; cardId?: string; method: 'cash' | 'card' | 'stripe' } & Located)
  /** After the event: the global balance left that no provider refund could carry, owed by bank transfer. */
  | { type: 'payback-transfer'; txId: string; amount: number; paybackId: string; collectiveId: string }
  /** Returned deposits (consigne) credited to the card, in the collective's local currency. */
  | ({ type: 'deposit-return'; txId: string; cardId?: string; amount: number; deposit: { productId: string; qty: number } } & Located)
  | { type: 'transfer-out'; txId: string; toWallet: string; collectiveId: string; moveCard?: { cardId: string; userId?: string } }
  | { type: 'transfer-in'; txId: string; sourceTxId: string; amounts: Record<string, number>; collectiveId: string }
  | LoyaltyCommand
  | { type: 'block'; cardId: string }
  | { type: 'cards-changed' };

export interface WalletResult {
  balances: Record<string, number>;
  [key: string]: unknown;
}
