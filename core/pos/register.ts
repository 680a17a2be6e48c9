// The register book of one POS: its sessions (shifts) and its Z tickets. Used only by the
// PosActor, so it is the single writer; the unique Z id (posId#number) refuses a stale one.
import { accounts } from '../money/accounts.js';
import { fiatAsset } from '../money/assets.js';
import { AppError } from '../shared/errors.js';
import { isDuplicateKey } from '../store/port.js';
import { newId } from '../shared/ids.js';
import type { PosDeps } from './deps.js';
import type { RegisterSession, ZTicket } from './records.js';
import { defaultDayCutoffMinutes } from '../live/business-day.js';
import { businessDay, computeZTotals, sealZ, sessionSummary } from './z-ticket.js';

export interface CloseResult {
  session: RegisterSession | null;
  z: ZTicket | null;
}

export class RegisterBook {
  session: RegisterSession | null = null;
  lastZ: ZTicket | null = null;
  private collectiveId = '';
  private timezone = 'Europe/Paris';
  private cutoffMinutes = defaultDayCutoffMinutes;
  private lastSale: { number: number; at: number } | null = null;

  constructor(
    private readonly posId: string,
    private readonly deps: PosDeps,
  ) {}

  async load(collectiveId: string): Promise<void> {
    this.collectiveId = collectiveId;
    this.timezone = await this.deps.timezoneOf(collectiveId);
    this.cutoffMinutes = (await this.deps.dayCutoffOf?.(collectiveId)) ?? defaultDayCutoffMinutes;
    this.session = await this.deps.sessions.findOne({ posId: this.posId, state: 'open' });
    [this.lastZ] = await this.deps.zTickets.find({ posId: this.posId }, { sort: { number: -1 }, limit: 1 });
    this.lastZ ??= null;
  }

  async lastSaleNumber(): Promise<number> {
    const [last] = await this.deps.sales.find({ posId: this.posId }, { sort: { number: -1 }, limit: 1 });
    this.lastSale = last ? { number: last.number, at: last.at } : null;
    return last?.number ?? 0;
  }

  lastSaleAt(): number {
    return this.lastSale?.at ?? 0;
  }

  async open(float: number, by: string): Promise<RegisterSession> {
    if (this.session) throw new AppError('CONFLICT', 'the register is already open');
    if (!Number.isSafeInteger(float) || float < 0) throw new AppError('INVALID_AMOUNT', 'opening float is whole cents, zero or more');
    const session: RegisterSession = { _id: newId('ses_'), posId: this.posId, collectiveId: this.collectiveId, state: 'open', openedAt: this.deps.clock.now(), openedBy: by, float };
    await this.deps.sessions.insertOne(session);
    this.session = session;
    return session;
  }

  /** A sale on a POS with no open register session opens one with a zero float. */
  async ensureOpen(by: string): Promise<RegisterSession> {
    return this.session ?? this.open(0, by);
  }

  /** Closes the shift (cash counted vs expected); with endOfDay, produces the day's Z ticket. */
  async close(input: { countedCash?: number; by: string; endOfDay: boolean }): Promise<CloseResult> {
    const now = this.deps.clock.now();
    const closed = this.session ? await this.closeSession(this.session, input, now) : null;
    if (!input.endOfDay) {
      if (!closed) throw new AppError('REGISTER_CLOSED', 'the register is not open');
      return { session: closed, z: null };
    }
    const z = await this.writeZ(input.by, now);
    if (!closed && !z) throw new AppError('REGISTER_CLOSED', 'nothing to close: the register is closed and nothing was sold since the last Z');
    return { session: closed, z };
  }

