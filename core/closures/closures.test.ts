import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/port.js';
import { createMemoryStore } from '../store/memory.js';
import { moneyNode, type MoneyNode } from '../../test/support/money.js';
import { archiveSigningKey, closureArchive, verifyClosureArchive } from './archive.js';
import { ClosureService } from './service.js';
import { readZip, writeZip } from '../documents/zip.js';

const run = promisify(execFile);
const tx = () => randomUUID();

describe('monthly and annual closures', () => {
  let node: MoneyNode;
  let dir = '';
  afterEach(async () => {
    await node.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function setup() {
    const clock = new FakeClock(Date.parse('2026-07-10T10:00:00Z'));
    node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    await node.currencies.defineCollectiveCurrencies('c1', 'Sou', 'c1');
    const bars = [(await node.catalog.createPos('c1', { name: 'Bar' }))._id, (await node.catalog.createPos('c1', { name: 'Crêperie' }))._id];
    const beer = (await node.catalog.createProduct('c1', { name: 'Bière', category: 'B', price: 300, vatRate: 2000 }))._id;
    for (const bar of bars) await node.catalog.assign(bar, beer, 'c1');
    const closures = new ClosureService(node.store, node.pos, clock, async () => ({ name: 'La Guinguette', timezone: 'Europe/Paris', fiscalYearStartMonth: 1 }));
    await closures.start();
    /** A day at a bar: `qty` beers in cash, then its Z. */
    const day = async (iso: string, bar: string, qty: number) => {
      clock.set(Date.parse(iso));
      await node.pos.sale(bar, { txId: tx(), lines: [{ productId: beer, qty }], payments: [{ method: 'cash', amount: qty * 300 }] });
      clock.advance(3_600_000);
      await node.pos.closeRegister(bar, { by: 'alice', countedCash: qty * 300 });
    };
    return { clock, bars, closures, day };
  }

  it('closes a month once it is over, chained, with period and cumulative grand totals; again returns the same', async () => {
    const { clock, bars, closures, day } = await setup();
    await day('2026-07-10T10:00:00Z', bars[0], 2);
    await day('2026-07-31T20:00:00Z', bars[1], 1); // 22:00 in Paris, still July
    await expect(closures.close('c1', 'month', '2026-07', 'job')).rejects.toMatchObject({ code: 'CONFLICT' }); // not over
    await day('2026-08-01T08:00:00Z', bars[0], 4);
    const { closure: july, created } = await closures.close('c1', 'month', '2026-07', 'job');
    expect(created).toBe(true);
    expect(july).toMatchObject({ number: 1, period: '2026-07', cumulativeTotal: 900, totals: { zCount: 2, salesCount: 2, net: 900, byMethod: { cash: 900 } } });
    expect(july.totals.byPos).toEqual([{ posId: bars[0], posName: 'Bar', zCount: 1, net: 600 }, { posId: bars[1], posName: 'Crêperie', zCount: 1, net: 300 }]);
    expect(await closures.close('c1', 'month', '2026-07', 'alice')).toEqual({ closure: july, created: false });

    // A register left open from August blocks August's closure until it is closed.
    clock.set(Date.parse('2026-08-31T12:00:00Z'));
    await node.pos.openRegister(bars[1], { by: 'bob' });
    clock.set(Date.parse('2026-09-01T12:00:00Z'));
    await expect(closures.close('c1', 'month', '2026-08', 'job')).rejects.toMatchObject({ code: 'CONFLICT' });
    await node.pos.closeRegister(bars[1], { by: 'bob' });
    const { closure: august } = await closures.close('c1', 'month', '2026-08', 'job');
    expect(august).toMatchObject({ number: 2, prevHash: july.hash, totals: { net: 1_200 }, cumulativeTotal: 2_100 });

    clock.set(Date.parse('2027-01-01T06:00:00Z'));
    const { closure: year } = await closures.close('c1', 'year', '2026', 'job');
    expect(year).toMatchObject({ number: 1, totals: { zCount: 4, net: 2_100 }, cumulativeTotal: 2_100, months: [{ period: '2026-07', hash: july.hash }, { period: '2026-08', hash: august.hash }] });
  });

  it('a signed archive verifies offline with npm run verify-z; an altered Z, manifest or signature fails', async () => {
    const { bars, closures, day, clock } = await setup();
    await day('2026-07-10T10:00:00Z', bars[0], 2);
    await day('2026-07-11T10:00:00Z', bars[0], 3);
    clock.set(Date.parse('2026-08-02T10:00:00Z'));
    const { closure } = await closures.close('c1', 'month', '2026-07', 'job');
    const key = await archiveSigningKey(node.store, clock.now());
    expect(await archiveSigningKey(node.store, clock.now())).toMatchObject({ publicKeyPem: key.publicKeyPem }); // one key
    const zip = closureArchive(closure, await closures.zTicketsOf(closure), key);
    expect(readZip(zip).map((e) => e.name)).toEqual(['closure.json', 'z-tickets.json', 'z-tickets.csv', 'manifest.json', 'manifest.sig']);
    expect(verifyClosureArchive(zip)).toMatchObject({ ok: true, errors: [], closure: { kind: 'month', period: '2026-07', zCount: 2, net: 1_500 } });
    const csv = readZip(zip).find((e) => e.name === 'z-tickets.csv')!.data.toString('utf8');
    expect(csv).toContain('Point de vente;Z n°;Journée');
    expect(csv).toContain('Bar;1;2026-07-10;1;6,00;0,00;6,00;6,00;0,00;0,00;6,00;');

    const rewrite = (name: string, edit: (text: string) => string) =>
      writeZip(readZip(zip).map((e) => (e.name === name ? { name, data: Buffer.from(edit(e.data.toString('utf8'))) } : e)), clock.now());
    const alteredZ = rewrite('z-tickets.json', (t) => t.replace('"sales": 600', '"sales": 60'));
    expect(verifyClosureArchive(alteredZ).errors).toContain('z-tickets.json was altered (sha256 differs from the manifest)');
    const alteredManifest = rewrite('manifest.json', (t) => t.replace('"period": "2026-07"', '"period": "2026-06"'));
    expect(verifyClosureArchive(alteredManifest).errors).toContain('the manifest signature does not match');
    expect(verifyClosureArchive(zip.subarray(0, zip.length - 30)).ok).toBe(false);

    dir = await mkdtemp(join(tmpdir(), 'closure-'));
    await writeFile(join(dir, 'ok.zip'), zip);
    await writeFile(join(dir, 'tampered.zip'), alteredZ);
    const cli = (file: string) => run('npx', ['tsx', 'core/pos/verify-z-cli.ts', join(dir, file)], { cwd: process.cwd() }).then((r) => ({ code: 0, out: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }));
    const good = await cli('ok.zip');
    expect(good).toMatchObject({ code: 0 });
    expect(good.out).toContain('OK: closure archive month 2026-07, 2 Z ticket(s)');
    const bad = await cli('tampered.zip');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('TAMPERED');
  }, 60_000);
});
