// The loyalty program over HTTP: an admin configures their collective's (zod-validated, errors
// next to their fields, only its own products), another collective's is 403, no session is 401;
// the demo seed gives every collective one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../core/demo/seed.js';
import { collectiveWithAdmin, login } from './support/boot.js';
import { api, bootLespass, signIn, type LespassNode } from './support/lespass.js';

describe('loyalty program API', () => {
  let node: LespassNode;
  let a: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let b: Awaited<ReturnType<typeof collectiveWithAdmin>>;
  let cookieA: string;
  const base = () => `/api/collectives/${a.collectiveId}/loyalty`;

  beforeAll(async () => {
    node = await bootLespass();
    a = await collectiveWithAdmin(node.core, 'Collectif A');
    b = await collectiveWithAdmin(node.core, 'Collectif B');
    cookieA = await login(node.url, a.email, a.password);
  });
  afterAll(() => node?.close());

  const call = (method: string, path: string, body?: unknown, cookie = cookieA) => api(node, method, path, { body, cookie });

  it('configures, reads and replaces the program; refuses bad input with its fields and changes nothing', async () => {
    expect((await call('GET', base())).body).toEqual({ program: null });
    const coffee = await node.core.catalog.createProduct(a.collectiveId, { name: 'Café', category: 'Boissons', price: 150, vatRate: 1000 });
    const put = await call('PUT', base(), {
      name: 'Carte café',
      stamps: { productIds: [coffee._id] },
      expiryDays: 90,
      rewards: [{ id: 'cafe', name: 'Café offert', cost: 9, productId: coffee._id }],
    });
    expect(put.status).toBe(200);
    expect(put.body.program).toMatchObject({
      collectiveId: a.collectiveId,
      name: 'Carte café',
      active: true,
      stamps: { productIds: [coffee._id], categories: [] },
      expiryDays: 90,
    });
    const bad = await call('PUT', base(), { name: '', pointsPerEuro: 0.5, rewards: [{ id: 'X Y', name: 'r', cost: 0 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_INPUT');
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['name', 'pointsPerEuro', 'rewards.0.id', 'rewards.0.cost']));
    expect((await call('PUT', base(), { name: 'Rien' })).status).toBe(400); // neither stamps nor points
    expect((await call('GET', base())).body.program).toMatchObject({ name: 'Carte café', expiryDays: 90 });
    const replaced = await call('PUT', base(), { name: 'Points', pointsPerEuro: 1 });
    expect(replaced.body.program).toMatchObject({ name: 'Points', pointsPerEuro: 1, rewards: [] });
    expect(replaced.body.program.stamps).toBeUndefined();
    expect(replaced.body.program.expiryDays).toBeUndefined();
    expect(await node.core.currencies.name(`loyalty:${a.collectiveId}`)).toBe('Points');
  });

  it("refuses another collective's products, another collective's program (403) and no session (401)", async () => {
    const theirs = await node.core.catalog.createProduct(b.collectiveId, { name: 'Thé', category: 'Boissons', price: 200, vatRate: 1000 });
    const foreign = await call('PUT', base(), { name: 'Volée', stamps: { productIds: [theirs._id] }, rewards: [{ id: 'the', name: 'Thé', cost: 1, productId: theirs._id }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual({ 'stamps.productIds.0': 'not a product of this collective', 'rewards.0.productId': 'not a product of this collective' });
    expect((await call('PUT', `/api/collectives/${b.collectiveId}/loyalty`, { name: 'Pirate', pointsPerEuro: 5 })).status).toBe(403);
    expect((await call('GET', `/api/collectives/${b.collectiveId}/loyalty`)).status).toBe(403);
    expect((await api(node, 'GET', base())).status).toBe(401);
    expect(await node.core.loyalty.programOf(b.collectiveId)).toBeNull();
  });

  it("the holder's account lists the card's loyalty units, moved with the card when it is linked", async () => {
    const tea = await node.core.catalog.createProduct(a.collectiveId, { name: 'Thé', category: 'Boissons', price: 200, vatRate: 1000 });
    await call('PUT', base(), { name: 'Carte thé', stamps: { productIds: [tea._id] } });
    const pos = await node.core.catalog.createPos(a.collectiveId, { name: 'Salon' });
    await node.core.catalog.assign(pos._id, tea._id, a.collectiveId);
    const card = await node.core.pass.registerCard({ uid: '04AB0001', number: 'LOYAL-0001', issuerId: a.collectiveId });
    await node.core.pos.sale(pos._id, {
      txId: 'loyalty-account-sale-1',
      lines: [{ productId: tea._id, qty: 4 }],
      payments: [{ method: 'cash', amount: 800 }],
      loyaltyCardUid: card.uid,
    });
    const holder = await signIn(node, 'loyal-holder@test.fr');
    expect((await api(node, 'POST', '/api/me/cards/link', { cookie: holder, body: { number: card.number, claimCode: card.claimCode } })).status).toBe(200);
    const me = await api(node, 'GET', '/api/me', { cookie: holder });
    expect(me.body.wallet.balances).toEqual([{ asset: `loyalty:${a.collectiveId}`, name: 'Carte thé', kind: 'loyalty', amount: 4 }]);
  });

  it('the demo seed gives every collective a loyalty program whose coffee stamps earn at its bar', async () => {
    const seed = await seedDemo(node.core);
    for (const c of seed.collectives) {
      const program = await node.core.loyalty.programOf(c._id);
      expect(program?.rewards.map((r) => r.id)).toEqual(['cafe-offert', 'deux-euros']);
    }
    const first = seed.collectives[0];
    const [bar] = await node.core.catalog.listPos(first._id);
    const coffee = (await node.core.catalog.listProducts(first._id)).find((p) => p.name === 'Café')!;
    const ack = await node.core.pos.sale(bar._id, { txId: 'demo-loyalty-sale-1', lines: [{ productId: coffee._id, qty: 2 }], payments: [{ method: 'pass', cardUid: 'A0000001' }] });
    expect(ack.balances).toContainEqual({ asset: `loyalty:${first._id}`, name: `Fidélité ${first.name}`, kind: 'loyalty', amount: 2 });
  });
});
