// The remote store's own behaviour beyond the Store contract (store.test.ts runs that): what a
// lost connection means for requests in flight, reconnecting, and bounded retries.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTs, type Child } from '../../test/support/processes.js';
import { loadConfig } from '../config/config.js';
import { createAdapters } from '../runtime/adapters.js';
import { createRemoteStore, RemoteStoreUnavailableError } from './remote.js';
import { isDuplicateKey, type Store } from './port.js';

describe('remote store (bench/store-server.ts)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  });

  async function storeServer(): Promise<Child & { match: string }> {
    const child = await spawnTs('bench/store-server.ts', {}, /STORE_URL=(\S+)/);
    cleanups.push(() => child.kill('SIGKILL'));
    return child;
  }

  async function open(url: string, options: { connectAttempts?: number; retryDelayMs?: number } = {}): Promise<Store> {
    const store = await createRemoteStore({ url, ...options });
    cleanups.push(() => store.close());
    return store;
  }

  it('pipelines many requests on one connection, each answered with its own result, duplicates refused as such', async () => {
    const server = await storeServer();
    const store = await open(server.match);
    const c = store.collection<{ _id: string; n: number }>('items');
    await c.ensureIndexes([{ name: 'n_unique', keys: { n: 1 }, unique: true }]);
    const results = await Promise.allSettled(Array.from({ length: 1_000 }, (_, i) => c.insertOne({ _id: `i${i}`, n: i % 500 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(500);
    expect(results.every((r) => r.status === 'fulfilled' || isDuplicateKey(r.reason))).toBe(true);
    const counts = await Promise.all(Array.from({ length: 50 }, (_, i) => c.count({ n: { $lt: i * 10 } })));
    expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i * 10));
    expect(store.callCount()).toBe(1 + 1_000 + 50);
  });

  it('a request in flight when the connection drops fails as unavailable (outcome unknown); the next one reconnects', async () => {
    // A server that reads requests and never answers, then drops the connection.
    const sockets: Socket[] = [];
    const mute = createServer((s) => sockets.push(s.on('error', () => undefined)));
    const port = await listen(mute);
    cleanups.push(() => new Promise((r) => mute.close(r)));
    const store = await open(`tcp://127.0.0.1:${port}`, { retryDelayMs: 10 });
    const pending = store.collection('x').findOne({ _id: 'a' });
    await until(() => sockets.length === 1);
    sockets[0].destroy();
    await expect(pending).rejects.toThrow(RemoteStoreUnavailableError);
    await expect(pending).rejects.toThrow(/outcome of requests in flight is unknown/);
    const next = store.collection('x').count({});
    await until(() => sockets.length === 2);
    sockets[1].destroy();
    await expect(next).rejects.toThrow(RemoteStoreUnavailableError);
  });

  it('is chosen by configuration only (STORE=remote, STORE_URL): two clients share one store; STORE_URL missing is named', async () => {
    const server = await storeServer();
    const adapters = await createAdapters(loadConfig({ STORE: 'remote', STORE_URL: server.match }));
    cleanups.push(() => adapters.close());
    expect(adapters.storeKind).toBe('remote');
    await adapters.store.collection('shared').insertOne({ _id: 'written-by-one' });
    const other = await open(server.match);
    expect(await other.collection('shared').find({})).toEqual([{ _id: 'written-by-one' }]);
    await expect(createAdapters(loadConfig({ STORE: 'remote' }))).rejects.toThrow(/STORE_URL: required when STORE=remote/);
    expect(() => loadConfig({ STORE: 'remote', STORE_URL: 'http://127.0.0.1:1' })).toThrow(/STORE_URL: must start with tcp:\/\/ or unix:\/\//);
  });

  it('gives up after the bounded number of connection attempts when nothing listens', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((r) => server.close(r));
    const started = Date.now();
    await expect(createRemoteStore({ url: `tcp://127.0.0.1:${port}`, connectAttempts: 4, retryDelayMs: 20 })).rejects.toThrow(/unreachable .* after 4 attempts/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a URL that is not tcp:// or unix://, and answers nothing once closed', async () => {
    await expect(createRemoteStore({ url: 'mongodb://127.0.0.1:1' })).rejects.toThrow(/tcp:\/\/host:port/);
    const server = await storeServer();
    const store = await createRemoteStore({ url: server.match });
    await store.ping();
    await store.close();
    await expect(store.collection('x').count({})).rejects.toThrow(/closed/);
  });
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!test()) throw new Error('condition not met in 2 s');
}
