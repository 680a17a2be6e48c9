// `npm run bench`: throughput and latency of the terminal protocol under a festival-like mix,
// against the bare Socket.IO ceiling measured in the same run, then the ledger invariants.
// Options: --terminals 500 --cards 20000 --pos 50 --duration 20 --mode closed|open --rate 5000
//          --warmup 3 (seconds of the same load first, not measured: JIT, first activations)
//          --mix 85,10,5 (% of Pass payments, top-ups, balance checks)
//          --hot 10,1 (% of the traffic that goes to % of the cards)
//          --echo 5 (seconds of echo ceiling) --store memory|sqlite|remote|mongo --json <file>
//          (sqlite: the embedded default's durable file on the real disk, bench/results/data-*;
//          the report gives its size per ledger row, throughput of the first and last minute of
//          a long run, and the time `npm start` takes to come back on that file; --keep-data
//          leaves the file there)
//          (remote: the memory store in a store-server process, out of the app's heap as a database is)
//          --cpu-prof: a V8 CPU profile of each app node during the measured run (bench/results);
//          --alloc-prof: its allocation profile instead (sampled bytes allocated per function);
//          --heap-snapshot: a heap snapshot of each app node after the run (bench/heap-summary.ts)
//          --redis: 2 app nodes with Redis bus, leases and Socket.IO adapter (REDIS_URL, default
//          redis://127.0.0.1:6379) sharing one in-memory store server (bench/store-server.ts);
//          terminals alternate between the nodes, the dashboard watches from the second.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Socket } from 'socket.io-client';
import { closedLoop, connectTerminals, echoLoop, openLoop, type LoadResult, type Workload } from './load.js';
import { signIn, watchDashboard } from './dashboard-latency.js';
import { Histogram } from './histogram.js';

const { values: args } = parseArgs({
  options: {
    terminals: { type: 'string', default: '500' },
    cards: { type: 'string', default: '20000' },
    pos: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    mode: { type: 'string', default: 'closed' },
    rate: { type: 'string', default: '5000' },
    echo: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    mix: { type: 'string', default: '85,10,5' },
    hot: { type: 'string', default: '10,1' },
    store: { type: 'string', default: 'memory' },
    json: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'alloc-prof': { type: 'boolean', default: false },
    'heap-snapshot': { type: 'boolean', default: false },
    redis: { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
  },
});
const n = (k: keyof typeof args) => Number(args[k]);
/** V8 flags of the app nodes: as production runs them (Dockerfile), or BENCH_NODE_FLAGS to compare. */
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);
// Checked before anything starts: a typo must not cost the seeding of 20,000 cards.
const [payShare, topupShare, balanceShare] = percentages(args.mix!, 3, '--mix pay,topup,balance');
const [hotTraffic, hotCards] = percentages(args.hot!, 2, '--hot traffic,cards');

const storeServer = args.redis || args.store === 'remote' ? await startStoreServer() : null;
const cluster = args.redis ? redisCluster(storeServer!.url) : null;
const app = await startApp(cluster?.env('bench-n1') ?? (storeServer ? { STORE_URL: storeServer.url } : {}));
const second = cluster ? await startApp(cluster.env('bench-n2')) : null;
const nodes = second ? [app, second] : [app];
try {
  await main();
} finally {
  // Nodes first (they save their actors to the store on the way out), the shared store last.
  await Promise.all(nodes.filter((node) => node.child.connected).map((node) => new Promise((resolve) => (node.child.once('exit', resolve), node.child.disconnect()))));
  storeServer?.stop();
}

