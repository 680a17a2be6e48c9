import { describe, expect, it } from 'vitest';
import { emptyBoard } from '../../core/live/board.js';
import { averageSale, currencyRows, methodRows, minuteSeries, posRows, topProducts, topupsVsSpending } from './figures.js';

function board() {
  const b = emptyBoard('c1', '2026-07-14');
  b.sales = { count: 3, gross: 1000, refunds: 150, net: 850 };
  b.byMethod = { cash: 600, card: 0, pass: 400 };
  b.byPos = { p1: { count: 1, gross: 300, refunds: 0 }, p2: { count: 2, gross: 700, refunds: 150 }, p9: { count: 0, gross: 0, refunds: 0 } };
  b.byProduct = { beer: { name: 'Bière', qty: 4, total: 700 }, crepe: { name: 'Crêpe', qty: 1, total: 300 } };
  b.byAsset = { 'local:c1': 300, global: 100 };
  b.topups = { total: 5000, byMethod: { cash: 2000, card: 3000 }, byAsset: { 'local:c1': 5000 } };
  b.perMinute = { '1000': 2, '1059': 1, '1061': 4 };
  return b;
}

describe('dashboard figures', () => {
  it('ranks points of sale by net, names them, and marks open registers', () => {
    expect(posRows(board(), { p1: 'Bar', p2: 'Cantine' }, [{ posId: 'p1', openedAt: 0, float: 0 }])).toEqual([
      { posId: 'p2', name: 'Cantine', count: 2, gross: 700, refunds: 150, net: 550, open: false },
      { posId: 'p1', name: 'Bar', count: 1, gross: 300, refunds: 0, net: 300, open: true },
      { posId: 'p9', name: 'p9', count: 0, gross: 0, refunds: 0, net: 0, open: false },
    ]);
  });

  it('ranks products, methods and currencies by amount, with bar shares', () => {
    expect(topProducts(board(), 1)).toEqual([{ productId: 'beer', name: 'Bière', qty: 4, total: 700 }]);
    expect(methodRows(board())).toEqual([
      { key: 'cash', amount: 600, share: 1 },
      { key: 'card', amount: 0, share: 0 },
      { key: 'pass', amount: 400, share: 400 / 600 },
    ]);
    expect(currencyRows(board(), { 'local:c1': 'Lumen', global: 'global' })).toEqual([
      { key: 'local:c1', amount: 300, share: 1, name: 'Lumen', kind: 'local' },
      { key: 'global', amount: 100, share: 100 / 300, name: undefined, kind: 'global' },
    ]);
    expect(topupsVsSpending(board())).toMatchObject({ topups: 5000, spending: 400, byMethod: [{ key: 'card', amount: 3000 }, { key: 'cash', amount: 2000 }] });
    expect(topupsVsSpending({ ...board(), offline: { count: 2, total: 700, shortfall: 150 } }).offline).toEqual({ count: 2, total: 700, shortfall: 150 });
    expect(topupsVsSpending({ ...board(), offline: undefined as never }).offline).toEqual({ count: 0, total: 0, shortfall: 0 }); // a board from before offline support
    expect(averageSale(board())).toBe(333);
    expect(averageSale(emptyBoard('c1', 'd'))).toBe(0);
  });

  it('shows the last 60 minutes, ending now or at a newer sale', () => {
    const b = board();
    delete b.perMinute['1061'];
    const atNow = minuteSeries(b, 1060 * 60_000 + 5_000);
    expect(atNow.lastMinute).toBe(1060);
    expect(atNow.values).toHaveLength(60);
    expect(atNow.values[58]).toBe(1); // minute 1059
    expect(atNow.values.reduce((a, c) => a + c, 0)).toBe(1); // minute 1000 is too old
    const ahead = minuteSeries(board(), 1060 * 60_000); // a terminal's clock ahead by a minute
    expect(ahead.lastMinute).toBe(1061);
    expect([ahead.values[57], ahead.values[59]]).toEqual([1, 4]);
  });
});
