import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boot, collectiveWithAdmin, login, type BootedNode } from './support/boot.js';

describe('collectives over HTTP', () => {
  let node: BootedNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  it('lists collectives publicly and shows a profile by id or slug, and a village with its members', async () => {
    node = await boot();
    const { core } = node;
    const village = await core.villages.create({ name: 'Village des Possibles' });
    const a = await core.collectives.create({ name: 'La Fourmilière', description: 'Tiers-lieu', logoUrl: 'https://img.test/f.png' });
    await core.collectives.create({ name: 'Alone' });
    await core.villages.join(a._id, village._id);
    const list = await (await fetch(`${node.url}/api/collectives`)).json();
    expect(list.collectives).toEqual([
      { id: expect.any(String), slug: 'alone', name: 'Alone', villageId: null, description: '', logoUrl: null, timezone: 'Europe/Paris' },
      { id: a._id, slug: 'la-fourmiliere', name: 'La Fourmilière', villageId: village._id, description: 'Tiers-lieu', logoUrl: 'https://img.test/f.png', timezone: 'Europe/Paris' },
    ]);
    const inVillage = await (await fetch(`${node.url}/api/collectives?villageId=${village._id}`)).json();
    expect(inVillage.collectives.map((c: { slug: string }) => c.slug)).toEqual(['la-fourmiliere']);
    const bySlug = await (await fetch(`${node.url}/api/collectives/la-fourmiliere`)).json();
    const byId = await (await fetch(`${node.url}/api/collectives/${a._id}`)).json();
    expect(bySlug).toEqual(byId);
    expect(byId.collective).toMatchObject({ id: a._id, timezone: 'Europe/Paris', images: [], colours: { primary: expect.stringMatching(/^#/) } });
    expect((await fetch(`${node.url}/api/collectives/nobody`)).status).toBe(404);
    const v = await (await fetch(`${node.url}/api/villages/${village._id}`)).json();
    expect(v.village).toMatchObject({ name: 'Village des Possibles', collectives: [{ id: a._id }] });
    expect((await fetch(`${node.url}/api/villages/vil_nothing`)).status).toBe(404);
  });

  it("lets a collective's admin edit its profile, with the same checks as the core", async () => {
    node = await boot();
    const a = await collectiveWithAdmin(node.core, 'Radio Piaf');
    const cookie = await login(node.url, a.email, a.password);
    const patch = (body: unknown) =>
      fetch(`${node!.url}/api/collectives/${a.collectiveId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    const ok = await patch({ description: 'Radio associative', timezone: 'Europe/Brussels', colours: { primary: '#112233', secondary: '#445566' }, images: ['https://img.test/1.jpg'] });
    expect(ok.status).toBe(200);
    expect((await ok.json()).collective).toMatchObject({ description: 'Radio associative', timezone: 'Europe/Brussels', images: ['https://img.test/1.jpg'] });
    const badZone = await patch({ timezone: 'Paris' });
    expect(badZone.status).toBe(400);
    expect((await badZone.json()).error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('timezone') });
    expect((await patch({ name: 'New name' })).status).toBe(400);
    expect((await node.core.collectives.get(a.collectiveId)).timezone).toBe('Europe/Brussels');
  });
});

describe('built UIs', () => {
  let node: BootedNode | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serve each app for the paths it owns, with hashed assets cached for good', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pass-ui-'));
    // As Vite writes it: the home page is ui/index.html, so dist/index.html.
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title>');
    for (const app of ['lespass', 'admin', 'laboutik', 'display', 'dashboard']) {
      mkdirSync(join(dir, app));
      writeFileSync(join(dir, app, 'index.html'), `<!doctype html><title>${app}</title>`);
    }
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    node = await boot({ uiDir: dir });
    const page = async (path: string) => {
      const res = await fetch(`${node!.url}${path}`);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };
    expect((await page('/')).text).toContain('<title>home</title>');
    expect((await page('/admin')).text).toContain('<title>admin</title>');
    expect((await page('/admin/pos/12')).text).toContain('<title>admin</title>');
    expect((await page('/laboutik/')).text).toContain('<title>laboutik</title>');
    expect((await page('/display')).text).toContain('<title>display</title>');
    expect((await page('/dashboard/live')).text).toContain('<title>dashboard</title>');
    expect((await page('/la-fourmiliere')).text).toContain('<title>lespass</title>');
    expect((await page('/la-fourmiliere/events/3')).text).toContain('<title>lespass</title>');
    const asset = await fetch(`${node.url}/assets/app-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const missing of ['/assets/gone.js', '/favicon.ico', '/api/unknown']) {
      const res = await page(missing);
      expect(res.status, missing).toBe(404);
      expect(res.type).toContain('application/json');
    }
  });

  it('say the UIs are not built when ui/dist is absent', async () => {
    node = await boot({ uiDir: join(tmpdir(), 'pass-no-ui-here') });
    const res = await fetch(`${node.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build:ui');
    expect((await fetch(`${node.url}/admin/`)).status).toBe(404);
  });
});
