// Runs a process entry (gateways/main.ts, gateways/cluster.ts...) as a user would, with only
// the environment given (nothing inherited: CI's REDIS_URL must not leak into a "no env" run).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const root = fileURLToPath(new URL('../..', import.meta.url));

/** What every shell has; add the variables the run is about. */
export const bareEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };

export interface EntryProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  exited: Promise<number | null>;
  /** Resolves once the output satisfies `test`; rejects if the process exits or time runs out. */
  waitFor(test: RegExp | ((out: string) => boolean), timeoutMs?: number): Promise<RegExpExecArray | null>;
  /** SIGKILL if still running (test clean-up). */
  kill(): Promise<void>;
}

export function runEntry(entry: string, env: Record<string, string>, args: string[] = []): EntryProcess {
  const child = spawn(process.execPath, [tsxCli, entry, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => out,
    exited,
    async waitFor(test, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (test instanceof RegExp) {
          const match = test.exec(out);
          if (match) return match;
        } else if (test(out)) return null;
        if (!running()) throw new Error(`${entry} exited with ${child.exitCode}:\n${out}`);
        if (Date.now() > deadline) throw new Error(`${entry}: not seen within ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
  };
}
