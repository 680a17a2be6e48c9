import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { localAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import { boot, collectiveWithAdmin, login, type BootedNode } from './support/boot.js';

describe('village settlement over HTTP', () => {
  let node: BootedNode;
  afterEach(() => node.close());

  it('both collectives see the statement, export it as CSV, and record the payment once', async () => {
    const clock = new FakeClock(Date.parse('2026-07-14T12:00:00Z'));
    node = await boot({ overrides: { clock } });
    const { core } = node;
    const a = await collectiveWithAdmin(core, 'Alpha');
    const b = await collectiveWithAdmin(core, 'Beta');
    const outsider = await collectiveWithAdmin(core, 'Gamma');
    const village = await core.villages.create({ name: 'V' });
    await core.villages.join(a.collectiveId, village._id);
    await core.villages.join(b.collectiveId, village._id);
    for (const c of [a, b]) await core.currencies.defineCollectiveCurrencies(c.collectiveId, `Sou ${c.slug}`, c.slug);
    await core.currencies.setAcceptance(b.collectiveId, localAsset(a.collectiveId), true, clock.now());
    await core.pass.registerCard({ uid: 'ABCDEF01', number: 'S-1', issuerId: a.collectiveId });
    await core.pass.topUp({ txId: randomUUID(), cardUid: 'ABCDEF01', asset: 'local', amount: 1000, method: 'cash', collectiveId: a.collectiveId, posId: 'pa' });
    await core.pass.pay({ txId: randomUUID(), cardUid: 'ABCDEF01', amount: 700, collectiveId: b.collectiveId });
    clock.set(Date.parse('2026-07-15T08:00:00Z'));

    const cookieA = await login(node.url, a.email, a.password);
    const cookieB = await login(node.url, b.email, b.password);
    const cookieC = await login(node.url, outsider.email, outsider.password);
    const post = (path: string, cookie: string, body: unknown) => fetch(`${node.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const get = (path: string, cookie: string) => fetch(`${node.url}${path}`, { headers: { cookie } });

    const notOver = await post(`/api/collectives/${a.collectiveId}/settlements`, cookieA, { day: '2026-07-15' });
    expect(notOver.status).toBe(400);
    expect((await notOver.json()).error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'PERIOD_NOT_OVER' } }); // the admin panel reads the reason, not the words
    const made = await post(`/api/collectives/${a.collectiveId}/settlements`, cookieA, { day: '2026-07-14' });
    expect(made.status).toBe(200);
    const { statement } = await made.json();
    expect(statement.pairs).toHaveLength(1);
    expect(statement.pairs[0]).toMatchObject({ net: 700, debtor: a.collectiveId, creditor: b.collectiveId });
    const again = await (await post(`/api/collectives/${b.collectiveId}/settlements`, cookieB, { day: '2026-07-14' })).json();
    expect(again.statement.hash).toBe(statement.hash); // idempotent per period

    const listB = await (await get(`/api/collectives/${b.collectiveId}/settlements`, cookieB)).json();
    expect(listB.statements.map((s: { _id: string }) => s._id)).toEqual([statement._id]);
    const sid = encodeURIComponent(statement._id);
    const csv = await get(`/api/collectives/${a.collectiveId}/settlements/${sid}/csv`, cookieA);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await csv.text()).toContain('7.00');
    expect((await get(`/api/collectives/${outsider.collectiveId}/settlements/${sid}`, cookieC)).status).toBe(404);
    expect((await get(`/api/collectives/${a.collectiveId}/settlements`, cookieC)).status).toBe(403);

    const txId = randomUUID();
    const paid = await post(`/api/collectives/${b.collectiveId}/settlements/${sid}/pairs/0/paid`, cookieB, { txId });
    expect(paid.status).toBe(200);
    expect((await post(`/api/collectives/${a.collectiveId}/settlements/${sid}/pairs/0/paid`, cookieA, { txId })).status).toBe(200); // replay
    expect((await post(`/api/collectives/${a.collectiveId}/settlements/${sid}/pairs/0/paid`, cookieA, { txId: randomUUID() })).status).toBe(409);
    expect((await verifyLedger(core.store)).errors).toEqual([]);
  });
});
