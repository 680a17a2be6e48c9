// Monthly and annual closures of a collective, made by the nightly job or by hand. A closure
// covers the Z tickets whose business day is in the period, sums them, and is chained to the
// previous closure of its kind (number, prevHash, cumulative grand total). Idempotent: one
// closure per (collective, kind, period) by its id; asking again returns the stored one.
// A period is closed only once it is over and no register opened in it is still open.
import type { Clock } from '../clock/port.js';
import type { PosService } from '../pos/service.js';
import type { ZTicket } from '../pos/records.js';
import { chainHash } from '../shared/canonical.js';
import { AppError } from '../shared/errors.js';
import { genesisHash } from '../money/ledger-row.js';
import { isDuplicateKey, type Collection, type Store } from '../store/port.js';
import { monthsOf, periodBounds } from './periods.js';
import type { ClosureKind, ClosureTotals, PeriodClosure } from './types.js';

export interface ClosingCollectiveInfo {
  name: string;
  timezone: string;
  /** 1..12: the month the fiscal year starts (1: the calendar year). */
  fiscalYearStartMonth?: number;
}

export class ClosureService {
  private readonly docs: Collection<PeriodClosure>;

  constructor(
    store: Store,
    private readonly pos: PosService,
    private readonly clock: Clock,
    private readonly infoOf: (collectiveId: string) => Promise<ClosingCollectiveInfo>,
  ) {
    this.docs = store.collection<PeriodClosure>('period_closures');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'chain', keys: { collectiveId: 1, kind: 1, number: 1 }, unique: true }]);
  }

  list(collectiveId: string, kind?: ClosureKind): Promise<PeriodClosure[]> {
    return this.docs.find({ collectiveId, ...(kind ? { kind } : {}) }, { sort: { kind: 1, number: 1 } });
  }

  async get(collectiveId: string, kind: ClosureKind, period: string): Promise<PeriodClosure> {
    const found = await this.docs.findOne({ _id: closureId(collectiveId, kind, period) });
    if (!found) throw new AppError('NOT_FOUND', 'no such closure');
    return found;
  }

  /** Closes a period (or returns its closure when already made). */
  async close(collectiveId: string, kind: ClosureKind, period: string, by: string): Promise<{ closure: PeriodClosure; created: boolean }> {
    const existing = await this.docs.findOne({ _id: closureId(collectiveId, kind, period) });
    if (existing) return { closure: existing, created: false };
    const info = await this.infoOf(collectiveId);
    const bounds = periodBounds(kind, period, info.timezone, info.fiscalYearStartMonth);
    if (bounds.to > this.clock.now()) throw new AppError('CONFLICT', 'this period is not over yet');
    const open = (await this.pos.openSessions(collectiveId)).filter((s) => s.openedAt < bounds.to);
    if (open.length) throw new AppError('CONFLICT', 'a register opened in this period is still open: close it first', { posIds: open.map((s) => s.posId) });
    const [previous] = await this.docs.find({ collectiveId, kind }, { sort: { number: -1 }, limit: 1 });
    if (previous && previous.period > period) throw new AppError('CONFLICT', `a later ${kind} (${previous.period}) is already closed`);
    const zTickets = await this.pos.zTicketsOfPeriod(collectiveId, bounds.firstDay, bounds.nextDay);
    const totals = sumZ(zTickets);
    const months = kind === 'year' ? await this.monthHashes(collectiveId, monthsOf(bounds)) : undefined;
    const prevHash = previous?.hash ?? genesisHash;
    const body: Omit<PeriodClosure, 'hash'> = {
      _id: closureId(collectiveId, kind, period), collectiveId, collectiveName: info.name, kind, period, number: (previous?.number ?? 0) + 1,
      from: bounds.from, to: bounds.to, timezone: info.timezone,
      zTickets: zTickets.map((z) => ({ id: z._id, posId: z.posId, number: z.number, businessDay: z.businessDay, hash: z.hash })),
      ...(months ? { months } : {}),
      totals, cumulativeTotal: (previous?.cumulativeTotal ?? 0) + totals.net, closedBy: by, at: this.clock.now(), prevHash,
    };
    const closure: PeriodClosure = { ...body, hash: chainHash(prevHash, body) };
    try {
      await this.docs.insertOne(closure);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Another run closed it (or the next number) meanwhile: the stored one stands.
      const stored = await this.docs.findOne({ _id: closure._id });
      if (stored) return { closure: stored, created: false };
      throw new AppError('CONFLICT', 'another closure was written meanwhile; try again');
    }
    return { closure, created: true };
  }

  /** The Z tickets a closure covers, whole (for its archive). */
  async zTicketsOf(closure: PeriodClosure): Promise<ZTicket[]> {
    const ids = new Set(closure.zTickets.map((z) => z.id));
    const days = closure.zTickets.map((z) => z.businessDay).sort();
    if (!days.length) return [];
    const all = await this.pos.zTicketsOfPeriod(closure.collectiveId, days[0], nextDayOf(days[days.length - 1]));
    return all.filter((z) => ids.has(z._id));
  }

  private async monthHashes(collectiveId: string, months: string[]): Promise<Array<{ period: string; hash: string }>> {
    const found = await this.docs.find({ collectiveId, kind: 'month' });
    return months.flatMap((m) => found.filter((c) => c.period === m).map((c) => ({ period: m, hash: c.hash })));
  }
}

export function closureId(collectiveId: string, kind: ClosureKind, period: string): string {
  return `${collectiveId}#${kind}#${period}`;
}

/** A closure's totals from its Z tickets (the archive check recomputes them the same way). */
export function sumZ(zTickets: ZTicket[]): ClosureTotals {
  const totals: ClosureTotals = { zCount: zTickets.length, salesCount: 0, sales: 0, refunds: 0, net: 0, byMethod: { cash: 0, card: 0, pass: 0 }, byVat: [], byPos: [] };
  const vat = new Map<number, { total: number; vat: number; ht: number }>();
  const pos = new Map<string, ClosureTotals['byPos'][number]>();
  for (const z of zTickets) {
    const t = z.totals;
    const net = t.sales - t.refunds.total;
    totals.salesCount += t.salesCount;
    totals.sales += t.sales;
    totals.refunds += t.refunds.total;
    totals.net += net;
    for (const m of ['cash', 'card', 'pass'] as const) totals.byMethod[m] += t.byMethod[m] - t.refunds.byMethod[m];
    for (const v of t.byVat) {
      const e = vat.get(v.rate) ?? { total: 0, vat: 0, ht: 0 };
      e.total += v.total;
      e.vat += v.vat;
      e.ht += v.ht ?? v.total - v.vat;
      vat.set(v.rate, e);
    }
    const p = pos.get(z.posId) ?? { posId: z.posId, posName: z.posName, zCount: 0, net: 0 };
    p.zCount += 1;
    p.net += net;
    pos.set(z.posId, p);
  }
  totals.byVat = [...vat].sort(([a], [b]) => a - b).map(([rate, v]) => ({ rate, ...v }));
  totals.byPos = [...pos.values()].sort((a, b) => a.posName.localeCompare(b.posName));
  return totals;
}

function nextDayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
