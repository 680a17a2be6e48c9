// A money node in its own OS process, for multi-process tests: MongoDB-wire store (MONGO_URL)
// with Redis bus and leases (REDIS_URL, REDIS_PREFIX), or the embedded shape: the SQLite file
// at SQLITE_PATH with the in-process bus and leases. It answers a tiny HTTP API and prints
// `PORT=<n>` when ready. Killing it with SIGKILL is part of the tests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActorSystem } from '../../core/actors/system.js';
import { createRedisBus } from '../../core/bus/redis.js';
import { systemClock } from '../../core/clock/port.js';
import { createRedisLease } from '../../core/lease/redis.js';
import { startPassModule } from '../../core/pass/module.js';
import { isAppError } from '../../core/shared/errors.js';
import { createMongoStore } from '../../core/store/mongo.js';
import { createSqliteStore } from '../../core/store/sqlite.js';
import { createMemoryBus } from '../../core/bus/memory.js';
import { createMemoryLease } from '../../core/lease/memory.js';

const { MONGO_URL, SQLITE_PATH, REDIS_URL, REDIS_PREFIX, NODE_ID, DB_NAME } = process.env;
const store = SQLITE_PATH ? await createSqliteStore({ path: SQLITE_PATH }) : await createMongoStore({ url: MONGO_URL!, dbName: DB_NAME });
const bus = REDIS_URL ? await createRedisBus({ url: REDIS_URL, prefix: REDIS_PREFIX! }) : createMemoryBus();
const lease = REDIS_URL ? await createRedisLease({ url: REDIS_URL, prefix: REDIS_PREFIX! }) : createMemoryLease(systemClock);
const actors = new ActorSystem({ nodeId: NODE_ID, bus, lease, leaseTtlMs: 1_000, callTimeoutMs: 3_000, mailboxLength: 5_000 });
const money = await startPassModule({ store, bus, clock: systemClock, actors, groupCommitMs: 2 });
await actors.start();

const routes: Record<string, (body: any) => Promise<unknown>> = {
  '/pay': (b) => money.pass.pay({ txId: b.txId, cardUid: b.cardUid, amount: b.amount, collectiveId: b.collectiveId }),
  '/topup': (b) => money.pass.topUp({ txId: b.txId, cardUid: b.cardUid, asset: 'local', amount: b.amount, method: 'cash', collectiveId: b.collectiveId, posId: 'pos-test' }),
  '/balance': (b) => money.pass.balance(b.cardUid),
  '/setup': async (b) => {
    await money.currencies.defineCollectiveCurrencies(b.collectiveId, 'Sou', b.collectiveId);
    for (const uid of b.uids) await money.pass.registerCard({ uid, number: `n-${uid}`, issuerId: b.collectiveId });
    return { ok: true };
  },
};

const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', async () => {
    const route = routes[req.url ?? ''];
    try {
      if (!route) throw new Error('no route');
      const value = await route(JSON.parse(raw || '{}'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, value }));
    } catch (err) {
      const body = isAppError(err) ? { ok: false, code: err.code, details: err.details } : { ok: false, code: 'INTERNAL', message: String(err) };
      res.writeHead(isAppError(err) ? err.status : 500, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT=${(server.address() as AddressInfo).port}\n`));
