import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../core/config/config.js';
import { bootCore } from '../core/runtime/boot.js';
import { limits } from '../core/shared/limits.js';
import { boot, collectiveWithAdmin, type BootedNode } from './support/boot.js';
import { hasRedisServer, startRedisServer } from './support/redis-server.js';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('an app node', () => {
  let node: BootedNode | undefined;
  afterEach(async () => {
    await node?.close();
    node = undefined;
  });

  it('answers /healthz and /readyz, and echoes or makes a request id', async () => {
    node = await boot();
    const health = await fetch(`${node.url}/healthz`, { headers: { 'x-request-id': 'trace-42' } });
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBe('trace-42');
    const ready = await fetch(`${node.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, checks: { store: 'ok' } });
    expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const odd = await fetch(`${node.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers /readyz 503 once its store stops answering, while /healthz stays 200', async () => {
    node = await boot({ store: 'mongo' });
    expect(node.core.adapters.storeKind).toBe('embedded-mongo');
    expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
    await node.core.adapters.embeddedServer!.stop();
    const res = await fetch(`${node.url}/readyz`);
    expect(res.status).toBe(503);
    expect((await res.json()).checks.store).not.toBe('ok');
    expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
  });

  it.skipIf(!hasRedisServer)('checks Redis too when configured: 503 while it is down, 200 again once it is back', async () => {
    let redis = await startRedisServer();
    try {
      node = await boot({ env: { REDIS_URL: redis.url, REDIS_PREFIX: `t${process.pid}` } });
      const ready = await fetch(`${node.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ checks: { store: 'ok', redis: 'ok' } });
      await redis.stop();
      const down = await fetch(`${node.url}/readyz`);
      expect(down.status).toBe(503);
      expect((await down.json()).checks.redis).not.toBe('ok');
      redis = await startRedisServer(redis.port);
      await expect.poll(async () => (await fetch(`${node!.url}/readyz`)).status, { timeout: 10_000, interval: 200 }).toBe(200);
      await node.close();
      node = undefined;
    } finally {
      await redis.stop();
    }
  });

  it('signs in with a signed HTTP-only cookie, tells who is signed in, and signs out', async () => {
    node = await boot();
    const admin = await collectiveWithAdmin(node.core, 'La Fourmilière');
    const res = await fetch(`${node.url}/api/auth/login`, json({ email: admin.email.toUpperCase(), password: admin.password }));
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^pass_session=[^;]+\.[^;]+;/); // token.signature
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0];
    const me = await fetch(`${node.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      account: { accountId: expect.any(String), email: admin.email, name: expect.any(String), role: 'collective-admin', collectiveId: admin.collectiveId },
    });
    const forged = cookie.slice(0, -3) + 'abc';
    expect((await fetch(`${node.url}/api/auth/me`, { headers: { cookie: forged } })).status).toBe(401);
    const out = await fetch(`${node.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/pass_session=;/);
    expect((await fetch(`${node.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown email alike with 401', async () => {
    node = await boot();
    const admin = await collectiveWithAdmin(node.core, 'Radio Piaf');
    const wrong = await fetch(`${node.url}/api/auth/login`, json({ email: admin.email, password: 'not-the-password' }));
    const unknown = await fetch(`${node.url}/api/auth/login`, json({ email: 'nobody@nowhere.test', password: admin.password }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const body = await wrong.json();
    expect(body).toEqual({ error: { code: 'UNAUTHORIZED', message: 'wrong email or password' } });
    expect(await unknown.json()).toEqual(body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('answers errors as JSON: 413 body too large, 400 bad JSON or input, 404 unknown route', async () => {
    node = await boot();
    const big = await fetch(`${node.url}/api/auth/login`, json({ email: 'a@b.c', password: 'x'.repeat(limits.httpBodyBytes) }));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'INVALID_INPUT', message: 'request body is not valid JSON' } });
    const invalid = await fetch(`${node.url}/api/auth/login`, json({ email: 'a@b.c' }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'password' }] } } });
    for (const path of ['/api/nothing-here', '/api/collectives/x/nothing', '/nothing/here.js']) {
      const missing = await fetch(`${node.url}${path}`);
      expect(missing.status, path).toBe(404);
      expect((await missing.json()).error.code).toBe('NOT_FOUND');
    }
  });

  it('finishes a request in flight when it shuts down, and accepts no new one', async () => {
    node = await boot({ drainMs: 5_000 });
    const admin = await collectiveWithAdmin(node.core, 'Le Chapiteau');
    const body = JSON.stringify({ email: admin.email, password: admin.password });
    const { port } = new URL(node.url);
    // The request is in flight: headers and half the body sent, the rest held back.
    const answer = new Promise<{ status: number; cookie: string | undefined }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, cookie: res.headers['set-cookie']?.[0] }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    await new Promise((r) => setTimeout(r, 100));
    const closing = node.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${node.url}/healthz`)).rejects.toThrow();
    const done = await answer;
    expect(done.status).toBe(200);
    expect(done.cookie).toMatch(/^pass_session=/);
    await closing;
    node = undefined;
  });

  it('names the wrong variable when the configuration is bad', async () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^invalid environment variable PORT: /);
    expect(() => loadConfig({ MONGO_URL: 'http://db' })).toThrow(/MONGO_URL: must start with mongodb:\/\//);
    // Distributed nodes must share the cookie secret: refused before connecting to anything.
    await expect(bootCore(loadConfig({ MONGO_URL: 'mongodb://127.0.0.1:1/x', STORE: 'mongo' }))).rejects.toThrow(/SESSION_SECRET: required/);
  });
});
