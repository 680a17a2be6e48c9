// The dashboard's copy of one collective's revenue board: a snapshot from `subscribe`, then the
// server's ordered deltas applied with the very `applyRow` the server uses, so both agree.
// Ordering rules (versions count applied ledger rows):
//   - a delta with toVersion <= our version is old news (it is in our snapshot): skipped;
//   - a delta whose fromVersion is not our version means we missed one: subscribe again;
//   - a delta of a later business day: the board starts over, subscribe again;
//   - while a subscribe is in flight, deltas are kept and replayed on the new snapshot (the
//     server joins the room before it takes the snapshot, so they may come before the ack).
// No DOM and no socket here: the app and the tests give it a `request` function.
import { applyRow, type BoardSnapshot } from '../../core/live/board.js';
import type { BoardDelta } from '../../core/live/collective-actor.js';
import { localHour } from '../../core/live/local-time.js';

export interface OpenRegister {
  posId: string;
  openedAt: number;
  float: number;
}

/** The `subscribe` ack of /dashboard. */
export type SubscribeAck =
  | { ok: true; board: BoardSnapshot; openRegisters: OpenRegister[]; currencies?: Record<string, string> }
  | { ok: false; code: string; message?: string };

export type FeedStatus = { state: 'subscribing' } | { state: 'live' } | { state: 'error'; code: string };

export interface BoardFeedOptions {
  collectiveId: string;
  /** The collective's time zone: the hour of a sale is its local hour. */
  timezone: string;
  /** Sends `subscribe` and resolves with its ack (rejects on timeout). */
  request(event: 'subscribe', payload: { collectiveId: string }): Promise<SubscribeAck>;
  /** Called after every change of board or status. */
  onChange?(): void;
}

const maxBufferedDeltas = 1_000;

export class BoardFeed {
  board: BoardSnapshot | null = null;
  openRegisters: OpenRegister[] = [];
  currencies: Record<string, string> = {};
  status: FeedStatus = { state: 'subscribing' };
  /** Deltas applied since the last snapshot, and snapshots taken (for tests and the status line). */
  readonly counts = { deltas: 0, snapshots: 0, skipped: 0, gaps: 0 };
  /** Called with the txId of every row applied from a delta (latency probes). */
  onRowApplied?: (txId: string) => void;
  private seen = new Set<string>();
  private inFlight: Promise<void> | null = null;
  private again = false;
  private buffer: BoardDelta[] = [];

  constructor(private readonly options: BoardFeedOptions) {}

  get version(): number {
    return this.board?.version ?? -1;
  }

  /** Asks for a fresh snapshot; concurrent calls share one request (and one more if asked meanwhile). */
  subscribe(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.run().finally(() => {
      this.inFlight = null;
      if (this.again) {
        this.again = false;
        void this.subscribe();
      }
    });
    return this.inFlight;
  }

  /** A `board:delta` from the server. */
  onDelta(delta: BoardDelta): void {
    if (delta.collectiveId !== this.options.collectiveId) return;
    if (this.inFlight || !this.board) {
      if (this.buffer.length < maxBufferedDeltas) this.buffer.push(delta);
      return;
    }
    if (this.apply(delta) === 'gap') void this.subscribe();
    this.options.onChange?.();
  }

  private async run(): Promise<void> {
    this.setStatus({ state: 'subscribing' });
    let ack: SubscribeAck;
    try {
      ack = await this.options.request('subscribe', { collectiveId: this.options.collectiveId });
    } catch {
      this.buffer = [];
      return this.setStatus({ state: 'error', code: 'TIMEOUT' });
    }
    if (!ack.ok) {
      this.buffer = [];
      return this.setStatus({ state: 'error', code: ack.code });
    }
    this.board = ack.board;
    this.openRegisters = [...ack.openRegisters];
    this.currencies = { ...this.currencies, ...ack.currencies };
    this.seen = new Set();
    this.counts.snapshots++;
    const buffered = this.buffer.sort((a, b) => a.fromVersion - b.fromVersion);
    this.buffer = [];
    // A gap among the buffered deltas: the snapshot is still right, the next one catches up.
    if (buffered.map((d) => this.apply(d)).includes('gap')) this.again = true;
    this.setStatus({ state: 'live' });
  }

  private apply(delta: BoardDelta): 'applied' | 'stale' | 'gap' {
    const board = this.board!;
    if (delta.day < board.day) return this.skip();
    if (delta.day > board.day) return this.gap();
    if (delta.toVersion <= board.version) return this.skip();
    if (delta.fromVersion !== board.version) return this.gap();
    for (const row of delta.rows) {
      applyRow(board, this.seen, row, (at) => localHour(at, this.options.timezone));
      if (row.sale && row.posId) this.noteOpenRegister(row.posId, row.at);
      this.onRowApplied?.(row.txId);
    }
    if (board.version !== delta.toVersion) return this.gap(); // never expected: start from the server's state
    this.counts.deltas++;
    return 'applied';
  }

  /** A sale opens its POS's register when none is open (DESIGN: zero float): show it as open. */
  private noteOpenRegister(posId: string, at: number): void {
    if (!this.openRegisters.some((r) => r.posId === posId)) this.openRegisters = [...this.openRegisters, { posId, openedAt: at, float: 0 }];
  }

  private skip(): 'stale' {
    this.counts.skipped++;
    return 'stale';
  }

  private gap(): 'gap' {
    this.counts.gaps++;
    return 'gap';
  }

  private setStatus(status: FeedStatus): void {
    this.status = status;
    this.options.onChange?.();
  }
}