async function main() {
  log(`setting up: ${n('cards')} cards, ${n('pos')} points of sale, ${n('terminals')} terminals (store: ${args.store})`);
  const setup = (await app.request('setup', { setup: { cards: n('cards'), terminals: n('terminals'), pointsOfSale: n('pos'), balance: 10_000_000 } })) as {
    tokens: string[];
    uids: string[];
    products: string[];
    collectiveId: string;
    admin: { email: string; password: string };
  };

  const echo = await measureEcho(n('terminals'), n('echo') * 1000);
  log(`echo ceiling: ${echo.perSec.toFixed(0)} acks/s (p50 ${echo.latency.p50} ms, p99 ${echo.latency.p99} ms)`);

  const sockets = (await Promise.all(nodes.map((node, i) => connectTerminals(node.url, setup.tokens.filter((_, k) => k % nodes.length === i).map((token) => ({ token })))))).flat();
  const work: Workload = { cards: setup.uids, products: setup.products, mix: { pay: payShare, topup: topupShare, balance: balanceShare }, hotTraffic: hotTraffic / 100, hotCards: hotCards / 100 };
  const watcher = nodes[nodes.length - 1]; // on another node than half the terminals: deltas cross nodes
  const dashboard = await watchDashboard(watcher.url, { cookie: await signIn(app.url, setup.admin.email, setup.admin.password), collectiveId: setup.collectiveId });
  const profiling = args['alloc-prof'] ? 'alloc' : args['cpu-prof'] ? 'cpu' : null;
  if (n('warmup') > 0) {
    log(`warming up for ${n('warmup')} s (not measured)`);
    await (args.mode === 'open' ? openLoop(sockets, work, n('warmup') * 1000, n('rate')) : closedLoop(sockets, work, n('warmup') * 1000));
  }
  if (profiling) await Promise.all(nodes.map((node) => node.request('profile-start', { kind: profiling })));
  const before = await statsOfAll();
  const ownCpuBefore = process.cpuUsage();
  const perSecondPayments: number[] = [];
  let paidSoFar = 0;
  const progress = (r: LoadResult) => {
    perSecondPayments.push(r.ok.pay - paidSoFar);
    paidSoFar = r.ok.pay;
    const last = r.window.summary();
    r.window = new Histogram();
    log(`  … ${r.ok.pay} payments, ${Object.values(r.errors).reduce((a, b) => a + b, 0)} errors; last second: ${last.count} commands, p50 ${last.p50} / p99 ${last.p99} / max ${last.max} ms`);
  };
  const result = args.mode === 'open' ? await openLoop(sockets, work, n('duration') * 1000, n('rate'), progress) : await closedLoop(sockets, work, n('duration') * 1000, progress);
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const after = await statsOfAll();
  if (args['heap-snapshot']) for (const node of nodes) log(`heap snapshot after the run: ${String(await node.request('heap-snapshot'))} (summary: tsx bench/heap-summary.ts <file>)`);
  if (profiling) for (const node of nodes) log(`${profiling} profile of the run: ${String(await node.request('profile-stop'))} (summary: tsx bench/profile-summary.ts <file>)`);
  await new Promise((r) => setTimeout(r, 500)); // the last deltas
  const live = dashboard.report(result.paymentAcks);
  dashboard.close();
  sockets.forEach((s) => s.close());
  const verify = (await app.request('verify')) as { ok: boolean; errors: string[]; warnings: string[]; rows: number };

  const seconds = result.elapsedMs / 1000;
  const payments = result.ok.pay;
  const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
  const commands = result.ok.pay + result.ok.topup + result.ok.balance;
  const report = {
    at: new Date().toISOString(),
    options: args,
    paymentsPerSec: Math.round(payments / seconds),
    commandsPerSec: Math.round(commands / seconds),
    echoAcksPerSec: Math.round(echo.perSec),
    ratio: Number((payments / seconds / echo.perSec).toFixed(3)),
    latencyMs: { pay: result.latency.pay.summary(), topup: result.latency.topup.summary(), balance: result.latency.balance.summary(), echo: echo.latency },
    errors: result.errors,
    storeCallsByKind: diffCalls(before.callsByKind ?? {}, after.callsByKind ?? {}),
    storeWritesPerPayment: Number((writesOf(diffCalls(before.callsByKind ?? {}, after.callsByKind ?? {})) / Math.max(1, payments + result.ok.topup)).toFixed(4)),
    storeCallsPerPayment: Number(((after.storeCalls - before.storeCalls) / Math.max(1, payments + result.ok.topup)).toFixed(4)),
    ledgerFlushes: after.ledgerFlushes - before.ledgerFlushes,
    cpuMsPerPayment: Number((cpuMs / Math.max(1, commands)).toFixed(4)),
    appCpuUtilisation: Number((cpuMs / result.elapsedMs).toFixed(2)),
    // The load generator shares the machine: its own share of a core during the run.
    generatorCpuUtilisation: Number(((ownCpu.user + ownCpu.system) / 1000 / result.elapsedMs).toFixed(2)),
    appEventLoopDelayMs: after.loopDelayMs,
    dashboard: live,
    ledger: verify,
    ...(after.fileBytes !== undefined ? { dataFile: dataFileReport(after, verify.rows, perSecondPayments) } : {}),
  };
  if (after.dataDir) (report as Record<string, unknown>).restartMs = await timeRestart(after.dataDir);
  printTable(report);
  const file = args.json ?? `bench/results/${report.at.replace(/[:.]/g, '-')}.json`;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2));
  log(`written ${file}`);
  if (!verify.ok) {
    log(`LEDGER INVARIANTS BROKEN:\n${verify.errors.join('\n')}`);
    process.exitCode = 1;
  }
}

