// Live views across nodes: two app processes running the real entry (gateways/main.ts) on one
// MongoDB-wire store (the embedded server, started here) and the real Redis. A sale on node A
// reaches a dashboard and a public display connected to node B; a dashboard that reconnects
// starts from a fresh snapshot (with what it missed) and then follows deltas again.
import type { Socket } from 'socket.io-client';
import { io as connectClient } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJongodb, type JongodbServer } from '../core/store/jongodb.js';
import { bareEnv } from './support/entry-process.js';
import { apiCall, command, dashboardClient, eventually, followBoard } from './support/live.js';
import { spawnTs, type Child } from './support/processes.js';
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from './support/redis.js';
import type { TerminalClient } from './support/terminal.js';

const ready = /Pass is running at (http:\/\/\S+?)\/ /;

describeRedis('live views across two app processes', () => {
  let mongo: JongodbServer;
  const prefix = uniquePrefix();
  const nodes: Array<Child & { url: string }> = [];
  const sockets: Socket[] = [];

  async function startNode(seed: 'yes' | 'no') {
    const env = {
      ...bareEnv,
      MONGO_URL: mongo.uri,
      REDIS_URL: redisUrl!,
      REDIS_PREFIX: prefix,
      SESSION_SECRET: 'live-cluster-session-secret-0123',
      TICKET_SIGNING_SECRET: 'live-cluster-ticket-secret-0123',
      HOST: '127.0.0.1',
      PORT: '0',
      STORE: 'mongo',
      SEED_DEMO: seed,
      LOG_LEVEL: 'warn',
      GROUP_COMMIT_MS: '1',
    };
    const child = await spawnTs('gateways/main.ts', env, ready, 60_000);
    const node = { ...child, url: child.match };
    nodes.push(node);
    return node;
  }

  beforeAll(async () => {
    mongo = await startJongodb();
  }, 30_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
    await mongo?.stop();
    await deleteKeys(redisUrl!, prefix);
  });

  it('a sale on node A reaches a dashboard and a display on node B; a reconnecting dashboard resyncs', async () => {
    const a = await startNode('yes'); // seeds the demo festival into the shared store
    const b = await startNode('no');
    const out = a.output();
    const [, email, password] = /^\s+(admin@la-fourmiliere\.demo)\s+(\S+)\s/m.exec(out) ?? [];
    const [, pairingCode] = /La Fourmilière \/ Bar: terminal pairing code (\d{6})/.exec(out) ?? [];
    expect(email && pairingCode, out).toBeTruthy();

    // The admin signs in on A; the session cookie works on B (shared store and secret).
    const loginRes = await fetch(`${a.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = loginRes.headers.get('set-cookie')!.split(';')[0];
    const { collectives } = await apiCall(b.url, 'GET', '/api/collectives', undefined);
    const collectiveId: string = collectives.find((c: { slug: string }) => c.slug === 'la-fourmiliere').id;

    const { token } = await apiCall(a.url, 'POST', '/api/terminals/pair', undefined, { pairingCode, name: 'Bar A' });
    const terminal = connectClient(`${a.url}/terminal`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false }) as TerminalClient;
    sockets.push(terminal);
    const catalog = await terminal.timeout(10_000).emitWithAck('catalog', {});
    const beer = catalog.products.find((p: { name: string }) => p.name === 'Bière');
    const crepe = catalog.products.find((p: { name: string }) => p.name === 'Crêpe');

    const dash = dashboardClient(b.url, cookie);
    sockets.push(dash);
    const feed = followBoard(dash, collectiveId);
    const applied = new Set<string>();
    feed.onRowApplied = (txId) => applied.add(txId);
    await eventually('snapshot on B', () => feed.status.state === 'live', 10_000);
    const net0 = feed.board!.sales.net;

    const display = connectClient(`${b.url}/display`, { transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(display);
    const shown = await display.timeout(10_000).emitWithAck('tap', { cardUid: 'A0000001' });
    expect(shown).toMatchObject({ ok: true, card: { number: 'PASS-0001' } });
    const giftBefore = shown.balances.find((l: { kind: string }) => l.kind === 'gift').amount;
    const pushed = new Promise<any>((resolve) => display.once('balance', resolve));

    const sale = await command(terminal, 'sale', { lines: [{ productId: beer.id, qty: 1 }], payments: [{ method: 'pass', cardUid: 'A0000001' }] });
    await eventually('the sale of A in the dashboard of B', () => applied.size === 1 && feed.board!.sales.net === net0 + beer.price, 10_000);
    const update = await pushed;
    expect(update.balances.find((l: { kind: string }) => l.kind === 'gift').amount).toBe(giftBefore - beer.price);
    expect(sale.total).toBe(beer.price);

    // B's dashboard goes offline; A keeps selling; back online it gets a snapshot with the missed sale.
    dash.disconnect();
    await command(terminal, 'sale', { lines: [{ productId: crepe.id, qty: 2 }], payments: [{ method: 'cash', amount: 2 * crepe.price }] });
    const snapshotsBefore = feed.counts.snapshots;
    dash.connect();
    await eventually('a fresh snapshot after reconnecting', () => feed.counts.snapshots === snapshotsBefore + 1 && feed.status.state === 'live', 10_000);
    expect(feed.board!.sales.net).toBe(net0 + beer.price + 2 * crepe.price);
    const deltasBefore = feed.counts.deltas;
    await command(terminal, 'sale', { lines: [{ productId: beer.id, qty: 1 }], payments: [{ method: 'card', amount: beer.price }] });
    await eventually('deltas again after the snapshot', () => feed.counts.deltas > deltasBefore && feed.board!.sales.net === net0 + 2 * beer.price + 2 * crepe.price, 10_000);
    expect(feed.counts.gaps).toBe(0);
    const fresh = await dash.timeout(10_000).emitWithAck('subscribe', { collectiveId });
    expect(feed.board).toEqual(fresh.board);
  }, 120_000);
});
