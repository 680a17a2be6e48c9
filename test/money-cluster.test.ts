// Money across real processes: 3 app nodes sharing Redis (bus, leases) and one MongoDB-wire
// store (the embedded server). Correctness must not depend on which node serves a request,
// nor on a node dying mid-payment.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startJongodb } from '../core/store/jongodb.js';
import { createMongoStore } from '../core/store/mongo.js';
import type { Store } from '../core/store/port.js';
import { verifyLedger } from '../core/money/verify.js';
import { localAsset } from '../core/money/assets.js';
import type { LedgerRow } from '../core/money/ledger-row.js';
import { describeRedis, redisUrl, uniquePrefix, deleteKeys } from './support/redis.js';
import { spawnTs, type Child } from './support/processes.js';

describeRedis('money across 3 processes', () => {
  let mongo: { uri: string; stop(): Promise<void> };
  let store: Store;
  let nodes: Array<Child & { url: string }> = [];
  const prefix = uniquePrefix();
  const dbName = `cluster_${Date.now()}`;

  async function startNode(id: string) {
    const child = await spawnTs('test/support/money-process.ts', { MONGO_URL: mongo.uri, DB_NAME: dbName, REDIS_URL: redisUrl!, REDIS_PREFIX: prefix, NODE_ID: id, LOG_LEVEL: 'silent' }, /PORT=(\d+)/);
    return { ...child, url: `http://127.0.0.1:${child.match}` };
  }

  /** POSTs until a definitive answer: a lost connection or a timeout is retried with the same txId on another node. */
  async function call(path: string, body: unknown, start = 0): Promise<any> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const node = nodes[(start + attempt) % nodes.length];
      try {
        const res = await fetch(`${node.url}${path}`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(8_000) });
        const json = await res.json();
        if (json.ok || !['TIMEOUT', 'UNAVAILABLE', 'CONFLICT', 'INTERNAL', 'OVERLOADED'].includes(json.code)) return json;
      } catch {
        // node down or slow: try the next one
      }
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
    throw new Error(`no definitive answer for ${path}`);
  }

  beforeAll(async () => {
    mongo = await startJongodb();
    store = await createMongoStore({ url: mongo.uri, dbName });
    nodes = await Promise.all(['n1', 'n2', 'n3'].map(startNode));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await store?.close();
    await mongo?.stop();
    await deleteKeys(redisUrl!, prefix);
  });

  it('1,000 concurrent debits on one card from 3 processes: exactly floor(balance/amount) succeed', async () => {
    await call('/setup', { collectiveId: 'c1', uids: ['C0C0C0C0', 'C1C1C1C1', 'C2C2C2C2', 'C3C3C3C3'] });
    await call('/topup', { txId: randomUUID(), cardUid: 'C0C0C0C0', amount: 1000, collectiveId: 'c1' });
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => call('/pay', { txId: randomUUID(), cardUid: 'C0C0C0C0', amount: 7, collectiveId: 'c1' }, i)));
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(Math.floor(1000 / 7));
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'INSUFFICIENT_FUNDS')).toBe(true);
    const balance = await call('/balance', { cardUid: 'C0C0C0C0' });
    expect(balance.value.balances).toMatchObject([{ amount: 1000 % 7 }]);
    const report = await verifyLedger(store);
    expect(report.errors).toEqual([]);
  }, 120_000);

  it('kill -9 of a node while it pays: every acked payment is in the ledger, no refused one is, balances right', async () => {
    const cards = ['C1C1C1C1', 'C2C2C2C2', 'C3C3C3C3'];
    for (const cardUid of cards) await call('/topup', { txId: randomUUID(), cardUid, amount: 500, collectiveId: 'c1' });
    const payments = Array.from({ length: 150 }, (_, i) => ({ txId: randomUUID(), cardUid: cards[i % 3], amount: 9, collectiveId: 'c1' }));
    const pending = payments.map((p, i) => new Promise((r) => setTimeout(r, i * 4)).then(() => call('/pay', p, i)));
    await new Promise((r) => setTimeout(r, 250));
    await nodes[0].kill('SIGKILL');
    nodes[0] = await startNode('n1b');
    const results = await Promise.all(pending);
    const rows = await store.collection<LedgerRow>('ledger').find({ kind: 'payment' });
    const written = new Set(rows.map((r) => r.txId));
    payments.forEach((p, i) => expect(written.has(p.txId)).toBe(!!results[i].ok));
    for (const cardUid of cards) {
      const paid = payments.filter((p, i) => p.cardUid === cardUid && results[i].ok).length * 9;
      const balance = await call('/balance', { cardUid });
      const amount = balance.value.balances.find((b: any) => b.asset === localAsset('c1'))?.amount ?? 0;
      expect(amount).toBe(500 - paid);
    }
    const report = await verifyLedger(store);
    expect(report.errors).toEqual([]);
  }, 120_000);
});