/** "85,10,5" -> [85, 10, 5]: percentages, each 0..100. */
function percentages(text: string, count: number, usage: string): number[] {
  const values = text.split(',').map(Number);
  if (values.length !== count || values.some((v) => !Number.isFinite(v) || v < 0 || v > 100)) throw new Error(`expected ${usage} as ${count} percentages, got "${text}"`);
  return values;
}

/** The SQLite file after the run: bytes per ledger row, and whether throughput held as it grew. */
function dataFileReport(stats: Stats, rows: number, perSecond: number[]) {
  const minute = Math.min(60, Math.floor(perSecond.length / 2));
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  return {
    bytes: stats.fileBytes!,
    ledgerRows: rows,
    bytesPerLedgerRow: Math.round(stats.fileBytes! / Math.max(1, rows)),
    firstWindowPaymentsPerSec: mean(perSecond.slice(0, minute)),
    lastWindowPaymentsPerSec: mean(perSecond.slice(-minute)),
    windowSeconds: minute,
  };
}

/**
 * How long `npm start` takes to answer again on the file the run filled (after the app node
 * stopped): cards and actors come back lazily, so this must not grow with the ledger.
 */
async function timeRestart(dataDir: string): Promise<number> {
  await Promise.all(nodes.map((node) => new Promise((resolve) => (node.child.once('exit', resolve), node.child.disconnect()))));
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateways/main.ts'], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', SEED_DEMO: 'no', LOG_LEVEL: 'error', STORE: 'sqlite' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ms = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (/Pass is running at/.test(out)) resolve(Math.round(performance.now() - t0));
    });
    child.once('exit', (code) => reject(new Error(`npm start on ${dataDir} exited with ${code}:\n${out}`)));
  });
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  log(`npm start on the ${dataDir} file answered after ${ms} ms`);
  if (!args['keep-data']) rmSync(dataDir, { recursive: true, force: true });
  else log(`data kept in ${dataDir}`);
  return ms;
}

interface Stats {
  fileBytes?: number;
  dataDir?: string;
  loopDelayMs?: { p99: number; max: number };
  storeCalls: number;
  callsByKind?: Record<string, number>;
  ledgerFlushes: number;
  cpu: { user: number; system: number };
}

/** Insert, update and delete calls: what group commit must keep to a fraction per payment. */
function writesOf(calls: Record<string, number>): number {
  return Object.entries(calls).filter(([k]) => /\.(insert|update|delete)/.test(k)).reduce((sum, [, n]) => sum + n, 0);
}

function diffCalls(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
}

function worst(a?: { p99: number; max: number }, b?: { p99: number; max: number }) {
  return a && b ? { p99: Math.max(a.p99, b.p99), max: Math.max(a.max, b.max) } : (a ?? b);
}

async function statsOfAll(): Promise<Stats> {
  const all = (await Promise.all(nodes.map((node) => node.request('stats')))) as Stats[];
  return all.reduce((a, b) => ({ loopDelayMs: worst(a.loopDelayMs, b.loopDelayMs), storeCalls: a.storeCalls + b.storeCalls, ledgerFlushes: a.ledgerFlushes + b.ledgerFlushes, cpu: { user: a.cpu.user + b.cpu.user, system: a.cpu.system + b.cpu.system } }));
}

/**
 * A throw-away store server: the memory store in its own process, as a database is (`--store
 * remote`), or shared by the two nodes of the Redis-backed run.
 */
async function startStoreServer(): Promise<{ url: string; stop(): void }> {
  const store = fork('bench/store-server.ts', ['--port', '0'], { execArgv: ['--import', 'tsx', ...nodeFlags], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    store.stdout!.on('data', (d) => {
      const m = /STORE_URL=(\S+)/.exec(String(d));
      if (m) resolve(m[1]);
    });
    store.once('exit', (code) => reject(new Error(`store server exited with ${code}`)));
  });
  log(`store server (memory store out of the app process) at ${url}`);
  return { url, stop: () => void store.kill() };
}

