// Monthly and annual (fiscal year) closures of a collective (French cash-register law: periodic
// closures with the period's grand total and a perpetual one, chained, archived and frozen).
export type ClosureKind = 'month' | 'year';

export interface ClosureTotals {
  zCount: number;
  salesCount: number;
  sales: number;
  refunds: number;
  /** sales − refunds: the grand total of the period. */
  net: number;
  byMethod: { cash: number; card: number; pass: number };
  byVat: Array<{ rate: number; total: number; vat: number; ht: number }>;
  byPos: Array<{ posId: string; posName: string; zCount: number; net: number }>;
}

export interface PeriodClosure {
  _id: string; // `${collectiveId}#${kind}#${period}`
  collectiveId: string;
  collectiveName: string;
  kind: ClosureKind;
  /** "2026-07" for a month; "2026" for the fiscal year starting in 2026. */
  period: string;
  number: number;
  from: number;
  to: number;
  timezone: string;
  /** The Z tickets it covers, by hash (the archive holds them whole). */
  zTickets: Array<{ id: string; posId: string; number: number; businessDay: string; hash: string }>;
  /** For a year: the month closures it covers, by hash. */
  months?: Array<{ period: string; hash: string }>;
  totals: ClosureTotals;
  /** Every net sale of the collective since its first closure of this kind, this one included. */
  cumulativeTotal: number;
  closedBy: string;
  at: number;
  prevHash: string;
  hash: string;
}
