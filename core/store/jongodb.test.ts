import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnTs } from '../../test/support/processes.js';
import { startJongodb } from './jongodb.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs = 5_000) {
  const until = Date.now() + withinMs;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

describe('embedded jongodb server', () => {
  it('starts on a free port and stops with no process left', async () => {
    const server = await startJongodb();
    expect(server.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+/);
    expect(alive(server.pid)).toBe(true);
    await server.stop();
    expect(await gone(server.pid)).toBe(true);
  });

  for (const signal of ['SIGKILL', 'SIGTERM', 'SIGINT'] as const) {
    it(`leaves no orphan when its parent dies by ${signal}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'jongodb-'));
      const script = join(dir, 'parent.mts');
      writeFileSync(script, `import { startJongodb } from ${JSON.stringify(new URL('./jongodb.ts', import.meta.url).pathname)};\nconst s = await startJongodb();\nprocess.on('SIGTERM', () => s.stop().then(() => process.exit(0)));\nprocess.on('SIGINT', () => s.stop().then(() => process.exit(0)));\nconsole.log('PID=' + s.pid);\nsetInterval(() => {}, 1000);\n`);
      const parent = await spawnTs(script, {}, /PID=(\d+)/);
      const pid = Number(parent.match);
      expect(alive(pid)).toBe(true);
      await parent.kill(signal);
      expect(await gone(pid)).toBe(true);
    });
  }

  it('the binary comes from the npm package, not a download', () => {
    expect(execFileSync('ls', [join(process.cwd(), 'node_modules/@jongodb/memory-server-bin-linux-x64-gnu/bin/jongodb')]).toString()).toContain('jongodb');
  });
});
