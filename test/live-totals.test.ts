// The organizer dashboard's totals are the ledger's, end to end: terminals sell over the real
// HTTP + Socket.IO stack (paired through the API), a /dashboard client signed in with the admin
// cookie follows the board with the dashboard UI's own BoardFeed, and what it ends with equals
// an aggregation of the ledger rows and of the acks the terminals received.
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../core/money/ledger-row.js';
import { accounts } from '../core/money/accounts.js';
import { boot, type BootedNode } from './support/boot.js';
import { command, dashboardClient, eventually, followBoard, pairedTerminal, seedFestival } from './support/live.js';
import type { TerminalClient } from './support/terminal.js';

describe('dashboard totals over the real stack', () => {
  let node: BootedNode;
  const clients: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await node?.close();
  });

  it('after a burst of mixed sales, refunds and top-ups from 3 terminals, the dashboard equals the ledger', async () => {
    node = await boot({ env: { TERMINAL_COMMANDS_PER_SEC: '1000', GROUP_COMMIT_MS: '1' } });
    const f = await seedFestival(node, { pos: ['Grand bar', 'Cantine'], cards: 6 });
    const terminals: TerminalClient[] = [];
    for (const posId of [f.posIds[0], f.posIds[0], f.posIds[1]]) terminals.push(await pairedTerminal(node.url, f.cookie, posId));
    clients.push(...terminals);
    const dash = dashboardClient(node.url, f.cookie);
    clients.push(dash);
    const feed = followBoard(dash, f.collectiveId);
    await eventually('first snapshot', () => feed.status.state === 'live');
    expect(feed.board!.sales.count).toBe(0);

    let topups = 0;
    await Promise.all(f.cards.map((cardUid, i) => command(terminals[i % 3], 'topup', { cardUid, asset: 'local', amount: 5_000, method: i % 2 ? 'card' : 'cash' }).then(() => (topups += 5_000))));
    const [beer, crepe, lemonade] = f.products;
    const expectedQty: Record<string, number> = {};
    const sales = Array.from({ length: 45 }, (_, i) => {
      const lines = [{ productId: [beer, crepe, lemonade][i % 3].id, qty: 1 + (i % 2) }, ...(i % 5 === 0 ? [{ productId: beer.id, qty: 1 }] : [])];
      for (const l of lines) expectedQty[l.productId] = (expectedQty[l.productId] ?? 0) + l.qty;
      const total = lines.reduce((s, l) => s + l.qty * f.products.find((p) => p.id === l.productId)!.price, 0);
      const payments =
        i % 4 === 0 ? [{ method: 'cash', amount: total }] : i % 4 === 1 ? [{ method: 'card', amount: total }] : i % 4 === 2 ? [{ method: 'pass', cardUid: f.cards[i % 6] }] : [{ method: 'cash', amount: 100 }, { method: 'pass', cardUid: f.cards[i % 6] }];
      return { terminal: terminals[i % 3], lines, payments };
    });
    const acks = await Promise.all(sales.map((s) => command(s.terminal, 'sale', { lines: s.lines, payments: s.payments })));
    // Refund a cash sale, a Pass sale and part of a split one, from the terminal of their POS.
    const refunds = await Promise.all(
      [0, 2, 3].map((i) => command(sales[i].terminal, 'refund', { saleId: acks[i].saleId, ...(i === 3 ? { lines: [sales[i].lines[0]].map((l) => ({ ...l, qty: 1 })) } : {}) })),
    );

    const gross = acks.reduce((s, a) => s + a.total, 0);
    const refunded = refunds.reduce((s, r) => s + r.refunded, 0);
    await eventually('every sale and refund on the dashboard', () => feed.board!.sales.count === 45 && feed.board!.sales.refunds === refunded);
    const board = feed.board!;

    // What the terminals were told.
    expect(board.sales.gross).toBe(gross);
    expect(board.sales.net).toBe(gross - refunded);
    expect(board.topups.total).toBe(topups);
    expect(Object.fromEntries(Object.entries(board.byProduct).map(([id, p]) => [id, p.qty]))).toEqual(expectedQty);

    // What the ledger holds.
    const rows = (await node.core.ledger.rows.find({ collectiveId: f.collectiveId })) as LedgerRow[];
    const saleRows = rows.filter((r) => r.meta?.sale);
    const sum = (legs: LedgerRow['legs'], keep: (l: LedgerRow['legs'][number]) => boolean) => legs.filter(keep).reduce((s, l) => s + l.amount, 0);
    const notTopups = rows.filter((r) => r.kind !== 'topup').flatMap((r) => r.legs);
    const passIn = sum(notTopups, (l) => l.to === accounts.collective(f.collectiveId));
    const passBack = sum(notTopups, (l) => l.from === accounts.collective(f.collectiveId));
    const eurIn = sum(notTopups, (l) => l.asset === 'eur' && l.from === accounts.world);
    const eurBack = sum(notTopups, (l) => l.asset === 'eur' && l.to === accounts.world);
    expect(board.sales.count).toBe(saleRows.length);
    expect(board.sales.net).toBe(passIn - passBack + eurIn - eurBack);
    expect(board.sales.refunds).toBe(passBack + eurBack);
    expect(board.byMethod).toEqual({
      cash: sum(saleRows.flatMap((r) => r.legs), (l) => l.to.startsWith('cash:')),
      card: sum(saleRows.flatMap((r) => r.legs), (l) => l.to.startsWith('cardterm:')),
      pass: sum(saleRows.flatMap((r) => r.legs), (l) => l.to === accounts.collective(f.collectiveId)),
    });
    for (const posId of f.posIds) {
      const own = saleRows.filter((r) => r.posId === posId);
      expect(board.byPos[posId].count).toBe(own.length);
      expect(board.byPos[posId].gross).toBe(own.reduce((s, r) => s + (r.meta!.sale as { total: number }).total, 0));
    }
    expect(board.topups.total).toBe(sum(rows.filter((r) => r.kind === 'topup').flatMap((r) => r.legs), (l) => l.asset !== 'eur'));
    expect(board.byHour.reduce((a, b) => a + b, 0)).toBe(board.sales.net);

    // And the live copy is exactly the server's board: a fresh snapshot agrees field by field.
    const fresh = await dash.timeout(5_000).emitWithAck('subscribe', { collectiveId: f.collectiveId });
    expect(board).toEqual(fresh.board);
    expect(feed.counts.gaps).toBe(0);
    expect(feed.counts.deltas).toBeGreaterThan(0);
  });
});
