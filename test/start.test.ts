// `npm start`'s entry as a user runs it: a child process with no configuration at all.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { bareEnv, runEntry, type EntryProcess } from './support/entry-process.js';

// PORT=0 because other suites may hold port 3000 on this shared machine.
const noConfig = { ...bareEnv, PORT: '0' };

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

  it('with no environment, prints every URL and demo login within 20 s, answers, and leaves no jongodb after SIGINT', async () => {
    const t0 = Date.now();
    started = runEntry('gateways/main.ts', noConfig);
    const [, base] = (await started.waitFor(/Pass is running at (http:\/\/[^\s/]+)\//, 20_000))!;
    expect(Date.now() - t0).toBeLessThan(20_000);
    await started.waitFor(/WARNING: embedded mode/, 1_000);
    const out = started.output();
    for (const path of ['/admin/', '/laboutik/', '/display/', '/dashboard/', '/la-fourmiliere/', '/le-chapiteau/', '/radio-piaf/', '/readyz']) expect(out).toContain(`${base}${path}`);
    expect(out).toMatch(/IN MEMORY ONLY/);
    const logins = [...out.matchAll(/^\s+(\S+@\S+\.demo)\s+(demo-\S+)\s/gm)].map((m) => ({ email: m[1], password: m[2] }));
    expect(logins.map((l) => l.email).sort()).toEqual(['admin@la-fourmiliere.demo', 'admin@le-chapiteau.demo', 'admin@radio-piaf.demo', 'operator@pass.demo']);

    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const collectives = await (await fetch(`${base}/api/collectives`)).json();
    expect(collectives.collectives.map((c: { name: string }) => c.name).sort()).toEqual(['La Fourmilière', 'Le Chapiteau', 'Radio Piaf']);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(logins[0]) });
    expect(login.status).toBe(200); // the printed password is the real one

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
