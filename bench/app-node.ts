// The system under test, in its own process (so its CPU time is its own): one app node over the
// memory store by default (`BENCH_STORE=sqlite` for the embedded default's durable file, on the
// real disk under bench/results unless BENCH_DATA_DIR names one; `BENCH_STORE=mongo` for the
// embedded MongoDB-wire server), or over Redis when REDIS_URL is set. It seeds cards, points of sale and paired terminals, then answers
// the bench's IPC requests: stats (store calls, ledger flushes, CPU) and verify (ledger invariants).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { loadConfig, sqlitePathOf } from '../core/config/config.js';
import { createSqliteStore } from '../core/store/sqlite.js';
import { verifyLedger } from '../core/money/verify.js';
import { bootCore, type Core } from '../core/runtime/boot.js';
import { countingStore } from '../core/store/counting.js';
import { createMemoryStore } from '../core/store/memory.js';
import { startHttpServer } from '../gateways/http/server.js';
import { createSocketServer } from '../gateways/socket/server.js';

export interface AppNodeSetup {
  cards: number;
  terminals: number;
  pointsOfSale: number;
  balance: number;
}

const dataDir = process.env.BENCH_DATA_DIR ?? (process.env.BENCH_STORE === 'sqlite' ? (mkdirSync('bench/results', { recursive: true }), mkdtempSync('bench/results/data-')) : undefined);
const config = loadConfig({ TERMINAL_COMMANDS_PER_SEC: '100000', ...process.env, HOST: '127.0.0.1', PORT: process.env.PORT ?? '0', LOG_LEVEL: 'silent', SEED_DEMO: 'no', STORE: process.env.STORE_URL ? 'remote' : (process.env.BENCH_STORE ?? 'memory'), DATA_DIR: dataDir, SESSION_SECRET: 'bench-session-secret-0123456789', TICKET_SIGNING_SECRET: 'bench-ticket-secret-0123456789' });
// The memory and SQLite stores are wrapped to count calls per collection; others are counted as a whole.
const counted = config.STORE === 'memory' ? countingStore(createMemoryStore()) : config.STORE === 'sqlite' ? countingStore(await createSqliteStore({ path: sqlitePathOf(config) })) : null;
/** The data file and its write-ahead log, in bytes (SQLite only). */
const fileBytes = () => (config.STORE === 'sqlite' ? ['', '-wal'].reduce((sum, ext) => sum + (existsSync(sqlitePathOf(config) + ext) ? statSync(sqlitePathOf(config) + ext).size : 0), 0) : undefined);
const core = await bootCore(config, counted ? { store: counted } : {});
const http = await startHttpServer(core);
const sockets = await createSocketServer(http.server, core);
http.onStop(() => sockets.close());

process.on('message', (msg: { type: string; id: number; setup?: AppNodeSetup; kind?: string }) => {
  void answer(msg).then(
    (value) => process.send!({ id: msg.id, ok: true, value }),
    (err) => process.send!({ id: msg.id, ok: false, error: String(err?.stack ?? err) }),
  );
});
process.on('disconnect', () => void http.stop().finally(() => process.exit(0)));
process.send!({ type: 'ready', url: http.url });

// Event-loop stalls of this node, told as they happen (with --trace-gc they can be matched with
// the GC lines, whose times are also ms since start) and summed up in the stats.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let lastTick = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - lastTick > 150) console.error(`[app] event loop stalled ${Math.round(now - lastTick - 50)} ms at ${Math.round(now)} ms`);
  lastTick = now;
}, 50).unref();

/** Event-loop delay since the previous stats request (the bench asks before and after its run). */
function takeLoopDelay(): { p99: number; max: number } {
  const delay = { p99: Math.round(loopDelay.percentile(99) / 1e5) / 10, max: Math.round(loopDelay.max / 1e5) / 10 };
  loopDelay.reset();
  return delay;
}

