// `npm start`'s entry as a user runs it: a child process with no configuration at all.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bareEnv, runEntry, type EntryProcess } from './support/entry-process.js';

// PORT=0 because other suites may hold port 3000 on this shared machine.
const noConfig = { ...bareEnv, PORT: '0' };

type Login = { email: string; password: string };

/** The demo logins of the banner: `  admin@x.demo   demo-xxxx   admin of X`. */
function printedLogins(out: string): Login[] {
  return [...out.matchAll(/^\s+(\S+@\S+\.demo)\s+(demo-\S+)\s/gm)].map((m) => ({ email: m[1], password: m[2] }));
}

async function signIn(base: string, login: Login): Promise<Response> {
  return fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) });
}

async function collectiveNames(base: string): Promise<string[]> {
  const body = await (await fetch(`${base}/api/collectives`)).json();
  return body.collectives.map((c: { name: string }) => c.name).sort();
}

/** Whether `pid` is a live jongodb process (pids are not reused within a test's seconds). */
function isJongodb(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('jongodb');
  } catch {
    return false; // no such process
  }
}

describe('npm start entry (gateways/main.ts)', () => {
  let started: EntryProcess | undefined;
  afterEach(async () => {
    await started?.kill();
    started = undefined;
  });

  it('with no environment but DATA_DIR, prints every URL and demo login, keeps the data on disk, and a second start finds it without seeding again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pass-start-'));
    try {
      const t0 = Date.now();
      started = runEntry('gateways/main.ts', { ...noConfig, DATA_DIR: dataDir });
      const [, base] = (await started.waitFor(/Pass is running at (http:\/\/[^\s/]+)\//, 20_000))!;
      expect(Date.now() - t0).toBeLessThan(20_000);
      await started.waitFor(/Data: .*pass\.sqlite/, 1_000);
      const out = started.output();
      for (const path of ['/admin/', '/laboutik/', '/display/', '/dashboard/', '/la-fourmiliere/', '/le-chapiteau/', '/radio-piaf/', '/readyz']) expect(out).toContain(`${base}${path}`);
      expect(out).toContain(`Data: ${join(dataDir, 'pass.sqlite')}`);
      expect(out).toMatch(/printed this once/);
      expect(out).not.toMatch(/IN MEMORY ONLY/);
      const logins = printedLogins(out);
      expect(logins.map((l) => l.email).sort()).toEqual(['admin@la-fourmiliere.demo', 'admin@le-chapiteau.demo', 'admin@radio-piaf.demo', 'operator@pass.demo']);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect(await collectiveNames(base)).toEqual(['La Fourmilière', 'Le Chapiteau', 'Radio Piaf']);
      const signedIn = await signIn(base, logins[0]);
      expect(signedIn.status).toBe(200); // the printed password is the real one
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
      started.child.kill('SIGINT');
      expect(await started.exited).toBe(0);

      started = runEntry('gateways/main.ts', { ...noConfig, DATA_DIR: dataDir });
      const [, again] = (await started.waitFor(/Pass is running at (http:\/\/[^\s/]+)\//, 20_000))!;
      const second = started.output();
      expect(printedLogins(second)).toEqual([]); // no password is printed twice: the file keeps hashes only
      expect(second).toMatch(/no demo was seeded/);
      expect(await collectiveNames(again)).toEqual(['La Fourmilière', 'Le Chapiteau', 'Radio Piaf']); // not seeded twice
      expect((await signIn(again, logins[0])).status).toBe(200);
      expect((await signIn(again, { ...logins[0], password: 'demo-wrong-password' })).status).toBe(401);
      // The session signed before the restart still holds: its secret is kept in the data file.
      expect((await fetch(`${again}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await started?.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses to start on data another running Pass holds, with one line, leaving that one serving', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pass-start-'));
    const first = runEntry('gateways/main.ts', { ...noConfig, DATA_DIR: dataDir, SEED_DEMO: 'no' });
    try {
      const [, base] = (await first.waitFor(/Pass is running at (http:\/\/[^\s/]+)\//, 20_000))!;
      started = runEntry('gateways/main.ts', { ...noConfig, DATA_DIR: dataDir, SEED_DEMO: 'no' });
      expect(await started.exited).toBe(1);
      expect(started.output().trim()).toMatch(/^data file \S+pass\.sqlite is in use by another running Pass .+$/);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    } finally {
      await first.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses, in one line and without touching it, a data file written by a newer Pass', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pass-start-'));
    try {
      const file = join(dataDir, 'pass.sqlite');
      const db = new Database(file);
      db.exec('CREATE TABLE _collections (name TEXT)');
      db.pragma('application_id = 1346458451'); // "PASS"
      db.pragma('user_version = 99');
      db.close();
      const before = readFileSync(file);
      started = runEntry('gateways/main.ts', { ...noConfig, DATA_DIR: dataDir });
      expect(await started.exited).toBe(1);
      expect(started.output().trim()).toMatch(/^data file \S+ was written by a newer Pass \(data schema 99, this version reads up to \d+\): .+$/);
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('with STORE=mongo and no MONGO_URL, runs the embedded jongodb, says data lives in memory only, and leaves no jongodb after SIGINT', async () => {
    started = runEntry('gateways/main.ts', { ...noConfig, STORE: 'mongo' });
    const [, base] = (await started.waitFor(/Pass is running at (http:\/\/[^\s/]+)\//, 20_000))!;
    await started.waitFor(/IN MEMORY ONLY/, 1_000);
    const out = started.output();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(printedLogins(out)).toHaveLength(4);
    const [, uri, pid] = /"uri":"(mongodb:\/\/[^"]+)","pid":(\d+)/.exec(out) ?? [];
    expect(isJongodb(Number(pid))).toBe(true);
    started.child.kill('SIGINT');
    expect(await started.exited).toBe(0);
    expect(isJongodb(Number(pid))).toBe(false);
    const { port } = new URL(uri);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow(); // nothing listens there any more
  });

  it('stops at once with one line naming a wrong variable', async () => {
    started = runEntry('gateways/main.ts', { ...noConfig, PORT: 'eighty' });
    expect(await started.exited).toBe(1);
    expect(started.output().trim()).toMatch(/^invalid environment variable PORT: .+$/);
  });
});
