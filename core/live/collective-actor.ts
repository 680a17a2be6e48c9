// CollectiveActor: the live revenue of one collective for its current business day.
// Activation rebuilds the board from the ledger rows of the day; then row events arrive from
// the bus and are applied idempotently (a row seen at activation and again as an event counts
// once). Changes are published as ordered deltas, coalesced over a few milliseconds.
import type { Actor, ActorContext, ActorKind } from '../actors/port.js';
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import type { Ledger } from '../money/ledger.js';
import { applyRow, emptyBoard, type BoardSnapshot } from './board.js';
import { businessDayOf, defaultDayCutoffMinutes, startOfBusinessDay, startOfNextBusinessDay } from './business-day.js';
import { localHour } from './local-time.js';
import { toRowEvent, type RowEvent } from './row-event.js';

export const collectiveActorKind = 'collective';
export const boardChannel = (collectiveId: string) => `live:board:${collectiveId}`;

export type CollectiveMessage = { type: 'snapshot' } | { type: 'row'; row: RowEvent };

export interface BoardDelta {
  collectiveId: string;
  day: string;
  fromVersion: number;
  toVersion: number;
  rows: RowEvent[];
}

export interface CollectiveActorDeps {
  ledger: Ledger;
  bus: Bus;
  clock: Clock;
  timezoneOf(collectiveId: string): Promise<string>;
  /** Minutes after local midnight at which its business day starts (04:00 when not given). */
  dayCutoffOf?(collectiveId: string): Promise<number>;
  coalesceMs?: number;
}

export function collectiveActor(deps: CollectiveActorDeps): ActorKind<CollectiveMessage, unknown> {
  return { kind: collectiveActorKind, create: (ctx) => new CollectiveActor(ctx, deps) };
}

class CollectiveActor implements Actor<CollectiveMessage, unknown> {
  private timezone = 'Europe/Paris';
  private cutoffMinutes = defaultDayCutoffMinutes;
  private board!: BoardSnapshot;
  private seen = new Set<string>();
  private dayStartMs = 0;
  private nextDayStartMs = 0;
  private pending: RowEvent[] = [];
  private pendingFrom = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: ActorContext,
    private readonly deps: CollectiveActorDeps,
  ) {}

  async activate(): Promise<void> {
    this.timezone = await this.deps.timezoneOf(this.ctx.id);
    this.cutoffMinutes = (await this.deps.dayCutoffOf?.(this.ctx.id)) ?? defaultDayCutoffMinutes;
    await this.rebuild();
  }

  async passivate(): Promise<void> {
    this.flush();
  }

  async receive(msg: CollectiveMessage): Promise<unknown> {
    if (this.dayChanged()) await this.rebuild();
    if (msg.type === 'snapshot') {
      this.flush(); // a snapshot must not run ahead of the deltas already announced
      return this.board;
    }
    if (msg.row.at < this.dayStartMs) return { applied: false };
    const before = this.board.version;
    const applied = applyRow(this.board, this.seen, msg.row, (at) => localHour(at, this.timezone));
    if (applied) this.queue(msg.row, before);
    return { applied };
  }

  private async rebuild(): Promise<void> {
    const now = this.deps.clock.now();
    // The business day: a night past midnight is one day (a DST day is 23 or 25 h: the calendar says).
    this.dayStartMs = startOfBusinessDay(now, this.timezone, this.cutoffMinutes);
    this.nextDayStartMs = startOfNextBusinessDay(now, this.timezone, this.cutoffMinutes);
    this.board = emptyBoard(this.ctx.id, businessDayOf(now, this.timezone, this.cutoffMinutes));
    this.seen = new Set();
    const rows = await this.deps.ledger.rows.find({ collectiveId: this.ctx.id, at: { $gte: this.dayStartMs } }, { sort: { at: 1 } });
    for (const row of rows) applyRow(this.board, this.seen, toRowEvent(row), (at) => localHour(at, this.timezone));
  }

  private dayChanged(): boolean {
    return this.deps.clock.now() >= this.nextDayStartMs;
  }

  private queue(row: RowEvent, before: number): void {
    if (!this.pending.length) this.pendingFrom = before;
    this.pending.push(row);
    this.timer ??= setTimeout(() => this.flush(), this.deps.coalesceMs ?? 20);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending.length) return;
    const delta: BoardDelta = { collectiveId: this.ctx.id, day: this.board.day, fromVersion: this.pendingFrom, toVersion: this.board.version, rows: this.pending };
    this.pending = [];
    void this.deps.bus.publish(boardChannel(this.ctx.id), delta).catch(() => undefined);
  }
}