  private async closeSession(session: RegisterSession, input: { countedCash?: number; by: string }, now: number): Promise<RegisterSession> {
    if (input.countedCash !== undefined && (!Number.isSafeInteger(input.countedCash) || input.countedCash < 0)) {
      throw new AppError('INVALID_AMOUNT', 'counted cash is whole cents, zero or more');
    }
    const expectedCash = session.float + (await this.cashMovedSince(session.openedAt, now));
    const done: RegisterSession = {
      ...session,
      state: 'closed',
      closedAt: now,
      closedBy: input.by,
      expectedCash,
      countedCash: input.countedCash,
      difference: input.countedCash === undefined ? undefined : input.countedCash - expectedCash,
    };
    const { _id, ...fields } = done;
    const res = await this.deps.sessions.updateOne({ _id, state: 'open' }, { $set: fields });
    if (!res.matched) throw new AppError('REGISTER_CLOSED', 'this register session was already closed');
    this.session = null;
    return done;
  }

  private async writeZ(by: string, now: number): Promise<ZTicket | null> {
    const from = this.lastZ?.to ?? 0;
    const sales = await this.deps.sales.find({ posId: this.posId, at: { $gt: from, $lte: now } });
    const rows = await this.deps.ledger.rows.find({ posId: this.posId, at: { $gt: from, $lte: now } });
    const sessions = await this.deps.sessions.find({ posId: this.posId, state: 'closed', closedAt: { $gt: from, $lte: now } });
    if (!sales.length && !rows.length && !sessions.length) return null;
    const refunds = rows.filter((r) => r.kind === 'refund').map((r) => this.refundParts(r.legs, r.wallet));
    const totals = computeZTotals(this.posId, sales, rows, refunds, from, this.lastZ?.totals.deposits?.cupsOut ?? 0);
    const pos = await this.deps.catalog.getPos(this.posId);
    const number = (this.lastZ?.number ?? 0) + 1;
    const z = sealZ(
      {
        _id: `${this.posId}#${number}`,
        posId: this.posId,
        collectiveId: this.collectiveId,
        posName: pos.name,
        number,
        // The day the register's activity started: a Z written after midnight still belongs to it.
        businessDay: businessDay([...sales.map((x) => x.at), ...rows.map((r) => r.at), ...sessions.map((x) => x.openedAt)].reduce((a, b) => Math.min(a, b), now), this.timezone, this.cutoffMinutes),
        from,
        to: now,
        sessions: sessions.map(sessionSummary),
        totals,
        grandTotal: (this.lastZ?.grandTotal ?? 0) + totals.sales - totals.refunds.total,
        closedBy: by,
        at: now,
      },
      this.lastZ,
    );
    try {
      await this.deps.zTickets.insertOne(z);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('REGISTER_CLOSED', 'this Z ticket was already written');
      throw err;
    }
    await this.deps.sessions.updateMany({ posId: this.posId, state: 'closed', closedAt: { $gt: from, $lte: now } }, { $set: { zId: z._id } });
    this.lastZ = z;
    return z;
  }

  private refundParts(legs: Array<{ asset: string; from: string; to: string; amount: number }>, wallet: string) {
    const sum = (pred: (l: (typeof legs)[number]) => boolean) => legs.filter(pred).reduce((s, l) => s + l.amount, 0);
    return {
      pass: sum((l) => l.to === wallet && l.asset !== fiatAsset),
      card: sum((l) => l.asset === fiatAsset && l.from === accounts.cardTerminal(this.posId)),
      cash: sum((l) => l.asset === fiatAsset && l.from === accounts.cashDrawer(this.posId)),
    };
  }

  /** Net euros into this POS's cash drawer between two instants, from the ledger. */
  private async cashMovedSince(fromMs: number, toMs: number): Promise<number> {
    const rows = await this.deps.ledger.rows.find({ posId: this.posId, at: { $gte: fromMs, $lte: toMs } });
    const drawer = accounts.cashDrawer(this.posId);
    let net = 0;
    for (const row of rows) {
      for (const leg of row.legs) {
        if (leg.asset !== fiatAsset) continue;
        if (leg.to === drawer) net += leg.amount;
        if (leg.from === drawer) net -= leg.amount;
      }
    }
    return net;
  }
}
