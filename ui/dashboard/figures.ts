// What the dashboard shows, derived from the board: pure functions, so the figures on screen are
// tested without a browser. Amounts stay integer cents; shares are for bar widths only.
import type { BoardSnapshot } from '../../core/live/board.js';
import { parseAsset } from '../../core/money/assets.js';
import type { OpenRegister } from './board-feed.js';

export type PaymentMethod = 'cash' | 'card' | 'pass';

export interface PosRow {
  posId: string;
  name: string;
  count: number;
  gross: number;
  refunds: number;
  net: number;
  open: boolean;
}

export interface ProductRow {
  productId: string;
  name: string;
  qty: number;
  total: number;
}

export interface AmountRow<K extends string = string> {
  key: K;
  amount: number;
  /** amount ÷ the largest amount of the list, 0..1 (bar width). */
  share: number;
}

export interface CurrencyRow extends AmountRow {
  name: string | undefined;
  kind: string;
}

export const minutesShown = 60;

/** Points of sale by net revenue, names from the POS list (the id when the POS is unknown). */
export function posRows(board: BoardSnapshot, posNames: Record<string, string>, openRegisters: readonly OpenRegister[]): PosRow[] {
  const open = new Set(openRegisters.map((r) => r.posId));
  return Object.entries(board.byPos)
    .map(([posId, p]) => ({ posId, name: posNames[posId] ?? posId, count: p.count, gross: p.gross, refunds: p.refunds, net: p.gross - p.refunds, open: open.has(posId) }))
    .sort((a, b) => b.net - a.net || a.name.localeCompare(b.name));
}

export function topProducts(board: BoardSnapshot, limit = 8): ProductRow[] {
  return Object.entries(board.byProduct)
    .map(([productId, p]) => ({ productId, name: p.name, qty: p.qty, total: p.total }))
    .sort((a, b) => b.total - a.total || b.qty - a.qty || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export function methodRows(board: BoardSnapshot): Array<AmountRow<PaymentMethod>> {
  return withShares((['cash', 'card', 'pass'] as const).map((key) => ({ key, amount: board.byMethod[key] })));
}

/** Pass spending per currency, largest first. */
export function currencyRows(board: BoardSnapshot, names: Record<string, string>): CurrencyRow[] {
  const rows = withShares(Object.entries(board.byAsset).map(([key, amount]) => ({ key, amount })));
  return rows
    .map((r) => ({ ...r, name: names[r.key] && names[r.key] !== r.key ? names[r.key] : undefined, kind: parseAsset(r.key)?.kind ?? 'other' }))
    .sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key));
}

export function topupsVsSpending(board: BoardSnapshot): { topups: number; spending: number; cashouts: number; byMethod: AmountRow[]; offline: BoardSnapshot['offline'] } {
  const byMethod = withShares(Object.entries(board.topups.byMethod).map(([key, amount]) => ({ key, amount }))).sort((a, b) => b.amount - a.amount);
  const offline = board.offline ?? { count: 0, total: 0, shortfall: 0 };
  return { topups: board.topups.total, spending: board.byMethod.pass, cashouts: board.cashouts, byMethod, offline };
}

/** Average sale in cents (rounded), 0 without sales. */
export function averageSale(board: BoardSnapshot): number {
  return board.sales.count ? Math.round(board.sales.gross / board.sales.count) : 0;
}

/**
 * Sales per minute over the last 60 minutes ending at the later of `nowMs` and the newest sale
 * (a terminal's clock slightly ahead must not push its sale off the chart).
 */
export function minuteSeries(board: BoardSnapshot, nowMs: number): { values: number[]; lastMinute: number } {
  const newest = Math.max(Math.floor(nowMs / 60_000), ...Object.keys(board.perMinute).map(Number));
  const values = Array.from({ length: minutesShown }, (_, i) => board.perMinute[String(newest - (minutesShown - 1) + i)] ?? 0);
  return { values, lastMinute: newest };
}

function withShares<K extends string>(rows: Array<{ key: K; amount: number }>): Array<AmountRow<K>> {
  const max = Math.max(0, ...rows.map((r) => r.amount));
  return rows.map((r) => ({ ...r, share: max > 0 ? Math.max(0, r.amount) / max : 0 }));
}