async function answer(msg: { type: string; setup?: AppNodeSetup; kind?: string }): Promise<unknown> {
  if (msg.type === 'setup') return setup(core, msg.setup!);
  if (msg.type === 'stats') return { loopDelayMs: takeLoopDelay(), storeCalls: core.store.callCount(), callsByKind: counted?.callsByKind() ?? {}, ledgerFlushes: core.ledger.flushCount(), cpu: process.cpuUsage(), memory: process.memoryUsage().rss, fileBytes: fileBytes(), dataDir };
  if (msg.type === 'profile-start') return startProfile(msg.kind === 'alloc' ? 'alloc' : 'cpu');
  if (msg.type === 'profile-stop') return stopProfile();
  if (msg.type === 'heap-snapshot') return writeHeapSnapshot(`bench/results/run-${process.env.NODE_ID ?? 'node'}-${Date.now()}.heapsnapshot`);
  if (msg.type === 'verify') {
    const report = await verifyLedger(core.store);
    return { ok: report.ok, errors: report.errors, warnings: report.warnings, rows: report.rows, chains: report.chains };
  }
  throw new Error(`unknown request ${msg.type}`);
}

async function setup(core: Core, s: AppNodeSetup) {
  const collective = await core.collectives.create({ name: `Bench Festival ${Date.now()}` });
  const collectiveId = collective._id;
  await core.currencies.defineCollectiveCurrencies(collectiveId, 'Bench', collective.name);
  const products = [];
  for (const [i, price] of [250, 350, 400, 600, 150, 900].entries()) {
    products.push((await core.catalog.createProduct(collectiveId, { name: `Product ${i}`, category: i < 3 ? 'Drinks' : 'Food', price, vatRate: 2000 }))._id);
  }
  const posIds: string[] = [];
  for (let i = 0; i < s.pointsOfSale; i++) {
    const pos = await core.catalog.createPos(collectiveId, { name: `Bar ${i + 1}` });
    for (const p of products) await core.catalog.assign(pos._id, p, collectiveId);
    posIds.push(pos._id);
  }
  const tokens: string[] = [];
  const offline: Array<{ terminalId: string; offlineKey: string }> = [];
  for (let i = 0; i < s.terminals; i++) {
    const posId = posIds[i % posIds.length];
    const { pairingCode } = await core.terminals.createTerminal(posId, collectiveId, `t${i}`);
    const paired = await core.terminals.pair(pairingCode, `bench-${i}`, `bench-${i}`);
    tokens.push(paired.token);
    offline.push({ terminalId: paired.terminalId, offlineKey: paired.offlineKey });
  }
  const uids: string[] = [];
  const batch = 500;
  for (let i = 0; i < s.cards; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, s.cards - i) }, async (_, k) => {
        const uid = `B${(i + k).toString(16).toUpperCase().padStart(13, '0')}`;
        await core.pass.registerCard({ uid, number: `BENCH-${i + k}`, issuerId: collectiveId });
        await core.pass.topUp({ txId: randomUUID(), cardUid: uid, asset: 'local', amount: s.balance, method: 'cash', collectiveId, posId: posIds[0] });
        uids.push(uid);
      }),
    );
  }
  // An organizer watching the live dashboard during the run (ack → dashboard latency).
  const admin = { email: `bench-admin-${Date.now()}@bench.test`, password: 'bench-admin-password' };
  await core.accounts.create({ role: 'collective-admin', collectiveId, email: admin.email, password: admin.password });
  return { collectiveId, products, posIds, tokens, offline, uids, admin };
}

// A CPU profile of the measured run only (not the seeding before it nor the verify after it),
// or an allocation profile (sampling heap profiler: bytes allocated per function).
const inspector = new Session();
let profiling: 'cpu' | 'alloc' = 'cpu';

async function startProfile(kind: 'cpu' | 'alloc'): Promise<void> {
  profiling = kind;
  inspector.connect();
  if (kind === 'alloc') {
    await inspector.post('HeapProfiler.enable');
    // Collected objects included: what a command allocates matters to the GC, not only what it keeps.
    await inspector.post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
    return;
  }
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}

async function stopProfile(): Promise<string> {
  const { profile } = profiling === 'alloc' ? await inspector.post('HeapProfiler.stopSampling') : await inspector.post('Profiler.stop');
  const file = `bench/results/run-${process.env.NODE_ID ?? 'node'}-${Date.now()}.${profiling === 'alloc' ? 'heapprofile' : 'cpuprofile'}`;
  writeFileSync(file, JSON.stringify(profile));
  inspector.disconnect();
  return file;
}
