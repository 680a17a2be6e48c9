// boot(): one app node for a test, on port 0, over the memory store, a SQLite file in a fresh
// folder (removed at close unless the test named its DATA_DIR) or the embedded jongodb store.
// Nothing is read from process.env: a test says what it wants (pass REDIS_URL in `env` to go
// through Redis). close() drains HTTP and shuts the core down (jongodb included).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../core/config/config.js';
import { bootCore, type BootOverrides, type Core } from '../../core/runtime/boot.js';
import { startHttpServer, type HttpServer } from '../../gateways/http/server.js';

export interface BootOptions {
  env?: Record<string, string>;
  store?: 'memory' | 'mongo' | 'sqlite';
  /** Adapters shared with another node (same store or bus), or a fake clock. */
  overrides?: BootOverrides;
  uiDir?: string;
  drainMs?: number;
}

export interface BootedNode {
  url: string;
  core: Core;
  http: HttpServer;
  close(): Promise<void>;
}

export const testSessionSecret = 'test-session-secret-0123456789';

export async function boot(options: BootOptions = {}): Promise<BootedNode> {
  const store = options.store ?? (process.env.TEST_STORE as 'sqlite') ?? 'memory';
  const ownDir = store === 'sqlite' && !options.env?.DATA_DIR ? mkdtempSync(join(tmpdir(), 'pass-node-')) : null;
  const removeOwnDir = () => ownDir && rmSync(ownDir, { recursive: true, force: true });
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'no',
    SESSION_SECRET: testSessionSecret,
    TICKET_SIGNING_SECRET: 'test-ticket-secret-0123456789',
    STORE: store,
    ...(ownDir ? { DATA_DIR: ownDir } : {}),
    ...options.env,
  });
  const core = await bootCore(config, options.overrides).catch((err) => {
    removeOwnDir();
    throw err;
  });
  try {
    const http = await startHttpServer(core, { uiDir: options.uiDir, drainMs: options.drainMs });
    return { url: http.url, core, http, close: () => http.stop().finally(removeOwnDir) };
  } catch (err) {
    await core.close();
    removeOwnDir();
    throw err;
  }
}

/** Signs in through the API; returns the Cookie header value to send with later requests. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0];
}

/** A collective with its admin, for tests that need a tenant. */
export async function collectiveWithAdmin(core: Core, name: string): Promise<{ collectiveId: string; slug: string; email: string; password: string }> {
  const collective = await core.collectives.create({ name });
  const email = `admin@${collective.slug}.test`;
  const password = `pw-${collective.slug}-secret`;
  await core.accounts.create({ role: 'collective-admin', collectiveId: collective._id, email, password });
  return { collectiveId: collective._id, slug: collective.slug, email, password };
}
