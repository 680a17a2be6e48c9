import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnTs } from '../../test/support/processes.js';

function script(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'guard-')), 'main.mts');
  const here = (name: string) => JSON.stringify(new URL(name, import.meta.url).pathname);
  writeFileSync(file, `import { guardProcess } from ${here('./entry.ts')};\nimport { InvariantError } from ${here('../shared/errors.ts')};\nvoid InvariantError;\nguardProcess();\n${body}\n`);
  return file;
}

describe('process guard', () => {
  it('a stray rejection is logged and the node keeps running', async () => {
    const child = await spawnTs(script(`Promise.reject(new Error('stray'));\nsetTimeout(() => { console.log('STILL ALIVE'); process.exit(0); }, 200);`), { LOG_LEVEL: 'error' }, /(STILL ALIVE)/);
    expect(child.match).toBe('STILL ALIVE');
    expect(child.output()).toContain('unhandled rejection');
  });

  it('a broken invariant stops the process', async () => {
    const child = await spawnTs(script(`console.log('STARTED');\nPromise.reject(new InvariantError('ledger does not sum to zero'));\nsetTimeout(() => console.log('SHOULD NOT PRINT'), 2000);`), { LOG_LEVEL: 'error' }, /(STARTED)/);
    const code = await new Promise<number | null>((resolve) => (child.process.exitCode !== null ? resolve(child.process.exitCode) : child.process.once('exit', resolve)));
    expect(code).toBe(70);
    expect(child.output()).not.toContain('SHOULD NOT PRINT');
  });
});
