// Tenant isolation over the whole HTTP API: every route that is not on a public router is
// called with the session of collective A's admin against collective B's ids, and must refuse
// (403 or 404), never succeed. Routes are found by walking the app's router stack, so a route
// added later is covered without a new test. Give B's resources for new route parameters in
// `idsOfB` so the guard is tried on real ids of B, not only on unknown ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../core/runtime/boot.js';
import { boot, collectiveWithAdmin, login, type BootedNode } from './support/boot.js';
import { fillPath, listRoutes, type RouteInfo } from './support/routes.js';

/** Route parameter → an id of something that belongs to collective B. */
async function idsOfB(core: Core, collectiveB: string): Promise<Record<string, string>> {
  const village = await core.villages.create({ name: 'Village of B' });
  await core.villages.join(collectiveB, village._id);
  // LaBoutik: a POS of B with a product on offer, a terminal, and a closed day (Z ticket n° 1).
  const pos = await core.catalog.createPos(collectiveB, { name: 'Bar of B' });
  const product = await core.catalog.createProduct(collectiveB, { name: 'Beer of B', category: 'Drinks', price: 300, vatRate: 2000 });
  await core.catalog.assign(pos._id, product._id, collectiveB);
  const { terminalId } = await core.terminals.createTerminal(pos._id, collectiveB);
  await core.pos.sale(pos._id, { txId: `sale-of-b-${pos._id}`, lines: [{ productId: product._id, qty: 1 }], payments: [{ method: 'cash', amount: 300 }] });
  await core.pos.closeRegister(pos._id, { by: 'admin of B' });
  return { collectiveId: collectiveB, villageId: village._id, posId: pos._id, productId: product._id, terminalId, number: '1' };
}

describe('tenant isolation', () => {
  let node: BootedNode;
  let routes: RouteInfo[];
  let ids: Record<string, string>;
  let cookieA: string;
  let cookieOperator: string;
  let a: Awaited<ReturnType<typeof collectiveWithAdmin>>;

  beforeAll(async () => {
    node = await boot();
    a = await collectiveWithAdmin(node.core, 'Collective A');
    const b = await collectiveWithAdmin(node.core, 'Collective B');
    await node.core.accounts.create({ role: 'operator', email: 'op@pass.test', password: 'operator-secret' });
    ids = await idsOfB(node.core, b.collectiveId);
    cookieA = await login(node.url, a.email, a.password);
    cookieOperator = await login(node.url, 'op@pass.test', 'operator-secret');
    routes = listRoutes(node.http.app).filter((r) => !r.isPublic);
  });
  afterAll(() => node?.close());

  const call = (route: RouteInfo, cookie: string | null, values = ids) =>
    fetch(`${node.url}${fillPath(route.path, values)}`, {
      method: route.method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}',
    });

  it('finds the admin routes by walking the router', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('PATCH /api/collectives/:collectiveId');
    expect(routes.some((r) => r.path === '/healthz' || r.path === '/api/auth/login')).toBe(false);
  });

  it("refuses every admin route to A's admin on B's resources", async () => {
    const leaks: string[] = [];
    for (const route of routes) {
      const res = await call(route, cookieA);
      if (res.status !== 403 && res.status !== 404) leaks.push(`${route.method} ${fillPath(route.path, ids)} → ${res.status} ${await res.text()}`);
    }
    expect(leaks).toEqual([]);
  });

  it('refuses every admin route without a session', async () => {
    const open: string[] = [];
    for (const route of routes) {
      const res = await call(route, null);
      if (res.status !== 401) open.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('lets A administer A, and an operator administer B', async () => {
    const patch = (collectiveId: string, cookie: string) =>
      fetch(`${node.url}/api/collectives/${collectiveId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ description: 'edited' }) });
    expect((await patch(a.collectiveId, cookieA)).status).toBe(200);
    const byOperator = await patch(ids.collectiveId, cookieOperator);
    expect(byOperator.status).toBe(200);
    expect((await byOperator.json()).collective.description).toBe('edited');
    expect((await patch('col_nothing', cookieOperator)).status).toBe(404);
  });
});
