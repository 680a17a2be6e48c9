// Village settlement, the pure part: from ledger rows of one period, what each pair of
// collectives owes the other for local currency spent outside its issuer.
// Local currency of A spent at B is a leg {asset: local:A, from: <wallet>, to: collective:B}:
// B holds A's tokens, A holds the euros that bought them, so A owes B. Refunds move tokens
// back from collective:B and lower what is owed. Both directions are netted per pair.
// Invariants: integer cents; pairs listed once, (a, b) with a < b, in a stable order; for every
// pair net = aToB.due - bToA.due, and the debtor is the side whose currency was spent more.
import { parseAsset } from '../money/assets.js';
import { accounts } from '../money/accounts.js';
import type { LedgerRow } from '../money/ledger-row.js';

export interface Direction {
  /** Tokens of the first collective's currency received by the second in payments. */
  spent: number;
  /** Of those, given back to wallets by refunds during the period. */
  refunded: number;
  /** spent - refunded: what the issuer owes for this direction (may be negative). */
  due: number;
}

export interface SettlementPair {
  a: string;
  b: string;
  /** Currency of a spent at b. */
  aToB: Direction;
  /** Currency of b spent at a. */
  bToA: Direction;
  /** Euros that change hands after netting, >= 0. */
  net: number;
  debtor: string | null;
  creditor: string | null;
}

export interface CollectiveTotals {
  /** What its currency spent elsewhere costs it, summed over pairs (before netting). */
  owesGross: number;
  /** What it received in others' currencies (before netting). */
  owedGross: number;
  /** owedGross - owesGross: positive when the village owes it. */
  balance: number;
}

/** Accumulates flows between the village's collectives from rows; rows of other kinds are ignored. */
export class FlowCounter {
  private readonly flows = new Map<string, Direction>();
  private readonly members: Set<string>;
  rows = 0;

  constructor(collectiveIds: string[]) {
    this.members = new Set(collectiveIds);
  }

  add(row: LedgerRow): void {
    if (row.kind === 'settlement') return; // settling is not spending
    this.rows++;
    for (const leg of row.legs) {
      const ref = parseAsset(leg.asset);
      if (ref?.kind !== 'local' || !this.members.has(ref.collectiveId!)) continue;
      const issuer = ref.collectiveId!;
      const to = memberOf(leg.to, this.members);
      const from = memberOf(leg.from, this.members);
      if (to && to !== issuer) this.direction(issuer, to).spent += leg.amount;
      if (from && from !== issuer && leg.to !== accounts.issuance(leg.asset)) this.direction(issuer, from).refunded += leg.amount;
    }
  }

  pairs(): SettlementPair[] {
    const keys = new Set<string>();
    for (const key of this.flows.keys()) {
      const [issuer, holder] = key.split('>');
      keys.add(issuer < holder ? `${issuer}>${holder}` : `${holder}>${issuer}`);
    }
    return [...keys].sort().map((key) => {
      const [a, b] = key.split('>');
      const aToB = this.finished(a, b);
      const bToA = this.finished(b, a);
      const diff = aToB.due - bToA.due;
      return { a, b, aToB, bToA, net: Math.abs(diff), debtor: diff > 0 ? a : diff < 0 ? b : null, creditor: diff > 0 ? b : diff < 0 ? a : null };
    });
  }

  private direction(issuer: string, holder: string): Direction {
    const key = `${issuer}>${holder}`;
    let d = this.flows.get(key);
    if (!d) this.flows.set(key, (d = { spent: 0, refunded: 0, due: 0 }));
    return d;
  }

  private finished(issuer: string, holder: string): Direction {
    const d = this.flows.get(`${issuer}>${holder}`) ?? { spent: 0, refunded: 0, due: 0 };
    return { ...d, due: d.spent - d.refunded };
  }
}

export function totalsByCollective(collectiveIds: string[], pairs: SettlementPair[]): Record<string, CollectiveTotals> {
  const totals: Record<string, CollectiveTotals> = Object.fromEntries(collectiveIds.map((id) => [id, { owesGross: 0, owedGross: 0, balance: 0 }]));
  for (const p of pairs) {
    totals[p.a].owesGross += p.aToB.due;
    totals[p.b].owedGross += p.aToB.due;
    totals[p.b].owesGross += p.bToA.due;
    totals[p.a].owedGross += p.bToA.due;
  }
  for (const t of Object.values(totals)) t.balance = t.owedGross - t.owesGross;
  return totals;
}

function memberOf(account: string, members: Set<string>): string | null {
  if (!account.startsWith('collective:')) return null;
  const id = account.slice('collective:'.length);
  return members.has(id) ? id : null;
}
