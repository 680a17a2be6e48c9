// Deciding a sale alone, when the server does not answer: cash and bank card are always
// accepted (they need no server); a Pass payment only within the POS's offline policy, for a
// card not on the blocklist, covered by its last known balance minus what this terminal already
// sold it offline. A pure function: the journal and what the terminal knows are passed in.
import type { OfflineStateAck } from '../../../gateways/socket/terminal-protocol.js';
import type { SalePayment } from '../protocol.js';

export type OfflinePolicy = OfflineStateAck['policy'];

/** What the terminal knows, kept on the device between server answers. */
export interface OfflineKnowledge {
  policy: OfflinePolicy | null;
  /** Normalized card UID → why it is refused offline. */
  blocklist: Record<string, 'blocked' | 'debt'>;
  /** Normalized card UID → what it can spend here, as the server last said. */
  balances: Record<string, { amount: number; atMs: number }>;
  /** The last time the server answered this terminal. */
  lastServerContactMs: number;
}

export interface UnsyncedSale {
  pass: number;
  cardUid?: string;
}

export type OfflineDecision = { ok: true; pass: number; cardUid?: string } | { ok: false; code: string; missing?: number; limit?: number };

export function emptyKnowledge(): OfflineKnowledge {
  return { policy: null, blocklist: {}, balances: {}, lastServerContactMs: 0 };
}

export function normalUid(uid: string): string {
  return uid.replace(/[\s:-]/g, '').toUpperCase();
}

/** The Pass part of a sale: what cash and bank card leave of the total. */
export function passPart(total: number, payments: SalePayment[]): { pass: number; cardUid?: string } {
  const card = payments.find((p) => p.method === 'pass');
  const other = payments.reduce((s, p) => s + ('amount' in p ? p.amount : 0), 0);
  return card && 'cardUid' in card ? { pass: Math.max(0, total - other), cardUid: normalUid(card.cardUid) } : { pass: 0 };
}

export function decideOffline(sale: { total: number; payments: SalePayment[] }, known: OfflineKnowledge, unsynced: UnsyncedSale[], nowMs: number): OfflineDecision {
  const { pass, cardUid } = passPart(sale.total, sale.payments);
  if (pass === 0 || !cardUid) return { ok: true, pass: 0 };
  const policy = known.policy;
  if (!policy || policy.maxSaleCents === 0) return { ok: false, code: 'OFFLINE_UNAVAILABLE' };
  if (nowMs - known.lastServerContactMs > policy.maxOfflineMs) return { ok: false, code: 'OFFLINE_TOO_LONG' };
  const listed = known.blocklist[cardUid];
  if (listed === 'blocked') return { ok: false, code: 'CARD_BLOCKED' };
  if (listed === 'debt') return { ok: false, code: 'CARD_IN_DEBT' };
  if (pass > policy.maxSaleCents) return { ok: false, code: 'OFFLINE_LIMIT', limit: policy.maxSaleCents };
  const cardSpent = unsynced.filter((s) => s.cardUid === cardUid).reduce((t, s) => t + s.pass, 0);
  if (cardSpent + pass > policy.maxPerCardCents) return { ok: false, code: 'OFFLINE_CARD_LIMIT', limit: policy.maxPerCardCents };
  const terminalSpent = unsynced.reduce((t, s) => t + s.pass, 0);
  if (terminalSpent + pass > policy.maxTotalCents) return { ok: false, code: 'OFFLINE_TOTAL_LIMIT', limit: policy.maxTotalCents };
  const balance = known.balances[cardUid];
  if (!balance) return { ok: false, code: 'OFFLINE_BALANCE_UNKNOWN' };
  const left = balance.amount - cardSpent;
  if (left < pass) return { ok: false, code: 'INSUFFICIENT_FUNDS', missing: pass - Math.max(0, left) };
  return { ok: true, pass, cardUid };
}

/** What a card can spend at collective C, from balance lines: gift and local of C, and global. */
export function spendableHere(lines: Array<{ asset: string; amount: number }>, collectiveId: string): number {
  const here = new Set(['global', `local:${collectiveId}`, `gift:${collectiveId}`]);
  return lines.filter((l) => here.has(l.asset)).reduce((s, l) => s + l.amount, 0);
}
