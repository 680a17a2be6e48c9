// The register book of one POS: its sessions (shifts) and its Z tickets. Used only by the
// PosActor, so it is the single writer; the unique Z id (posId#number) refuses a stale one.
// Rules: a register is opened explicitly (float carried over from the last counted cash unless
// given), or by the first sale when its POS says so (`openOnFirstSale`); a closed register
// refuses sales; each close writes its own Z ticket, so closing twice is impossible and several
// closes a day make several Z; the Z is written before the session is marked closed, and a Z
// that names the open session finishes that close on the next activation (a crash in between).
import { fiatAsset } from '../money/assets.js';
import { AppError } from '../shared/errors.js';
import { isDuplicateKey } from '../store/port.js';
import { newId } from '../shared/ids.js';
import type { PosDeps } from './deps.js';
import type { RegisterSession, ZTicket } from './records.js';
import { defaultDayCutoffMinutes } from '../live/business-day.js';
import { businessDay, sealZ, sessionSummary } from './z-ticket.js';
import { computeZTotals, netCashIntoDrawer } from './z-totals.js';
import { softwareInfo } from './software.js';

export interface CloseResult {
  session: RegisterSession | null;
  z: ZTicket | null;
}

export interface CloseInput {
  countedCash?: number;
  by: string;
  byName?: string;
  /** The session the caller means to close (the nightly job): another one open now is left alone. */
  sessionId?: string;
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
    if (this.session && this.lastZ?.sessionId === this.session._id) await this.markClosed(this.session, this.lastZ);
  }

  async lastSaleNumber(): Promise<number> {
    const [last] = await this.deps.sales.find({ posId: this.posId }, { sort: { number: -1 }, limit: 1 });
    this.lastSale = last ? { number: last.number, at: last.at } : null;
    return last?.number ?? 0;
  }

  lastSaleAt(): number {
    return this.lastSale?.at ?? 0;
  }

  /** The cash the open session's drawer holds now: float + the ledger's net cash in since it opened. */
  async cashInDrawer(): Promise<number> {
    if (!this.session) return 0;
    const rows = await this.deps.ledger.rows.find({ posId: this.posId, at: { $gte: this.session.openedAt } });
    return this.session.float + netCashIntoDrawer(this.posId, rows);
  }

  /** The float a new session starts with when none is given: the cash counted at the last close. */
  async carriedFloat(): Promise<number> {
    const [last] = await this.deps.sessions.find({ posId: this.posId, state: 'closed' }, { sort: { closedAt: -1 }, limit: 1 });
    return last?.countedCash ?? last?.expectedCash ?? 0;
  }

  async open(input: { float?: number; by: string; byName?: string; openedBy?: 'hand' | 'first-sale' }): Promise<RegisterSession> {
    if (this.session) throw new AppError('CONFLICT', 'the register is already open');
    const float = input.float ?? (await this.carriedFloat());
    if (!Number.isSafeInteger(float) || float < 0) throw new AppError('INVALID_AMOUNT', 'opening float is whole cents, zero or more');
    const session: RegisterSession = {
      _id: newId('ses_'), posId: this.posId, collectiveId: this.collectiveId, state: 'open', openedAt: this.deps.clock.now(), openedBy: input.by,
      openedByName: input.byName, float, floatCarried: input.float === undefined, openedOn: input.openedBy ?? 'hand',
    };
    await this.deps.sessions.insertOne(session);
    this.session = session;
    return session;
  }

  /** Money is about to enter the drawer: the session that will count it, or REGISTER_CLOSED. */
  async sessionForSale(by: string, openOnFirstSale: boolean): Promise<RegisterSession> {
    if (this.session) return this.session;
    if (!openOnFirstSale) throw new AppError('REGISTER_CLOSED', 'the register is closed: a manager opens it from the terminal');
    return this.open({ by, openedBy: 'first-sale' });
  }

  /** Closes the open session and writes its Z ticket. */
  async close(input: CloseInput): Promise<CloseResult> {
    const session = this.session;
    if (!session || (input.sessionId && input.sessionId !== session._id)) throw new AppError('REGISTER_CLOSED', 'the register is already closed');
    if (input.countedCash !== undefined && (!Number.isSafeInteger(input.countedCash) || input.countedCash < 0)) {
      throw new AppError('INVALID_AMOUNT', 'counted cash is whole cents, zero or more');
    }
    const z = await this.writeZ(session, input, this.deps.clock.now());
    return { session: await this.markClosed(session, z), z };
  }

  private async markClosed(session: RegisterSession, z: ZTicket): Promise<RegisterSession> {
    const cash = z.totals.cash;
    const done: RegisterSession = {
      ...session, state: 'closed', closedAt: z.to, closedBy: z.closedBy, closedByName: z.closedByName, expectedCash: cash?.expected,
      countedCash: cash?.counted, difference: cash?.difference, zId: z._id,
    };
    const { _id, ...fields } = done;
    await this.deps.sessions.updateOne({ _id, state: 'open' }, { $set: fields });
    this.session = null;
    return done;
  }

  private async writeZ(session: RegisterSession, input: CloseInput, now: number): Promise<ZTicket> {
    // Everything since the previous Z: nothing recorded at this POS escapes a Z.
    const after = this.lastZ?.to ?? 0;
    const sales = await this.deps.sales.find({ posId: this.posId, at: { $gt: after, $lte: now } });
    const rows = await this.deps.ledger.rows.find({ posId: this.posId, at: { $gt: after, $lte: now } });
    const refundOf = [...new Set(rows.filter((r) => r.kind === 'refund').map((r) => String(r.meta?.refundOf ?? '')))];
    const refundedSales = new Map((await Promise.all(refundOf.map((id) => this.deps.sales.findOne({ _id: id })))).filter((s) => s !== null).map((s) => [s._id, s]));
    const assets = [...new Set(rows.flatMap((r) => r.legs.map((l) => l.asset)))].filter((a) => a !== fiatAsset);
    const names = new Map((await this.deps.pass.describe(Object.fromEntries(assets.map((a) => [a, 0])))).map((l) => [l.asset, l.name]));
    const totals = computeZTotals({
      posId: this.posId, sales, rows, refundedSales, assetName: (a) => names.get(a) ?? a, float: session.float, countedCash: input.countedCash, sessionOpenedAt: session.openedAt, previousZAt: after,
      cupsOutBefore: this.lastZ?.totals.deposits?.cupsOut ?? 0,
    });
    const pos = await this.deps.catalog.getPos(this.posId);
    const terminalIds = [...new Set([...sales.map((s) => s.terminalId), ...rows.map((r) => r.terminalId)].filter((t): t is string => Boolean(t)))];
    const number = (this.lastZ?.number ?? 0) + 1;
    const from = Math.min(session.openedAt, ...sales.map((x) => x.at), ...rows.map((r) => r.at));
    const z = sealZ(
      {
        _id: `${this.posId}#${number}`,
        format: 2,
        posId: this.posId,
        collectiveId: this.collectiveId,
        collective: await this.deps.identityOf(this.collectiveId),
        timezone: this.timezone,
        posName: pos.name,
        terminals: await this.deps.terminalNames(terminalIds),
        number,
        sessionId: session._id,
        // The day the session started: a Z written after midnight still belongs to it.
        businessDay: businessDay(from, this.timezone, this.cutoffMinutes),
        from,
        to: now,
        sessions: [sessionSummary({ ...session, closedAt: now, expectedCash: totals.cash?.expected, countedCash: input.countedCash, difference: totals.cash?.difference })],
        totals,
        grandTotal: (this.lastZ?.grandTotal ?? 0) + (totals.net ?? totals.sales - totals.refunds.total),
        software: softwareInfo,
        closedBy: input.by,
        closedByName: input.byName ?? input.by,
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
    this.lastZ = z;
    return z;
  }
}
