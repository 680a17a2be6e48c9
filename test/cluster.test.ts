// `npm run start:cluster` end to end: two app nodes and a worker as child processes, sharing
// a MongoDB-wire store (the embedded jongodb server stands in for MongoDB) and the real Redis.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startJongodb } from '../core/store/jongodb.js';
import { bareEnv, runEntry } from './support/entry-process.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('npm run start:cluster', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  });

  it('refuses to start without MONGO_URL and REDIS_URL, with one clear line', async () => {
    const run = runEntry('gateways/cluster.ts', bareEnv);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/^start:cluster needs MONGO_URL and REDIS_URL/);
  });

  it('runs two app nodes and a worker on one store and Redis; a session opened on one node works on the other; SIGINT stops all', async () => {
    const mongo = await startJongodb();
    cleanups.push(() => mongo.stop());
    const basePort = await threeFreePorts();
    const env = { ...bareEnv, MONGO_URL: mongo.uri, REDIS_URL: redisUrl, REDIS_PREFIX: `cluster-test-${process.pid}-${Date.now()}`, SEED_DEMO: 'yes' };
    const run = runEntry('gateways/cluster.ts', env, ['--base-port', String(basePort)]);
    cleanups.push(() => run.kill());
    await run.waitFor((o) => (o.match(/Pass is running at/g) ?? []).length === 2 && o.includes('worker ready'), 30_000);
    const app1 = `http://127.0.0.1:${basePort}`;
    const app2 = `http://127.0.0.1:${basePort + 1}`;
    const [, email, password] = /^\s+(admin@la-fourmiliere\.demo)\s+(\S+)\s/m.exec(run.output()) ?? [];
    expect(email).toBeDefined();
    const login = await fetch(`${app1}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const me = await fetch(`${app2}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).account.email).toBe(email);
    for (const url of [app1, app2, `http://127.0.0.1:${basePort + 2}`]) {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status, url).toBe(200);
      expect((await ready.json()).checks).toEqual({ store: 'ok', redis: 'ok' });
    }
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    for (const port of [basePort, basePort + 1, basePort + 2]) await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

async function threeFreePorts(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const free = await Promise.all([base, base + 1, base + 2].map(isFree));
    if (free.every(Boolean)) return base;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
