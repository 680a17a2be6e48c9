// Chooses the adapters behind each port from the configuration; domain code is the same on
// both paths (DESIGN "Runtime modes"):
//   store (storeOf): sqlite → the durable file DATA_DIR/pass.sqlite (the embedded default);
//          mongo → MongoDB at MONGO_URL, or without it an embedded jongodb server spawned for
//          this process (in memory: tests, trying the MongoDB path); memory → in-process;
//          remote → the shared in-memory store server at STORE_URL (harnesses).
//   bus, lease, jobs: REDIS_URL → Redis pub/sub, Redis leases, BullMQ; else in-process.
// Driver modules are imported lazily: a node that does not use Redis never loads ioredis.
import type { Bus } from '../bus/port.js';
import { createMemoryBus } from '../bus/memory.js';
import { systemClock, type Clock } from '../clock/port.js';
import { ConfigError, sqlitePathOf, storeOf, type Config } from '../config/config.js';
import type { Jobs } from '../jobs/port.js';
import { createMemoryJobs } from '../jobs/memory.js';
import type { Lease } from '../lease/port.js';
import { createMemoryLease } from '../lease/memory.js';
import { logger } from '../shared/logger.js';
import { createMemoryStore } from '../store/memory.js';
import type { Store } from '../store/port.js';
import { within } from './within.js';

export interface Adapters {
  store: Store;
  bus: Bus;
  lease: Lease;
  jobs: Jobs;
  clock: Clock;
  /** Which store runs behind the port: the SQLite file, memory, the store server at STORE_URL, an embedded jongodb, or MongoDB at MONGO_URL. */
  storeKind: 'sqlite' | 'memory' | 'remote' | 'embedded-mongo' | 'mongo';
  /** Where the data lives, in words for the banner and logs (a file path, a URL, "memory"). */
  storeWhere: string;
  /** True when bus, lease and jobs go through Redis (REDIS_URL). */
  redis: boolean;
  /** The jongodb server this process spawned (embedded mode), else null. Stopping it twice is safe. */
  embeddedServer: EmbeddedServer | null;
  /** Store (and Redis when configured) answer in time; never throws. */
  check(): Promise<ReadinessReport>;
  /** Stops taking jobs and waits for running ones; done first at shutdown, once. */
  stopJobs(): Promise<void>;
  /** Closes everything this call opened, last opened first; adapters passed in are left open. */
  close(): Promise<void>;
}

export interface EmbeddedServer {
  uri: string;
  stop(): Promise<void>;
}

export interface ReadinessReport {
  ok: boolean;
  checks: Record<string, 'ok' | string>;
}

/** Adapters supplied by the caller (tests sharing one store or bus between nodes, a fake clock). */
export type AdapterOverrides = Partial<Pick<Adapters, 'store' | 'bus' | 'lease' | 'jobs' | 'clock'>>;

const checkTimeoutMs = 2_000;

export async function createAdapters(config: Config, overrides: AdapterOverrides = {}): Promise<Adapters> {
  const closers: Array<{ name: string; close: () => Promise<void> }> = [];
  const own = <T extends { close(): Promise<void> }>(name: string, thing: T): T => {
    closers.push({ name, close: () => thing.close() });
    return thing;
  };
  try {
    const clock = overrides.clock ?? systemClock;
    const { store, storeKind, storeWhere, embeddedServer } = overrides.store
      ? { store: overrides.store, storeKind: kindOf(overrides.store), storeWhere: 'given by the caller', embeddedServer: null }
      : await openStore(config, own);
    const redisUrl = config.REDIS_URL;
    const prefix = config.REDIS_PREFIX;
    const bus = overrides.bus ?? own('bus', redisUrl ? await (await import('../bus/redis.js')).createRedisBus({ url: redisUrl, prefix }) : createMemoryBus());
    const lease = overrides.lease ?? own('lease', redisUrl ? await (await import('../lease/redis.js')).createRedisLease({ url: redisUrl, prefix }) : createMemoryLease(clock));
    const jobs = overrides.jobs ?? (redisUrl ? (await import('../jobs/bullmq.js')).createBullJobs({ url: redisUrl, prefix, lockMs: config.JOBS_LOCK_MS }) : createMemoryJobs());
    let jobsStopped: Promise<void> | undefined;
    const stopJobs = () => (jobsStopped ??= overrides.jobs ? Promise.resolve() : jobs.close());
    return {
      store,
      bus,
      lease,
      jobs,
      clock,
      storeKind,
      storeWhere,
      redis: Boolean(redisUrl),
      embeddedServer,
      stopJobs,
      check: () => checkReadiness(store, redisUrl ? lease : null),
      async close() {
        await stopJobs();
        await closeAll(closers);
      },
    };
  } catch (err) {
    await closeAll(closers); // e.g. Redis refused after jongodb started: leave no child behind
    throw err;
  }
}

