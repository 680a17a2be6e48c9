// The processes of a chaos run: the shared store server (the "database": it outlives every
// app node), a throw-away redis-server on its own port (never the shared one at 6379), and N
// app nodes (bench/chaos-node.ts around bench/app-node.ts: the real core, HTTP and Socket.IO
// gateways, STORE=remote).
// No child may outlive the harness, however it ends: node children exit when their IPC channel
// closes, the store server and the redis watchdog when they are re-parented, and `killAll`
// (run on exit and on SIGINT/SIGTERM) SIGKILLs whatever is still tracked.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../test/support/free-port.js';

export interface AppNode {
  /** n1, n2... (slot) and the NODE_ID it runs with (changes on some restarts). */
  slot: number;
  nodeId: string;
  url: string;
  child: ChildProcess;
  request<T = unknown>(type: string, extra?: object, timeoutMs?: number): Promise<T>;
}

export interface ClusterOptions {
  nodes: number;
  leaseTtlMs: number;
  /** Extra environment for app nodes. */
  env?: Record<string, string>;
  log(line: string): void;
}

const tracked = new Set<ChildProcess>();
const maxStartAttempts = 8;
let hooksInstalled = false;

/** SIGKILLs every child still running (synchronous: safe in an 'exit' handler). */
export function killAll(): void {
  for (const child of tracked) if (running(child)) child.kill(signalFor(child));
  tracked.clear();
}

/** Installs, once per process, the exit and signal hooks of a CLI run (not used in tests). */
export function killChildrenOnExit(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

export class ChaosCluster {
  readonly nodes: Array<AppNode | null> = [];
  storeUrl = '';
  redisUrl = '';
  private store: ChildProcess | null = null;
  private redis: { child: ChildProcess; port: number } | null = null;
  private restarts = 0;
  readonly prefix = `chaos:${process.pid}:${Date.now()}`;

  constructor(private readonly options: ClusterOptions) {}

  async start(): Promise<void> {
    const [storeUrl] = await Promise.all([this.startStore(), this.startRedis()]);
    this.storeUrl = storeUrl;
    const started = await Promise.all(Array.from({ length: this.options.nodes }, (_, slot) => this.startNode(slot, `n${slot + 1}`)));
    started.forEach((node, slot) => (this.nodes[slot] = node));
  }

  /** Nodes up and answering now. */
  live(): AppNode[] {
    return this.nodes.filter((n): n is AppNode => n !== null && running(n.child));
  }

  /** kill -9 of one node, then a new process in its slot (same NODE_ID or a new one). */
  async killAndRestart(slot: number, sameId: boolean): Promise<AppNode> {
    const node = this.nodes[slot];
    if (node) {
      this.nodes[slot] = null;
      await kill(node.child);
    }
    const nodeId = sameId ? `n${slot + 1}` : `n${slot + 1}r${++this.restarts}`;
    // Like a supervisor (restart: always): a node cannot boot while Redis is down; try again.
    for (let attempt = 1; ; attempt++) {
      try {
        const fresh = await this.startNode(slot, nodeId);
        this.nodes[slot] = fresh;
        return fresh;
      } catch (err) {
        if (attempt >= maxStartAttempts) throw err;
        this.options.log(`${nodeId} did not start (attempt ${attempt}): ${String((err as Error).message).split('\n')[0]}; retrying`);
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }

  /** kill -9 of redis-server, down for `downMs`, then a fresh empty one on the same port. */
  async restartRedis(downMs: number): Promise<void> {
    const port = this.redis!.port;
    await kill(this.redis!.child);
    await new Promise((r) => setTimeout(r, downMs));
    this.redis = await startRedisWatched(port);
  }

  async stop(): Promise<void> {
    await Promise.all([...tracked].map(kill));
  }

  private async startStore(): Promise<string> {
    const child = fork('bench/store-server.ts', ['--port', '0'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    track(child);
    this.store = child;
    const [, url] = await waitForLine(child, /STORE_URL=(\S+)/, 20_000, 'store server');
    return url;
  }

  private async startRedis(): Promise<void> {
    this.redis = await startRedisWatched(await freePort());
    this.redisUrl = `redis://127.0.0.1:${this.redis.port}`;
  }

  private async startNode(slot: number, nodeId: string): Promise<AppNode> {
    const env: Record<string, string> = {
      ...process.env,
      BENCH_STORE: 'remote',
      STORE_URL: this.storeUrl,
      MONGO_URL: '',
      REDIS_URL: this.redisUrl,
      REDIS_PREFIX: this.prefix,
      NODE_ID: nodeId,
      ROLE: 'app',
      LEASE_TTL_MS: String(this.options.leaseTtlMs),
      PORT: '0',
      ...this.options.env,
    };
    const child = fork('bench/chaos-node.ts', [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    track(child);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4_000)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`app node ${nodeId} not ready in 30 s:\n${stderr}`)), 30_000);
      child.once('exit', (code, signal) => reject(new Error(`app node ${nodeId} exited (${code ?? signal}) before ready:\n${stderr}`)));
      child.on('message', (m: any) => {
        if (m?.type !== 'ready') return;
        clearTimeout(timer);
        resolve(m.url);
      });
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') this.options.log(`node ${nodeId} exited on its own (${code ?? signal}):\n${stderr}`);
    });
    return { slot, nodeId, url, child, request: ipcRequester(child) };
  }
}

function ipcRequester(child: ChildProcess) {
  let nextId = 1;
  const waiting = new Map<number, (m: { ok: boolean; value?: unknown; error?: string }) => void>();
  child.on('message', (m: any) => waiting.get(m?.id)?.(m));
  return <T>(type: string, extra: object = {}, timeoutMs = 120_000) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`app node: no answer to ${type} in ${timeoutMs} ms`)), timeoutMs);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (m.ok) resolve(m.value as T);
        else reject(new Error(m.error));
      });
      child.send({ type, id, ...extra });
    });
}

// redis-server cannot watch its parent: a shell between us and it kills it once we are gone
// (re-parented), whatever the signal that ended us; TERM to the shell kills the server.
const redisWatchdog = `
redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no </dev/null &
server=$!
trap 'kill -KILL $server 2>/dev/null; wait $server; exit 0' TERM INT HUP
while kill -0 $server 2>/dev/null; do
  read -r _ _ _ ppid _ </proc/$$/stat
  [ "$ppid" = "$PPID" ] || break
  sleep 0.2
done
kill -KILL $server 2>/dev/null
wait $server
`;

async function startRedisWatched(port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn('/bin/sh', ['-c', redisWatchdog, 'redis-watchdog', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  await waitForLine(child, /(Ready to accept connections)/, 10_000, 'redis-server');
  child.stdout!.resume();
  return { child, port };
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} not ready in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${out}`)));
  });
}

function track(child: ChildProcess): void {
  tracked.add(child);
  child.once('exit', () => tracked.delete(child));
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGKILL (the shell of a watched redis gets TERM: it kills its server) and wait for the exit. */
function kill(child: ChildProcess): Promise<void> {
  if (!running(child)) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signalFor(child));
  return exited;
}

/** A watchdog shell must run its trap (which kills its server): TERM; anything else: KILL. */
function signalFor(child: ChildProcess): NodeJS.Signals {
  return child.spawnfile === '/bin/sh' ? 'SIGTERM' : 'SIGKILL';
}
