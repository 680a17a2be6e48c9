// The organizer's revenue board for one collective and one business day, built only from
// ledger row events, so its numbers are the ledger's. Pure and shared with the dashboard UI,
// which applies the same deltas. Applying a row twice changes nothing (idempotent by txId).
import type { RowEvent } from './row-event.js';

export interface BoardSnapshot {
  collectiveId: string;
  day: string;
  version: number;
  sales: { count: number; gross: number; refunds: number; net: number };
  byMethod: { cash: number; card: number; pass: number };
  byPos: Record<string, { count: number; gross: number; refunds: number }>;
  byProduct: Record<string, { name: string; qty: number; total: number }>;
  /** Pass spending per currency (asset id). */
  byAsset: Record<string, number>;
  /** Net sales per local hour of the day, 0..23. */
  byHour: number[];
  /** Sales count per minute (epoch minute → count), last 60 minutes kept. */
  perMinute: Record<string, number>;
  topups: { total: number; byMethod: Record<string, number>; byAsset: Record<string, number> };
  cashouts: number;
  /** Sales terminals made offline, counted when they synced (also counted in `sales`). */
  offline: { count: number; total: number; shortfall: number };
  /** Cup deposits (consigne) taken with sales and given back: not sales (absent on a board made before). */
  deposits?: { held: number; returned: number };
}

const keptMinutes = 60;

export function emptyBoard(collectiveId: string, day: string): BoardSnapshot {
  return {
    collectiveId, day, version: 0,
    sales: { count: 0, gross: 0, refunds: 0, net: 0 },
    byMethod: { cash: 0, card: 0, pass: 0 },
    byPos: {}, byProduct: {}, byAsset: {},
    byHour: Array.from({ length: 24 }, () => 0),
    perMinute: {},
    topups: { total: 0, byMethod: {}, byAsset: {} },
    cashouts: 0,
    offline: { count: 0, total: 0, shortfall: 0 },
    deposits: { held: 0, returned: 0 },
  };
}

/** Applies one row event; returns false when it was already applied. `hourOf` gives the local hour. */
export function applyRow(board: BoardSnapshot, seen: Set<string>, row: RowEvent, hourOf: (atMs: number) => number): boolean {
  if (row.collectiveId !== board.collectiveId || seen.has(row.txId)) return false;
  seen.add(row.txId);
  board.version++;
  if (row.partOf) return true; // counted with the second card's row (core/pos/second-card.ts)
  if (row.sale) applySale(board, row, row.sale, hourOf(row.at));
  else if (row.kind === 'refund') applyRefund(board, row, hourOf(row.at));
  else if (row.kind === 'topup') applyTopup(board, row);
  else if (row.kind === 'cashout') board.cashouts += row.legs.filter((l) => l.asset === 'eur').reduce((s, l) => s + l.amount, 0);
  else if (row.kind === 'deposit-return') {
    // To the card (Pass money into its wallet) or in cash (euros out of the drawer).
    const back = row.legs.filter((l) => (l.asset === 'eur' && l.to === 'world') || (l.asset !== 'eur' && l.to === row.wallet)).reduce((s, l) => s + l.amount, 0);
    (board.deposits ??= { held: 0, returned: 0 }).returned += back;
  }
  return true;
}

function applySale(board: BoardSnapshot, row: RowEvent, sale: NonNullable<RowEvent['sale']>, hour: number): void {
  // Deposit money is held for the cups, not sold: out of gross, net, per POS and per hour.
  const held = sale.lines.reduce((sum, l) => sum + (l.deposit ? l.total : 0), 0);
  if (held) (board.deposits ??= { held: 0, returned: 0 }).held += held;
  const total = sale.total - held;
  board.sales.count++;
  board.sales.gross += total;
  if (sale.offline) {
    const offline = (board.offline ??= { count: 0, total: 0, shortfall: 0 }); // a board made before offline support
    offline.count++;
    offline.total += sale.total;
    offline.shortfall += sale.shortfall ?? 0;
  }
  board.sales.net += total;
  board.byMethod.cash += sale.payments.cash;
  board.byMethod.card += sale.payments.card;
  board.byMethod.pass += sale.payments.pass;
  const pos = (board.byPos[row.posId ?? 'online'] ??= { count: 0, gross: 0, refunds: 0 });
  pos.count++;
  pos.gross += total;
  for (const line of sale.lines) {
    if (line.deposit) continue;
    const p = (board.byProduct[line.productId] ??= { name: line.name, qty: 0, total: 0 });
    p.qty += line.qty;
    p.total += line.total;
  }
  for (const leg of row.legs) if (leg.from === row.wallet && leg.asset !== 'eur') board.byAsset[leg.asset] = (board.byAsset[leg.asset] ?? 0) + leg.amount;
  for (const s of sale.firstCardSpent ?? []) board.byAsset[s.asset] = (board.byAsset[s.asset] ?? 0) + s.amount;
  board.byHour[hour] += total;
  const minute = String(Math.floor(row.at / 60_000));
  board.perMinute[minute] = (board.perMinute[minute] ?? 0) + 1;
  for (const key of Object.keys(board.perMinute)) if (Number(key) < Number(minute) - keptMinutes) delete board.perMinute[key];
}

function applyRefund(board: BoardSnapshot, row: RowEvent, hour: number): void {
  // Pass money back to the wallet, euros back out of the drawer or card terminal.
  const amount = row.legs.filter((l) => (l.asset === 'eur' && l.to === 'world') || (l.asset !== 'eur' && l.to === row.wallet)).reduce((s, l) => s + l.amount, 0);
  board.sales.refunds += amount;
  board.sales.net -= amount;
  board.byHour[hour] -= amount;
  const pos = (board.byPos[row.posId ?? 'online'] ??= { count: 0, gross: 0, refunds: 0 });
  pos.refunds += amount;
}

function applyTopup(board: BoardSnapshot, row: RowEvent): void {
  const credit = row.legs.find((l) => l.asset !== 'eur');
  const paid = row.legs.find((l) => l.asset === 'eur');
  if (!credit) return;
  const method = paid?.to.startsWith('cash:') ? 'cash' : paid?.to.startsWith('cardterm:') ? 'card' : 'online';
  board.topups.total += credit.amount;
  board.topups.byMethod[method] = (board.topups.byMethod[method] ?? 0) + credit.amount;
  board.topups.byAsset[credit.asset] = (board.topups.byAsset[credit.asset] ?? 0) + credit.amount;
}