type Own = <T extends { close(): Promise<void> }>(name: string, thing: T) => T;

type OpenedStore = Pick<Adapters, 'store' | 'storeKind' | 'storeWhere' | 'embeddedServer'>;

async function openStore(config: Config, own: Own): Promise<OpenedStore> {
  const choice = storeOf(config);
  if (choice === 'memory') return { store: createMemoryStore(), storeKind: 'memory', storeWhere: 'this process’s memory', embeddedServer: null };
  if (choice === 'sqlite') {
    const { createSqliteStore } = await import('../store/sqlite.js');
    const path = sqlitePathOf(config);
    const store = own('store', await createSqliteStore({ path }));
    logger.info({ path, created: store.created }, store.created ? 'data file created' : 'data file opened');
    return { store, storeKind: 'sqlite', storeWhere: path, embeddedServer: null };
  }
  if (choice === 'remote') {
    if (!config.STORE_URL) throw new ConfigError('invalid environment variable STORE_URL: required when STORE=remote');
    const { createRemoteStore } = await import('../store/remote.js');
    return { store: own('store', await createRemoteStore({ url: config.STORE_URL })), storeKind: 'remote', storeWhere: config.STORE_URL, embeddedServer: null };
  }
  const { createMongoStore } = await import('../store/mongo.js');
  if (config.MONGO_URL) return { store: own('store', await createMongoStore({ url: config.MONGO_URL })), storeKind: 'mongo', storeWhere: redactedUrl(config.MONGO_URL), embeddedServer: null };
  const { startJongodb } = await import('../store/jongodb.js');
  const started = await startJongodb();
  let stopped: Promise<void> | undefined;
  const embeddedServer: EmbeddedServer = { uri: started.uri, stop: () => (stopped ??= started.stop()) };
  own('embedded store server', { close: () => embeddedServer.stop() });
  logger.info({ uri: started.uri, pid: started.pid }, 'embedded MongoDB-compatible server (jongodb) started: data lives in memory only');
  const store = own('store', await createMongoStore({ url: started.uri, dbName: 'pass' }));
  return { store, storeKind: 'embedded-mongo', storeWhere: started.uri, embeddedServer };
}

function kindOf(store: Store): Adapters['storeKind'] {
  return store.kind;
}

/** A MongoDB URL without its password, for logs and the banner. */
function redactedUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function checkReadiness(store: Store, redisLease: Lease | null): Promise<ReadinessReport> {
  const checks: Record<string, string> = {};
  const probe = async (name: string, run: () => Promise<unknown>) => {
    try {
      await within(run(), checkTimeoutMs, name);
      checks[name] = 'ok';
    } catch (err) {
      checks[name] = err instanceof Error ? err.message : String(err);
    }
  };
  // A lease look-up is one Redis GET: it proves the connection answers, without side effects.
  await Promise.all([probe('store', () => store.ping()), redisLease ? probe('redis', () => redisLease.holder('readyz')) : undefined]);
  return { ok: Object.values(checks).every((v) => v === 'ok'), checks };
}

async function closeAll(closers: Array<{ name: string; close: () => Promise<void> }>): Promise<void> {
  for (const { name, close } of closers.splice(0).reverse()) {
    await close().catch((err) => logger.warn({ err }, `closing ${name} failed`));
  }
}
