// Linking a Pass to an online account proves possession: the claim code printed on the card
// (numbers are sequential and public). Failed claims are throttled per account and per card,
// and a card already linked never moves. Cards come in printed batches: CSV import and the
// printer's export (number, claim code, QR link).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalAsset } from '../core/money/assets.js';
import { printedClaimCode } from '../core/pass/index.js';
import { login } from './support/boot.js';
import { api, bootLespass, signIn, type LespassNode } from './support/lespass.js';
import { collectiveWithAdmin } from './support/boot.js';

describe('Pass claims by printed number and claim code', () => {
  let node: LespassNode;
  let issuer: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let n = 0;
  const card = async (amount = 700) => {
    n++;
    const c = await node.core.pass.registerCard({ uid: `04CC${String(n).padStart(4, '0')}`, number: `CLAIM-${String(n).padStart(4, '0')}`, issuerId: issuer.collectiveId });
    await node.core.pass.topUp({ txId: `claim-topup-${n}`, cardUid: c.uid, asset: globalAsset, amount, method: 'stripe', collectiveId: issuer.collectiveId });
    return c;
  };
  const link = (cookie: string, body: Record<string, unknown>) => api(node, 'POST', '/api/me/cards/link', { cookie, body });
  const globalOf = async (uid: string) => (await node.core.pass.balance(uid)).balances.find((b) => b.asset === globalAsset)?.amount ?? 0;

  beforeAll(async () => {
    node = await bootLespass();
    issuer = await collectiveWithAdmin(node.core, 'Claims Collective');
  });
  afterAll(() => node?.close());

  it('a printed number alone takes nothing: the claim code is required and a wrong one reads like an unknown number', async () => {
    const c = await card();
    const thief = await signIn(node, 'thief-1@test.fr');
    expect((await link(thief, { number: c.number })).status).toBe(400);
    const wrong = await link(thief, { number: c.number, claimCode: 'ZZZZ-ZZZZ-ZZZZ' });
    const unknown = await link(thief, { number: 'CLAIM-9999', claimCode: 'ZZZZ-ZZZZ-ZZZZ' });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(await globalOf(c.uid)).toBe(700);
    expect((await node.core.pass.cards.byId(c._id))!.userId).toBeUndefined();
  });

  it('the holder links with the printed code in any case, dashes or spaces: the money follows', async () => {
    const c = await card(1200);
    const holder = await signIn(node, 'holder-1@test.fr');
    const typed = printedClaimCode(c.claimCode!).toLowerCase().replace(/-/g, ' ');
    const res = await link(holder, { number: c.number, claimCode: typed });
    expect(res.status).toBe(200);
    const me = await api(node, 'GET', '/api/me', { cookie: holder });
    expect(me.body.wallet.balances).toEqual([expect.objectContaining({ asset: globalAsset, amount: 1200 })]);
  });

  it('a linked card never moves to another account, even with its claim code, and its money stays', async () => {
    const c = await card(900);
    const holder = await signIn(node, 'holder-2@test.fr');
    expect((await link(holder, { number: c.number, claimCode: c.claimCode })).status).toBe(200);
    const other = await signIn(node, 'other-2@test.fr');
    expect((await link(other, { number: c.number, claimCode: c.claimCode })).status).toBe(409);
    // Straight to the service too (a staff tap, another node with a stale cache): refused.
    await expect(node.core.pass.linkCardToUser({ txId: 'steal-linked-card-1', cardUid: c.uid, userId: 'usr_other' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = (await node.core.pass.cards.byId(c._id))!;
    expect(after.walletId).toMatch(/^user:/);
    expect((await api(node, 'GET', '/api/me', { cookie: holder })).body.wallet.balances).toEqual([expect.objectContaining({ amount: 900 })]);
    expect((await api(node, 'GET', '/api/me', { cookie: other })).body.cards).toEqual([]);
  });

  it('failed claims are limited per account: after 10 the right code is refused too', async () => {
    const c = await card();
    const guesser = await signIn(node, 'guesser-3@test.fr');
    for (let i = 0; i < 10; i++) expect((await link(guesser, { number: `CLAIM-X${i}`, claimCode: 'ZZZZ-ZZZZ-ZZZZ' })).status).toBe(404);
    const res = await link(guesser, { number: c.number, claimCode: c.claimCode });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(await globalOf(c.uid)).toBe(700);
  });

  it('failed claims are limited per card across accounts: 5 wrong codes lock that card’s online claim', async () => {
    const c = await card();
    for (let i = 0; i < 5; i++) {
      const cookie = await signIn(node, `rotating-${i}@test.fr`);
      expect((await link(cookie, { number: c.number, claimCode: `ZZZZ-ZZZZ-ZZZ${i}` })).status).toBe(404);
    }
    const holder = await signIn(node, 'holder-4@test.fr');
    expect((await link(holder, { number: c.number, claimCode: c.claimCode })).status).toBe(429);
    expect(await globalOf(c.uid)).toBe(700);
  });

  it('imports a printed batch from CSV (checked whole first) and exports what the printer puts on each card', async () => {
    const cookie = await login(node.url, issuer.email, issuer.password);
    const path = `/api/collectives/${issuer.collectiveId}/cards/import`;
    const bad = await api(node, 'POST', path, { cookie, body: { csv: 'uid,number,claim_code\n04BA0001,BATCH-0001,\nnot-hex,BATCH-0002,\n04BA0003,BATCH-0003,SHORT' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.lines).toEqual([expect.objectContaining({ line: 3 }), expect.objectContaining({ line: 4 })]);
    expect(await node.core.pass.cards.byNumber('BATCH-0001')).toBeNull();
    const ok = await api(node, 'POST', path, { cookie, body: { csv: 'uid,number,claim_code\r\n04BA0001,BATCH-0001,\r\n04BA0002,BATCH-0002,ABCD-EFGH-JKMN\r\n' } });
    expect(ok).toMatchObject({ status: 201, body: { created: 2, existing: [] } });
    expect((await node.core.pass.cards.byNumber('BATCH-0002'))!.claimCode).toBe('ABCDEFGHJKMN');
    const again = await api(node, 'POST', path, { cookie, body: { csv: '04BA0001,BATCH-0001' } });
    expect(again.body).toEqual({ created: 0, existing: [{ line: 1, number: 'BATCH-0001' }] });

    const res = await fetch(`${node.url}/api/collectives/${issuer.collectiveId}/cards/print.csv`, { headers: { cookie } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('number,uid,claim_code,qr_url');
    const line = lines.find((l) => l.startsWith('BATCH-0002,'))!;
    expect(line).toBe(`BATCH-0002,04BA0002,ABCD-EFGH-JKMN,${node.core.lespass.publicUrl}/${issuer.slug}/account?card=BATCH-0002&code=ABCDEFGHJKMN`);
    expect(lines.some((l) => l.startsWith('CLAIM-0002,'))).toBe(false); // linked cards are not printed again

    const holder = await signIn(node, 'batch-holder@test.fr');
    expect((await link(holder, { number: 'BATCH-0002', claimCode: 'abcd efgh jkmn' })).status).toBe(200);
    const outsider = await collectiveWithAdmin(node.core, 'Other Printer');
    const otherCookie = await login(node.url, outsider.email, outsider.password);
    expect((await api(node, 'POST', path, { cookie: otherCookie, body: { csv: '04BA0009,BATCH-0009' } })).status).toBe(403);
  });
});
