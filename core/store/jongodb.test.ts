import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startJongodb } from './jongodb.js';

const jongodbModule = new URL('./jongodb.ts', import.meta.url).href;

/** Alive and not a zombie: a killed process whose parent has not reaped it yet counts as gone. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) if (!running(pid)) return true;
  return !running(pid);
}

function accepts(uri: string): Promise<boolean> {
  const { hostname, port } = new URL(uri);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    socket.once('connect', () => socket.destroy());
  });
}

/**
 * A Node process (no tsx CLI in between: it is the server's direct owner) that starts a server,
 * prints its pid, then does `then`. It installs no signal handler: only the watchdog can clean up.
 */
async function parentWithServer(then: 'wait' | 'exit' | 'crash'): Promise<{ parent: ReturnType<typeof spawn>; serverPid: number; uri: string }> {
  const script = `
    const { startJongodb } = await import(${JSON.stringify(jongodbModule)});
    const server = await startJongodb();
    console.log('SERVER ' + server.pid + ' ' + server.uri);
    const then = ${JSON.stringify(then)};
    if (then === 'exit') process.exit(0);
    if (then === 'crash') setTimeout(() => { throw new Error('crash on purpose'); }, 20);
    setInterval(() => {}, 60_000);
  `;
  const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent' } });
  let out = '';
  parent.stderr!.on('data', (d) => (out += d));
  const [, pid, uri] = await new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parent not ready:\n${out}`)), 20_000);
    parent.stdout!.on('data', (d) => {
      out += d;
      const m = /SERVER (\d+) (\S+)/.exec(out);
      if (m) resolve([...m]);
      if (m) clearTimeout(timer);
    });
    parent.once('exit', (code) => reject(new Error(`parent exited with ${code} before the server started:\n${out}`)));
  });
  return { parent, serverPid: Number(pid), uri };
}

describe('embedded jongodb server', () => {
  it('starts on a free port, answers, and stop() leaves no process behind (twice is fine)', async () => {
    const [a, b] = await Promise.all([startJongodb(), startJongodb()]);
    expect(a.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\//);
    expect(a.uri).not.toBe(b.uri);
    expect(running(a.pid)).toBe(true);
    expect(await accepts(a.uri)).toBe(true);
    await a.stop();
    await a.stop();
    expect(running(a.pid)).toBe(false);
    expect(await accepts(a.uri)).toBe(false);
    expect(running(b.pid)).toBe(true); // stopping one server leaves the others alone
    await b.stop();
    expect(running(b.pid)).toBe(false);
  });

  for (const signal of ['SIGKILL', 'SIGTERM', 'SIGINT'] as const) {
    it(`kills the server within a second when its parent dies by ${signal}`, async () => {
      const { parent, serverPid, uri } = await parentWithServer('wait');
      expect(running(serverPid)).toBe(true);
      expect(await accepts(uri)).toBe(true);
      parent.kill(signal);
      expect(await goneWithin(serverPid, 1_500)).toBe(true);
    });
  }

  for (const end of ['exit', 'crash'] as const) {
    it(`kills the server when its parent ends by ${end === 'exit' ? 'process.exit()' : 'an uncaught exception'}`, async () => {
      const { parent, serverPid } = await parentWithServer(end);
      await new Promise((resolve) => (parent.exitCode !== null ? resolve(null) : parent.once('exit', resolve)));
      expect(await goneWithin(serverPid, 1_500)).toBe(true);
    });
  }
});
