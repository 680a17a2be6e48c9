// Attacks a page of another site can make with the victim's cookies: form posts (CSRF) and a
// cross-site WebSocket; and the protective headers every answer carries. Real HTTP, real
// Socket.IO; test/csp.browser.test.ts checks in Chromium that the UIs work under the CSP.
import { io as connectClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { boot, collectiveWithAdmin, login, type BootedNode } from './support/boot.js';

describe('browser-side attacks', () => {
  let node: BootedNode;
  afterEach(() => node?.close());

  async function adminWithPos() {
    const admin = await collectiveWithAdmin(node.core, 'Forged Collective');
    const cookie = await login(node.url, admin.email, admin.password);
    const res = await fetch(`${node.url}/api/collectives/${admin.collectiveId}/pos`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bar' }),
    });
    return { admin, cookie, posId: ((await res.json()) as any).pos.id as string };
  }

  it('a cookie POST from another site (form-encoded, text/plain or JSON) is refused and issues nothing', async () => {
    node = await boot();
    const { cookie, posId } = await adminWithPos();
    const path = `${node.url}/api/pos/${posId}/terminals`;
    const attempts: Array<Record<string, string>> = [
      { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      { origin: 'https://evil.example', 'content-type': 'application/json' },
      { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
    ];
    for (const headers of attempts) {
      const res = await fetch(path, { method: 'POST', headers: { cookie, ...headers }, body: headers['content-type'] === 'application/json' ? '{}' : 'name=x' });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(((await res.json()) as any).error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'CROSS_SITE' } });
    }
    // Same origin but not JSON: refused too (nothing but JSON is parsed on cookie routes).
    const plain = await fetch(path, { method: 'POST', headers: { cookie, origin: node.url, 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' }, body: '{"name":"x"}' });
    expect(plain.status).toBe(400);
    const list = await fetch(path, { headers: { cookie } }).then((r) => r.json() as Promise<any>);
    expect(list.terminals).toEqual([]);
    // The app's own page: accepted.
    const own = await fetch(path, {
      method: 'POST',
      headers: { cookie, origin: node.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: '{"name":"Caisse"}',
    });
    expect(own.status).toBe(201);
  });

  it('the public visitor’s cookie routes are guarded the same way: a sign-out posted from another site is refused', async () => {
    node = await boot();
    const res = await fetch(`${node.url}/api/me/logout`, {
      method: 'POST',
      headers: { cookie: 'pass_user=whatever', origin: 'https://evil.example', 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(403);
  });

  it('/dashboard refuses a handshake from another site’s page even with the admin’s cookie', async () => {
    node = await boot();
    const { cookie } = await adminWithPos();
    const connect = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = connectClient(`${node.url}/dashboard`, { transports: ['websocket'], extraHeaders: { cookie, origin }, forceNew: true, reconnection: false });
        socket.once('connect', () => (socket.close(), resolve('connected')));
        socket.once('connect_error', (err) => (socket.close(), resolve(err.message)));
      });
    expect(await connect('https://evil.example')).toBe('UNAUTHORIZED');
    expect(await connect(node.url)).toBe('connected');
  });

  it('every answer carries a CSP, frame and sniffing protection; HSTS only when PUBLIC_URL is https', async () => {
    node = await boot();
    for (const path of ['/', '/api/collectives', '/healthz', '/api/nope']) {
      const res = await fetch(`${node.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    await node.close();
    node = await boot({ env: { PUBLIC_URL: 'https://pass.example.org' } });
    expect((await fetch(`${node.url}/healthz`)).headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
  });
});
