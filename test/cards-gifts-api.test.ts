// Admin card desk and gift vouchers over real HTTP: block/replace a lost card, a gift voucher on a
// card, a batch of new cards each with a voucher; replays give nothing twice; tenants isolated.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { giftAsset, localAsset } from '../core/money/assets.js';
import { verifyLedger } from '../core/money/verify.js';
import { bootLaBoutik, type LaBoutikNode } from './support/laboutik.js';

const amounts = (balances: Array<{ asset: string; amount: number }>) => Object.fromEntries(balances.map((b) => [b.asset, b.amount]));

describe('admin API: card desk and gift vouchers', () => {
  let n: LaBoutikNode;

  afterEach(async () => {
    const report = await verifyLedger(n.core.store);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    await n.close();
  });

  it('gives a gift voucher to a card by its number, once per txId, in the collective’s gift currency', async () => {
    n = await bootLaBoutik();
    const path = `/api/collectives/${n.a.collectiveId}/gifts`;
    const txId = randomUUID();
    const first = await n.api('POST', path, { cookie: n.a.cookie, body: { txId, number: 'A1-0', amount: 1_000 } });
    expect(first.status).toBe(200);
    expect(amounts(first.body.balances)).toEqual({ [giftAsset(n.a.collectiveId)]: 1_000 });
    const replay = await n.api('POST', path, { cookie: n.a.cookie, body: { txId, number: 'A1-0', amount: 1_000 } });
    expect(amounts(replay.body.balances)).toEqual({ [giftAsset(n.a.collectiveId)]: 1_000 });
    const conflict = await n.api('POST', path, { cookie: n.a.cookie, body: { txId, number: 'A1-0', amount: 2_000 } });
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'DUPLICATE_TX_CONFLICT']);

    const bad = await n.api('POST', path, { cookie: n.a.cookie, body: { txId: randomUUID(), number: 'A1-0', amount: 1.5 } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    // A's admin cannot give on B's cards, nor through B's collective.
    const other = await n.api('POST', path, { cookie: n.a.cookie, body: { txId: randomUUID(), number: 'B1-0', amount: 100 } });
    expect([other.status, other.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const tenant = await n.api('POST', `/api/collectives/${n.b.collectiveId}/gifts`, { cookie: n.a.cookie, body: { txId: randomUUID(), number: 'B1-0', amount: 100 } });
    expect(tenant.status).toBe(403);
    expect((await n.core.pass.balance(n.b.cards[0])).balances).toEqual([]);
  });

  it('issues a batch of new cards with a voucher each; the batch resent registers and gives nothing more', async () => {
    n = await bootLaBoutik();
    const path = `/api/collectives/${n.a.collectiveId}/gifts/batch`;
    const cards = [0, 1, 2].map((i) => ({ uid: `C0FFEE0${i}`, number: `GIFT-${i}` }));
    const body = { batchId: 'volunteers-2026', amount: 1_500, cards };
    const res = await n.api('POST', path, { cookie: n.a.cookie, body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ batchId: 'volunteers-2026', total: 4_500, cards: cards.map((c) => ({ number: c.number, uid: c.uid, state: 'active', amount: 1_500 })) });
    expect((await n.api('POST', path, { cookie: n.a.cookie, body })).status).toBe(200);
    for (const c of cards) {
      const card = await n.core.pass.cards.byUidOrThrow(c.uid);
      expect(card.issuerId).toBe(n.a.collectiveId);
      expect(amounts((await n.core.pass.balance(c.uid)).balances)).toEqual({ [giftAsset(n.a.collectiveId)]: 1_500 });
    }
    // A UID that is another card's is refused by number, the rest is untouched.
    const clash = await n.api('POST', path, { cookie: n.a.cookie, body: { batchId: 'other-batch-1', amount: 100, cards: [{ uid: n.a.cards[0], number: 'GIFT-9' }] } });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'CARD_ALREADY_EXISTS']);
    const tooMany = await n.api('POST', path, { cookie: n.a.cookie, body: { ...body, cards: [] } });
    expect(tooMany.status).toBe(400);
  });

  it('blocks a lost card and replaces it: the balance moves to the fresh card, the old one pays nothing', async () => {
    n = await bootLaBoutik();
    const base = `/api/collectives/${n.a.collectiveId}/cards`;
    await n.core.pass.topUp({ txId: randomUUID(), cardUid: n.a.cards[0], asset: 'local', amount: 900, method: 'stripe', collectiveId: n.a.collectiveId });
    const blocked = await n.api('POST', `${base}/block`, { cookie: n.a.cookie, body: { number: 'A1-0' } });
    expect(blocked.body.card).toMatchObject({ number: 'A1-0', state: 'blocked' });
    await expect(n.core.pass.pay({ txId: randomUUID(), cardUid: n.a.cards[0], amount: 100, collectiveId: n.a.collectiveId })).rejects.toMatchObject({ code: 'CARD_BLOCKED' });
    const txId = randomUUID();
    const replaced = await n.api('POST', `${base}/replace`, { cookie: n.a.cookie, body: { txId, number: 'A1-0', newCardUid: n.a.cards[1] } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.card).toMatchObject({ number: 'A1-1', state: 'active' });
    expect(amounts(replaced.body.balances)).toEqual({ [localAsset(n.a.collectiveId)]: 900 });
    const replay = await n.api('POST', `${base}/replace`, { cookie: n.a.cookie, body: { txId, number: 'A1-0', newCardUid: n.a.cards[1] } });
    expect(amounts(replay.body.balances)).toEqual({ [localAsset(n.a.collectiveId)]: 900 });
    const foreign = await n.api('POST', `${base}/block`, { cookie: n.a.cookie, body: { number: 'B1-0' } });
    expect(foreign.status).toBe(403);
  });
});
