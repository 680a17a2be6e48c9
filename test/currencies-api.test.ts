import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { localAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import { collectiveWithAdmin, login } from './support/boot.js';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';

describe('currencies API: local currency name and village consent', () => {
  let n: LaBoutikNode;

  afterEach(async () => {
    if (!n) return;
    expect((await verifyLedger(n.core.store)).errors).toEqual([]);
    await n.close();
  });

  /** A and B in one village; C (with its own local currency) in another. */
  async function village() {
    n = await bootLaBoutik();
    const { core } = n;
    const v = await core.villages.create({ name: 'Village' });
    await core.villages.join(n.a.collectiveId, v._id);
    await core.villages.join(n.b.collectiveId, v._id);
    const far = await core.villages.create({ name: 'Far away' });
    const c = await collectiveWithAdmin(core, 'Gamma');
    await core.villages.join(c.collectiveId, far._id);
    await core.currencies.defineCollectiveCurrencies(c.collectiveId, 'Local Gamma', 'Gamma');
    const path = `/api/collectives/${n.a.collectiveId}/currencies`;
    return { villageId: v._id, c, path };
  }

  it("lists the collective's local and gift currencies and its village neighbours' local currencies, not accepted at first", async () => {
    const { villageId, path } = await village();
    const res = await n.api('GET', path, { cookie: n.a.cookie });
    expect(res.status).toBe(200);
    expect(res.body.currencies).toEqual({
      collectiveId: n.a.collectiveId,
      local: { asset: localAsset(n.a.collectiveId), name: 'Local Alpha' },
      gift: { asset: `gift:${n.a.collectiveId}`, name: 'Cadeau Alpha' },
      village: { id: villageId, name: 'Village' },
      others: [{ asset: localAsset(n.b.collectiveId), name: 'Local Beta', collectiveId: n.b.collectiveId, collectiveName: 'Beta', accepted: false, inVillage: true }],
    });
  });

  it('renames the local currency, and names one for a collective that had none', async () => {
    const { c, path } = await village();
    const renamed = await n.api('PUT', `${path}/local`, { cookie: n.a.cookie, body: { name: '  Fourmi  ' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.currencies.local).toEqual({ asset: localAsset(n.a.collectiveId), name: 'Fourmi' });
    expect(await n.core.currencies.name(localAsset(n.a.collectiveId))).toBe('Fourmi');
    // B sees the new name among its neighbours' currencies.
    const seenByB = await n.api('GET', `/api/collectives/${n.b.collectiveId}/currencies`, { cookie: n.b.cookie });
    expect(seenByB.body.currencies.others.map((o: any) => o.name)).toEqual(['Fourmi']);

    const empty = await n.api('PUT', `${path}/local`, { cookie: n.a.cookie, body: { name: '   ' } });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    expect(empty.body.error.details.issues[0].path).toBe('name');

    const fresh = await collectiveWithAdmin(n.core, 'Delta');
    const cookie = await login(n.url, fresh.email, fresh.password);
    const before = await n.api('GET', `/api/collectives/${fresh.collectiveId}/currencies`, { cookie });
    expect(before.body.currencies).toMatchObject({ local: null, gift: null, village: null, others: [] });
    const named = await n.api('PUT', `/api/collectives/${fresh.collectiveId}/currencies/local`, { cookie, body: { name: 'Delta-sous' } });
    expect(named.body.currencies.local).toEqual({ asset: localAsset(fresh.collectiveId), name: 'Delta-sous' });
    expect(c.collectiveId).not.toBe(fresh.collectiveId);
  });

  it('gives and withdraws consent, and a Pass payment follows each change', async () => {
    const { path } = await village();
    const { core, a, b } = n;
    const card = b.cards[0];
    // 10.00 of B's local currency on a card, topped up in cash at B.
    const barOfB = await core.catalog.createPos(b.collectiveId, { name: 'Bar of B' });
    await core.pass.topUp({ txId: randomUUID(), cardUid: card, asset: 'local', amount: 1000, method: 'cash', collectiveId: b.collectiveId, posId: barOfB._id });
    const payAtA = () => core.pass.pay({ txId: randomUUID(), cardUid: card, amount: 300, collectiveId: a.collectiveId });

    await expect(payAtA()).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });

    const given = await n.api('PUT', `${path}/accepted`, { cookie: a.cookie, body: { asset: localAsset(b.collectiveId), accepted: true } });
    expect(given.status).toBe(200);
    expect(given.body.currencies.others).toEqual([expect.objectContaining({ asset: localAsset(b.collectiveId), accepted: true })]);
    const paid = await payAtA();
    expect(paid.spent).toEqual([{ asset: localAsset(b.collectiveId), amount: 300 }]);

    const withdrawn = await n.api('PUT', `${path}/accepted`, { cookie: a.cookie, body: { asset: localAsset(b.collectiveId), accepted: false } });
    expect(withdrawn.body.currencies.others[0].accepted).toBe(false);
    await expect(payAtA()).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect((await core.pass.balance(card)).balances).toEqual([expect.objectContaining({ asset: localAsset(b.collectiveId), amount: 700 })]);
  });

  it('accepts only a local currency of another collective of the same village', async () => {
    const { c, path } = await village();
    const put = (asset: unknown, accepted: unknown = true) => n.api('PUT', `${path}/accepted`, { cookie: n.a.cookie, body: { asset, accepted } });
    const outsider = await put(localAsset(c.collectiveId));
    expect([outsider.status, outsider.body.error.code, outsider.body.error.details.reason]).toEqual([409, 'CONFLICT', 'NOT_SAME_VILLAGE']);
    for (const asset of [localAsset(n.a.collectiveId), `gift:${n.b.collectiveId}`, 'global', 'eur', 'local:', 'nonsense']) {
      const res = await put(asset);
      expect([asset, res.status, res.body.error.code]).toEqual([asset, 400, 'INVALID_INPUT']);
    }
    const lonely = await collectiveWithAdmin(n.core, 'Epsilon'); // same village? no village at all
    expect((await put(localAsset(lonely.collectiveId))).status).toBe(409);
    expect((await put(localAsset(n.b.collectiveId), 'yes')).status).toBe(400);
    expect(await n.core.currencies.acceptedBy(n.a.collectiveId)).toEqual([]);
  });

  it('keeps listing a consent whose collective left the village, so it can still be withdrawn', async () => {
    const { path } = await village();
    await n.api('PUT', `${path}/accepted`, { cookie: n.a.cookie, body: { asset: localAsset(n.b.collectiveId), accepted: true } });
    await n.core.villages.leave(n.b.collectiveId);
    const listed = await n.api('GET', path, { cookie: n.a.cookie });
    expect(listed.body.currencies.others).toEqual([expect.objectContaining({ asset: localAsset(n.b.collectiveId), accepted: true, inVillage: false })]);
    const again = await n.api('PUT', `${path}/accepted`, { cookie: n.a.cookie, body: { asset: localAsset(n.b.collectiveId), accepted: true } });
    expect(again.body.error.details.reason).toBe('NOT_SAME_VILLAGE');
    const withdrawn = await n.api('PUT', `${path}/accepted`, { cookie: n.a.cookie, body: { asset: localAsset(n.b.collectiveId), accepted: false } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.currencies.others).toEqual([]);
  });

  it("refuses another collective's admin and anyone signed out", async () => {
    const { path } = await village();
    const asB = [
      await n.api('GET', path, { cookie: n.b.cookie }),
      await n.api('PUT', `${path}/local`, { cookie: n.b.cookie, body: { name: 'Hijacked' } }),
      await n.api('PUT', `${path}/accepted`, { cookie: n.b.cookie, body: { asset: localAsset(n.b.collectiveId), accepted: true } }),
    ];
    expect(asB.map((r) => [r.status, r.body.error.code])).toEqual([
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
    ]);
    expect((await n.api('GET', path)).status).toBe(401);
    expect(await n.core.currencies.name(localAsset(n.a.collectiveId))).toBe('Local Alpha');
    expect(await n.core.currencies.acceptedBy(n.a.collectiveId)).toEqual([]);
  });
});
