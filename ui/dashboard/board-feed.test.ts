import { describe, expect, it } from 'vitest';
import { emptyBoard, type BoardSnapshot } from '../../core/live/board.js';
import type { BoardDelta } from '../../core/live/collective-actor.js';
import type { RowEvent } from '../../core/live/row-event.js';
import { BoardFeed, type SubscribeAck } from './board-feed.js';

const at = Date.UTC(2026, 6, 14, 12, 0); // 14:00 in Paris
const sale = (txId: string, total: number, posId = 'pos1'): RowEvent => ({
  txId,
  wallet: `pos:${posId}`,
  kind: 'sale',
  collectiveId: 'c1',
  posId,
  legs: [{ asset: 'eur', from: 'world', to: `cash:${posId}`, amount: total }],
  at,
  sale: { lines: [{ productId: 'beer', name: 'Bière', qty: 1, total }], payments: { cash: total, card: 0, pass: 0 }, total },
});

/** A server stand-in: its board advances with each sale; `subscribe` answers a copy, when released. */
function server() {
  const board: BoardSnapshot = emptyBoard('c1', '2026-07-14');
  const pending: Array<() => void> = [];
  let hold = false;
  return {
    board,
    calls: 0,
    hold(on: boolean) {
      hold = on;
      if (!on) pending.splice(0).forEach((f) => f());
    },
    sell(total: number, txId = `t${board.version + 1}`): BoardDelta {
      const row = sale(txId, total);
      const from = board.version;
      board.version++;
      board.sales.count++;
      board.sales.gross += total;
      return { collectiveId: 'c1', day: board.day, fromVersion: from, toVersion: board.version, rows: [row] };
    },
    request(): Promise<SubscribeAck> {
      this.calls++;
      const answer = (): SubscribeAck => ({ ok: true, board: structuredClone(board), openRegisters: [], currencies: { 'local:c1': 'Lumen' } });
      if (!hold) return Promise.resolve(answer());
      return new Promise((resolve) => pending.push(() => resolve(answer())));
    },
  };
}

function feedOf(s: ReturnType<typeof server>) {
  return new BoardFeed({ collectiveId: 'c1', timezone: 'Europe/Paris', request: () => s.request() });
}

describe('BoardFeed (the dashboard copy of the board)', () => {
  it('applies deltas in order on the snapshot, with the same applyRow as the server', async () => {
    const s = server();
    s.sell(100);
    const feed = feedOf(s);
    await feed.subscribe();
    expect(feed.status).toEqual({ state: 'live' });
    expect(feed.currencies).toEqual({ 'local:c1': 'Lumen' });
    feed.onDelta(s.sell(250));
    feed.onDelta(s.sell(400));
    expect(feed.board!.version).toBe(3);
    expect(feed.board!.sales.gross).toBe(100 + 250 + 400);
    expect(feed.board!.byHour[14]).toBe(650); // local hour in Paris of the two sales applied here
    expect(feed.board!.byProduct.beer).toEqual({ name: 'Bière', qty: 2, total: 650 });
    expect(feed.openRegisters.map((r) => r.posId)).toEqual(['pos1']);
  });

  it('skips a delta already in its snapshot, and subscribes again on a gap', async () => {
    const s = server();
    const feed = feedOf(s);
    const old = s.sell(100);
    await feed.subscribe();
    feed.onDelta(old); // the snapshot already has version 1
    expect(feed.counts.skipped).toBe(1);
    expect(feed.board!.version).toBe(1);
    s.sell(200); // lost on the way
    const after = s.sell(300);
    feed.onDelta(after);
    expect(feed.counts.gaps).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.calls).toBe(2);
    expect(feed.board!.version).toBe(3);
    expect(feed.board!.sales.gross).toBe(600);
  });

  it('keeps deltas that arrive while a subscribe is in flight and replays the newer ones on the snapshot', async () => {
    const s = server();
    const feed = feedOf(s);
    s.hold(true);
    const subscribing = feed.subscribe();
    const before = s.sell(100); // taken into the snapshot, also pushed
    s.hold(false);
    feed.onDelta(before);
    const after = s.sell(200); // pushed before the ack is processed
    feed.onDelta(after);
    await subscribing;
    expect(feed.board!.version).toBe(2);
    expect(s.calls).toBe(1);
  });

  it('starts over from a fresh snapshot when a delta of the next business day arrives', async () => {
    const s = server();
    const feed = feedOf(s);
    await feed.subscribe();
    feed.onDelta({ collectiveId: 'c1', day: '2026-07-15', fromVersion: 0, toVersion: 1, rows: [sale('n1', 100)] });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.calls).toBe(2);
    feed.onDelta({ collectiveId: 'c2', day: '2026-07-14', fromVersion: 0, toVersion: 1, rows: [sale('x', 1)] });
    expect(feed.board!.version).toBe(0);
  });

  it('reports a refused subscribe by its code', async () => {
    const feed = new BoardFeed({ collectiveId: 'c1', timezone: 'Europe/Paris', request: async () => ({ ok: false, code: 'FORBIDDEN' }) });
    await feed.subscribe();
    expect(feed.status).toEqual({ state: 'error', code: 'FORBIDDEN' });
  });
});
