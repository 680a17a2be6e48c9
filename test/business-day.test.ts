// The business day: a night that runs past midnight is one day. Sales from 20:00 to 03:00 over a
// real terminal make one Z (nightly closing), one dashboard day and one revenue day; a collective
// that sets its cut-off later keeps its 05:00 sales in the night before. Fake clock, real sockets.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { verifyLedger } from '../core/money/verify.js';
import { revenueOf } from '../core/pos/revenue.js';
import { closeForgottenRegisters } from '../workers/z-closing.js';
import { bootLaBoutik } from './support/laboutik.js';
import { seedCards } from './support/money.js';
import { terminalHarness, type TerminalHarness } from './support/terminal.js';

const tx = () => randomUUID();
/** Paris is UTC+2 in July. */
const paris = (isoLocal: string) => Date.parse(`${isoLocal}+02:00`);

describe('the business day of a collective', () => {
  let h: TerminalHarness;

  afterEach(async () => {
    expect((await verifyLedger(h.node.store)).errors).toEqual([]);
    await h.close();
  });

  async function night(clock: FakeClock, cutoffMinutes?: number) {
    h = await terminalHarness({ clock, dayCutoffOf: cutoffMinutes === undefined ? undefined : async () => cutoffMinutes });
    const [card] = await seedCards(h.node, 'c1', 1);
    const posId = (await h.node.catalog.createPos('c1', { name: 'Bar' }))._id;
    const beer = (await h.node.catalog.createProduct('c1', { name: 'Bière', category: 'Boissons', price: 400, vatRate: 2000 }))._id;
    await h.node.catalog.assign(posId, beer, 'c1');
    const t = (await h.terminal(posId, 'c1')).socket;
    await h.node.pass.topUp({ txId: tx(), cardUid: card, asset: 'local', amount: 10_000, method: 'stripe', collectiveId: 'c1' });
    const sell = async (atLocal: string) => {
      clock.set(paris(atLocal));
      const ack = await t.emitWithAck('sale', { txId: tx(), lines: [{ productId: beer, qty: 1 }], payments: [{ method: 'pass', cardUid: card }] });
      expect(ack.ok).toBe(true);
    };
    return { posId, sell };
  }

  it('a night from 20:00 to 03:00 makes one Z, one dashboard day and one revenue day (cut-off 04:00 by default)', async () => {
    const clock = new FakeClock(paris('2026-07-10T19:00:00'));
    const { posId, sell } = await night(clock);
    await sell('2026-07-10T20:00:00');
    await sell('2026-07-10T23:30:00');
    await sell('2026-07-11T00:30:00');
    await sell('2026-07-11T03:00:00');
    // The dashboard at 03:00 still shows the evening's day, with every sale of the night.
    await expect.poll(async () => (await h.node.live.board('c1')).sales.count).toBe(4);
    expect((await h.node.live.board('c1')).day).toBe('2026-07-10');

    // The nightly closing after the 04:00 cut-off writes one Z for the whole night.
    clock.set(paris('2026-07-11T04:10:00'));
    const collectives = async () => [{ id: 'c1', timezone: 'Europe/Paris', cutoffMinutes: 240 }];
    expect(await closeForgottenRegisters({ pos: h.node.pos, clock, collectives })).toEqual([{ posId, zNumber: 1 }]);
    const zs = await h.node.pos.listZ(posId);
    expect(zs).toHaveLength(1);
    expect(zs[0]).toMatchObject({ businessDay: '2026-07-10', totals: { salesCount: 4, sales: 1_600 } });
    expect(await closeForgottenRegisters({ pos: h.node.pos, clock, collectives })).toEqual([]);

    const report = await revenueOf({ pos: h.node.pos, ledger: h.node.ledger }, { collectiveId: 'c1', from: paris('2026-07-10T04:00:00'), to: paris('2026-07-11T04:00:00'), timezone: 'Europe/Paris' });
    expect(report.byDay.map((d) => [d.day, d.sales])).toEqual([['2026-07-10', 1_600]]);
    // After the cut-off the board starts the new day.
    expect(await h.node.live.board('c1')).toMatchObject({ day: '2026-07-11', sales: { count: 0 } });
  });

  it('a collective whose day starts at 06:00 keeps a 05:00 sale in the night before; at 04:00 it would be the next day', async () => {
    const clock = new FakeClock(paris('2026-07-10T19:00:00'));
    const { posId, sell } = await night(clock, 6 * 60);
    await sell('2026-07-10T22:00:00');
    await sell('2026-07-11T05:00:00');
    await expect.poll(async () => (await h.node.live.board('c1')).sales.count).toBe(2);
    expect((await h.node.live.board('c1')).day).toBe('2026-07-10');
    clock.set(paris('2026-07-11T06:30:00'));
    const closed = await closeForgottenRegisters({ pos: h.node.pos, clock, collectives: async () => [{ id: 'c1', timezone: 'Europe/Paris', cutoffMinutes: 360 }] });
    expect(closed).toEqual([{ posId, zNumber: 1 }]);
    expect((await h.node.pos.listZ(posId))[0]).toMatchObject({ businessDay: '2026-07-10', totals: { salesCount: 2 } });
    const report = await revenueOf({ pos: h.node.pos, ledger: h.node.ledger }, { collectiveId: 'c1', from: 0, to: clock.now(), timezone: 'Europe/Paris', cutoffMinutes: 360 });
    expect(report.byDay.map((d) => d.day)).toEqual(['2026-07-10']);
    const atFour = await revenueOf({ pos: h.node.pos, ledger: h.node.ledger }, { collectiveId: 'c1', from: 0, to: clock.now(), timezone: 'Europe/Paris' });
    expect(atFour.byDay.map((d) => d.day)).toEqual(['2026-07-10', '2026-07-11']);
  });
});

describe('the business day cut-off setting (admin API)', () => {
  it('defaults to 04:00, is set per collective to HH:MM before noon, and is refused otherwise with nothing changed', async () => {
    const n = await bootLaBoutik();
    try {
      const path = `/api/collectives/${n.a.collectiveId}`;
      expect(await n.core.collectives.dayCutoffOf(n.a.collectiveId)).toBe(240);
      const set = await n.api('PATCH', path, { cookie: n.a.cookie, body: { dayCutoff: '06:30' } });
      expect(set.status).toBe(200);
      expect(await n.core.collectives.dayCutoffOf(n.a.collectiveId)).toBe(390);
      expect(await n.core.collectives.dayCutoffOf(n.b.collectiveId)).toBe(240);
      for (const bad of ['13:00', '6:30', '04:60', 'midnight']) {
        const refused = await n.api('PATCH', path, { cookie: n.a.cookie, body: { dayCutoff: bad } });
        expect([refused.status, refused.body.error.code]).toEqual([400, 'INVALID_INPUT']);
      }
      expect(await n.core.collectives.dayCutoffOf(n.a.collectiveId)).toBe(390);
      expect((await n.api('PATCH', `/api/collectives/${n.b.collectiveId}`, { cookie: n.a.cookie, body: { dayCutoff: '05:00' } })).status).toBe(403);
      // The language of its documents is set on the same profile (French by default).
      const lang = await n.api('PATCH', path, { cookie: n.a.cookie, body: { lang: 'en' } });
      expect(lang.status).toBe(200);
      expect((await n.core.collectives.get(n.a.collectiveId)).lang).toBe('en');
      expect((await n.api('PATCH', path, { cookie: n.a.cookie, body: { lang: 'de' } })).status).toBe(400);
    } finally {
      await n.close();
    }
  });
});
