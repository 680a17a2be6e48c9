// A ledger row is one accepted command of one chain (a wallet or a point of sale).
// Invariants (asserted by `checkRow`, verified over the whole ledger by verify.ts):
// - every leg moves a positive integer amount of one asset between two different accounts,
//   so the sum over all accounts of one asset is always zero;
// - a wallet's balance, and its debt's, change only through rows of its own chain (row.wallet);
// - rows of a chain have consecutive seq from 1 and are hash-chained (prevHash -> hash).
import { canonicalJson, chainHash, sha256Hex } from '../shared/canonical.js';
import { invariant } from '../shared/errors.js';
import { accounts, isDebt, isWallet } from './accounts.js';

export interface Leg {
  asset: string;
  from: string;
  to: string;
  amount: number;
}

export type RowKind =
  | 'topup'
  | 'payment'
  | 'sale'
  | 'refund'
  | 'gift'
  | 'cashout'
  | 'transfer-out'
  | 'transfer-in'
  | 'settlement'
  /** Cash taken out of a POS drawer (a bank deposit): a register movement, see core/pos/cash-removal.ts. */
  | 'cash-removal'
  /** A returned deposit (consigne) paid back to a card or from the drawer: not a refund of revenue. */
  | 'deposit-return'
  /** Loyalty units earned, taken back, redeemed or expired (loyalty/legs.ts). */
  | 'loyalty';

export interface LedgerRow {
  _id: string;
  txId: string;
  wallet: string;
  seq: number;
  kind: RowKind;
  legs: Leg[];
  collectiveId: string;
  posId?: string;
  terminalId?: string;
  cardId?: string;
  /** sha256 of the request's business content: a replay with other content is a conflict. */
  requestHash: string;
  /** What the first ack returned, replayed as is for the same txId. */
  result: Record<string, unknown>;
  meta?: Record<string, unknown>;
  at: number;
  prevHash: string;
  hash: string;
}

export type RowDraft = Omit<LedgerRow, '_id' | 'seq' | 'prevHash' | 'hash' | 'wallet' | 'at'>;

export const genesisHash = '0'.repeat(64);

export function rowId(wallet: string, seq: number): string {
  return [wallet, seq].join('#'); // a flat string (a template would keep a concatenated one alive in every index)
}

export function requestHash(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}

/** Seals a draft as the next row of a chain. */
export function sealRow(draft: RowDraft, wallet: string, seq: number, prevHash: string, at: number): LedgerRow {
  const body = { ...draft, _id: rowId(wallet, seq), wallet, seq, at, prevHash };
  checkRow(body);
  return { ...body, hash: chainHash(prevHash, body) };
}

export function rowHash(row: LedgerRow): string {
  const { hash: _hash, ...body } = row;
  return chainHash(row.prevHash, body);
}

export function checkRow(row: Pick<LedgerRow, 'legs' | 'wallet'>): void {
  for (const leg of row.legs) {
    invariant(Number.isSafeInteger(leg.amount) && leg.amount > 0, `leg amount must be a positive integer: ${leg.amount}`);
    invariant(leg.from !== leg.to, 'a leg moves between two different accounts');
    for (const account of [leg.from, leg.to]) {
      invariant(!isWallet(account) || account === row.wallet, `row of ${row.wallet} cannot move wallet ${account}`);
      invariant(!isDebt(account) || account === accounts.cardDebt(row.wallet), `row of ${row.wallet} cannot move debt ${account}`);
    }
  }
}

/** Net effect of a row on one account, per asset. */
export function netFor(legs: Leg[], account: string): Map<string, number> {
  const net = new Map<string, number>();
  for (const leg of legs) {
    if (leg.to === account) net.set(leg.asset, (net.get(leg.asset) ?? 0) + leg.amount);
    if (leg.from === account) net.set(leg.asset, (net.get(leg.asset) ?? 0) - leg.amount);
  }
  return net;
}
