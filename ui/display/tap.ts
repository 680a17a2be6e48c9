// What the public screen shows after a tap, decided from the /display ack: pure, so every case
// (shown, refused, blocked, no answer) is tested without a browser. The screen never shows
// more than the tapped card's own balances and rights.
import { normalizeCardUid } from '../../core/pass/uid.js';

export interface BalanceLine {
  asset: string;
  name: string;
  kind: string;
  amount: number;
}

/** A ticket or membership as Lespass reports it; only a few display fields are read. */
export type Right = Record<string, unknown>;

export interface ShownCard {
  number: string;
  balances: BalanceLine[];
  tickets: Right[];
  memberships: Right[];
  /** When the screen goes back to idle (ms since epoch). */
  clearAt: number;
}

export type TapAck =
  | { ok: true; card: { number: string; state: string }; balances: BalanceLine[]; tickets?: Right[]; memberships?: Right[]; clearAfterMs?: number }
  | { ok: false; code: string; message?: string };

export type TapOutcome = { kind: 'shown'; card: ShownCard } | { kind: 'error'; code: string; clearAt: number };

export const defaultClearAfterMs = 8_000;
/** How long a refusal stays on screen; a rate-limit notice is shorter (the next tap is soon). */
export const errorShownMs = 5_000;
export const rateLimitShownMs = 2_500;

export function tapOutcome(ack: TapAck, nowMs: number): TapOutcome {
  if (!ack.ok) return errorOutcome(ack.code, nowMs);
  // A blocked card keeps its balances server-side (they move to the new card): never show them here.
  if (ack.card.state === 'blocked') return errorOutcome('CARD_BLOCKED', nowMs);
  const clearAfterMs = typeof ack.clearAfterMs === 'number' && ack.clearAfterMs > 0 ? ack.clearAfterMs : defaultClearAfterMs;
  return {
    kind: 'shown',
    card: {
      number: ack.card.number,
      balances: ack.balances.filter(isBalanceLine),
      tickets: Array.isArray(ack.tickets) ? ack.tickets : [],
      memberships: Array.isArray(ack.memberships) ? ack.memberships : [],
      clearAt: nowMs + clearAfterMs,
    },
  };
}

export function errorOutcome(code: string, nowMs: number): TapOutcome {
  return { kind: 'error', code, clearAt: nowMs + (code === 'RATE_LIMITED' ? rateLimitShownMs : errorShownMs) };
}

/** A pushed `balance` event replaces the lines shown; returns the assets whose amount changed. */
export function changedAssets(before: readonly BalanceLine[], after: readonly BalanceLine[]): string[] {
  const old = new Map(before.map((b) => [b.asset, b.amount]));
  return after.filter((b) => old.get(b.asset) !== b.amount).map((b) => b.asset);
}

/** A UID typed by hand ("04 a1 b2 c3", "04:A1:B2:C3"), normalised, or null when it cannot be one. */
export function typedUid(input: string): string | null {
  return normalizeCardUid(input.trim());
}

/** The words shown for a ticket or membership, whatever the exact shape Lespass sends. */
export function rightLabel(right: Right): { name: string; detail: string; validUntil?: number | string } {
  const text = (v: unknown) => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as Right).name === 'string' ? String((v as Right).name) : '');
  const name = text(right.name) || text(right.title) || text(right.label) || text(right.product) || text(right.event) || '—';
  const detail = [text(right.event), text(right.price), text(right.collective)].filter((s) => s && s !== name).join(' · ');
  const until = right.validUntil ?? right.endsAt ?? right.expiresAt;
  return { name, detail, validUntil: typeof until === 'number' || typeof until === 'string' ? until : undefined };
}

function isBalanceLine(b: unknown): b is BalanceLine {
  const line = b as BalanceLine;
  return !!line && typeof line.asset === 'string' && typeof line.name === 'string' && Number.isSafeInteger(line.amount);
}
