// What live views learn of each ledger row: small, and enough to rebuild any dashboard figure.
import type { LedgerRow } from '../money/ledger-row.js';

export const rowEventsChannel = 'money:rows';

export interface RowEvent {
  txId: string;
  wallet: string;
  kind: LedgerRow['kind'];
  collectiveId: string;
  posId?: string;
  legs: LedgerRow['legs'];
  at: number;
  sale?: {
    /** `deposit`: a cup's deposit (consigne), money held and not revenue. */
    lines: Array<{ productId: string; name: string; qty: number; total: number; deposit?: true }>;
    payments: { cash: number; card: number; pass: number };
    total: number;
    offline?: boolean;
    shortfall?: number;
    /** A sale paid with two Pass cards: what the first card spent (this row is the second card's). */
    firstCardSpent?: Array<{ asset: string; amount: number }>;
  };
  /** The first card's part of a two-card sale (or its give-back): the sale is counted from the second card's row. */
  partOf?: string;
  refundOf?: string;
  /** Balances of the wallet after the row (card and user wallets only). */
  balances?: Record<string, number>;
}

export function toRowEvent(row: LedgerRow): RowEvent {
  const sale = row.meta?.sale as (RowEvent['sale'] & { firstCard?: { spent: Array<{ asset: string; amount: number }> } }) | undefined;
  return {
    txId: row.txId,
    wallet: row.wallet,
    kind: row.kind,
    collectiveId: row.collectiveId,
    posId: row.posId,
    legs: row.legs,
    at: row.at,
    sale: sale && {
      lines: sale.lines.map((l) => ({ productId: l.productId, name: l.name, qty: l.qty, total: l.total, ...(l.deposit ? { deposit: true as const } : {}) })),
      payments: sale.payments,
      total: sale.total,
      // Made by a terminal offline, counted when it arrives; the part booked as the card's debt.
      ...((sale as { offline?: unknown }).offline ? { offline: true } : {}),
      ...(row.meta?.shortfall ? { shortfall: row.meta.shortfall as number } : {}),
      ...(sale.firstCard ? { firstCardSpent: sale.firstCard.spent } : {}),
    },
    ...(typeof row.meta?.partOf === 'string' ? { partOf: row.meta.partOf } : {}),
    refundOf: row.meta?.refundOf as string | undefined,
    balances: row.wallet.startsWith('card:') || row.wallet.startsWith('user:') ? (row.result.balances as Record<string, number>) : undefined,
  };
}