/** The environment of each app node of the Redis-backed run. */
function redisCluster(storeUrl: string): { env(nodeId: string): Record<string, string> } {
  const prefix = `bench-${process.pid}-${Date.now()}`;
  log(`redis mode: 2 app nodes, shared store ${storeUrl}, Redis prefix ${prefix}`);
  return { env: (nodeId) => ({ STORE: 'remote', STORE_URL: storeUrl, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix, NODE_ID: nodeId }) };
}

async function startApp(extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; request(type: string, extra?: object): Promise<unknown> }> {
  const child = fork('bench/app-node.ts', [], { execArgv: ['--import', 'tsx', ...nodeFlags], env: { LOG_LEVEL: 'error', ...process.env, BENCH_STORE: String(args.store), ...extraEnv } });
  const waiting = new Map<number, (m: { ok: boolean; value?: unknown; error?: string }) => void>();
  let nextId = 1;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`app node exited with ${code}`)));
    child.on('message', (m: any) => {
      if (m.type === 'ready') resolve(m.url);
      else waiting.get(m.id)?.(m);
    });
  });
  return {
    child,
    url,
    request: (type, extra = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, (m) => (m.ok ? resolve(m.value) : reject(new Error(m.error))));
        child.send({ type, id, ...extra });
      }),
  };
}

async function measureEcho(terminals: number, durationMs: number) {
  const server = spawn(process.execPath, ['--import', 'tsx', 'bench/echo-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => server.stdout!.on('data', (d) => /ECHO_PORT=(\d+)/.exec(String(d)) && resolve(/ECHO_PORT=(\d+)/.exec(String(d))![1])));
  const sockets: Socket[] = await connectTerminals(`http://127.0.0.1:${port}`, Array.from({ length: terminals }, () => ({})));
  const run = await echoLoop(sockets, durationMs);
  sockets.forEach((s) => s.close());
  server.kill();
  return { perSec: run.acks / (run.elapsedMs / 1000), latency: run.latency.summary() };
}

function printTable(r: any) {
  const rows: Array<[string, string]> = [
    ['payments/s', String(r.paymentsPerSec)],
    ['commands/s (all)', String(r.commandsPerSec)],
    ['echo acks/s (transport ceiling)', String(r.echoAcksPerSec)],
    ['ratio payments/s ÷ echo acks/s', String(r.ratio)],
    ['pay latency p50/p95/p99/max ms', fmt(r.latencyMs.pay)],
    ['topup latency p50/p95/p99/max ms', fmt(r.latencyMs.topup)],
    ['balance latency p50/p95/p99/max ms', fmt(r.latencyMs.balance)],
    ['store calls per money command', String(r.storeCallsPerPayment)],
    ['store writes per money command', String(r.storeWritesPerPayment)],
    ['store calls during the run', JSON.stringify(r.storeCallsByKind)],
    ['app CPU ms per command', String(r.cpuMsPerPayment)],
    ['app event-loop delay p99/max ms', r.appEventLoopDelayMs ? `${r.appEventLoopDelayMs.p99} / ${r.appEventLoopDelayMs.max}` : '-'],
    ['CPU use (cores): app / load generator', `${r.appCpuUtilisation} / ${r.generatorCpuUtilisation}`],
    ['ack → dashboard p50/p95/p99/max ms', fmt(r.dashboard.latencyMs)],
    ['payments missing on dashboard', String(r.dashboard.missing)],
    ['errors', JSON.stringify(r.errors)],
    ['ledger invariants', r.ledger.ok ? `ok (${r.ledger.rows} rows)` : 'BROKEN'],
    ...(r.dataFile
      ? ([
          ['data file (SQLite) bytes, per ledger row', `${r.dataFile.bytes} B, ${r.dataFile.bytesPerLedgerRow} B/row`],
          [`payments/s first / last ${r.dataFile.windowSeconds} s`, `${r.dataFile.firstWindowPaymentsPerSec} / ${r.dataFile.lastWindowPaymentsPerSec}`],
          ['npm start again on that file: ready after', `${r.restartMs} ms`],
        ] as Array<[string, string]>)
      : []),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\n' + rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
}

function fmt(s: { p50: number; p95: number; p99: number; max: number }) {
  return `${s.p50} / ${s.p95} / ${s.p99} / ${s.max}`;
}

function log(line: string) {
  console.log(`[bench] ${line}`);
}

