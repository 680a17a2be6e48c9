// What a person's Pass did, as their account shows it: each ledger row of their wallets
// (the account's and each linked card's), newest first, with the place (collective, point of
// sale), the time, and what it moved for this wallet in each currency (+ credited, - debited).
// Read-only over the ledger (the truth); names are looked up once per page.
import type { LedgerRow } from '../money/ledger-row.js';
import type { Ledger } from '../money/ledger.js';

export interface CardHistoryEntry {
  id: string;
  kind: LedgerRow['kind'];
  at: number;
  collective: string | null;
  pos: string | null;
  /** Signed, per asset, for the person's wallets: a payment is negative, a top-up positive. */
  amounts: Array<{ asset: string; amount: number }>;
}

export interface PlaceNames {
  collectiveName(collectiveId: string): Promise<string | null>;
  posName(posId: string): Promise<string | null>;
}

export const historyRowsPerWallet = 50;

export async function cardHistory(ledger: Ledger, wallets: string[], names: PlaceNames): Promise<CardHistoryEntry[]> {
  const own = new Set(wallets);
  const rows = (await Promise.all(wallets.map((wallet) => ledger.rows.find({ wallet }, { sort: { seq: -1 }, limit: historyRowsPerWallet })))).flat();
  const collectives = new Map<string, Promise<string | null>>();
  const points = new Map<string, Promise<string | null>>();
  const once = (cache: Map<string, Promise<string | null>>, id: string, look: (id: string) => Promise<string | null>) => {
    if (!cache.has(id)) cache.set(id, look(id).catch(() => null));
    return cache.get(id)!;
  };
  const entries = await Promise.all(
    rows.map(async (row) => ({
      id: row._id,
      kind: row.kind,
      at: row.at,
      collective: row.collectiveId ? await once(collectives, row.collectiveId, names.collectiveName) : null,
      pos: row.posId ? await once(points, row.posId, names.posName) : null,
      amounts: movedFor(row, own),
    })),
  );
  // A move between two of these wallets (a card linked to the account) is two rows through a
  // transit account: together they net to nothing, and the person sees no line for it.
  const transits = new Map<string, { rows: number; net: number }>();
  rows.forEach((row, i) => {
    const transit = transitOf(row);
    if (!transit) return;
    const group = transits.get(transit) ?? { rows: 0, net: 0 };
    group.rows += 1;
    group.net += entries[i].amounts.reduce((n, a) => n + a.amount, 0);
    transits.set(transit, group);
  });
  const internal = (row: LedgerRow) => {
    const group = transits.get(transitOf(row) ?? '');
    return group !== undefined && group.rows === 2 && group.net === 0;
  };
  return entries
    .filter((e, i) => e.amounts.length && !internal(rows[i]))
    .sort((a, b) => b.at - a.at)
    .slice(0, historyRowsPerWallet);
}

function transitOf(row: LedgerRow): string | null {
  for (const leg of row.legs) for (const account of [leg.from, leg.to]) if (account.startsWith('transit:')) return account;
  return null;
}

/** Net movement of a row for the given wallets, per asset (a transfer between two of them nets to nothing). */
function movedFor(row: LedgerRow, own: Set<string>): Array<{ asset: string; amount: number }> {
  const net = new Map<string, number>();
  for (const leg of row.legs) {
    const delta = (own.has(leg.to) ? leg.amount : 0) - (own.has(leg.from) ? leg.amount : 0);
    if (delta) net.set(leg.asset, (net.get(leg.asset) ?? 0) + delta);
  }
  return [...net].filter(([, amount]) => amount !== 0).map(([asset, amount]) => ({ asset, amount }));
}
