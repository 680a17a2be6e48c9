// Launches the embedded MongoDB-wire server (jongodb, in memory) for the demo and for tests.
// It must never outlive the Node process that started it, however that process ends:
// - stop(), or a normal exit / uncaught crash ('exit' handler): the server is killed at once;
// - SIGINT, SIGTERM or kill -9 of the parent, which run no handler at all: a watchdog shell
//   between Node and the server sees that it was re-parented (its parent died) and kills the
//   server within a fraction of a second.
// The shell is in its own process group, so a terminal's Ctrl-C reaches only the app, which
// can shut down gracefully while the store still answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { logger as defaultLogger } from '../shared/logger.js';

export interface JongodbServer {
  /** mongodb://127.0.0.1:<port>/test as printed by the server. */
  uri: string;
  /** Process id of the jongodb server itself (not of its watchdog). */
  pid: number;
  /** Kills the server and waits for it; safe to call twice. */
  stop(): Promise<void>;
}

type JongodbLogger = Pick<typeof defaultLogger, 'debug' | 'warn'>;

export interface StartJongodbOptions {
  logger?: JongodbLogger;
  startTimeoutMs?: number;
}

const binPackage = '@jongodb/memory-server-bin-linux-x64-gnu';
const defaultStartTimeoutMs = 15_000;
const stopTimeoutMs = 5_000;

// $1: the jongodb binary. Polls /proc for its own parent: once Node is gone (whatever the
// signal) the shell is re-parented and kills the server. `wait` reaps it, so no zombie is left.
const watchdogScript = `
"$1" --port=0 --host=127.0.0.1 </dev/null &
server=$!
echo "JONGODB_PID=$server"
trap 'kill -KILL $server 2>/dev/null; wait $server; exit 0' TERM INT HUP
while kill -0 $server 2>/dev/null; do
  read -r _ _ _ ppid _ </proc/$$/stat
  [ "$ppid" = "$PPID" ] || break
  sleep 0.2
done
kill -KILL $server 2>/dev/null
wait $server
`;

/** Servers still running in this process: killed synchronously when the process exits. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function startJongodb(options: StartJongodbOptions = {}): Promise<JongodbServer> {
  const log = options.logger ?? defaultLogger;
  const watchdog = spawn('/bin/sh', ['-c', watchdogScript, 'jongodb-watchdog', jongodbBinary()], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(watchdog);
  let output = '';
  watchdog.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    log.debug({ jongodb: chunk.trim() }, 'jongodb stderr');
  });
  try {
    const { uri, pid } = await readyLine(watchdog, options.startTimeoutMs ?? defaultStartTimeoutMs, () => output);
    watchdog.once('exit', (code, signal) => {
      if (running.has(watchdog)) log.warn({ code, signal, uri }, 'embedded jongodb server exited on its own');
      running.delete(watchdog);
    });
    // The server must not keep the process alive: the exit hook and the watchdog end it.
    watchdog.unref();
    (watchdog.stdout as unknown as { unref(): void }).unref();
    (watchdog.stderr as unknown as { unref(): void }).unref();
    let stopped: Promise<void> | undefined;
    return { uri, pid, stop: () => (stopped ??= stopWatchdog(watchdog)) };
  } catch (err) {
    await stopWatchdog(watchdog);
    throw err;
  }
}

function jongodbBinary(): string {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve(`${binPackage}/package.json`);
  } catch {
    throw new Error(`the embedded store needs the npm package ${binPackage} (Linux x64, glibc); set MONGO_URL or STORE=memory instead`);
  }
  const bin = join(dirname(packageJson), 'bin', 'jongodb');
  if (!existsSync(bin)) throw new Error(`jongodb binary missing at ${bin}`);
  return bin;
}

/** Resolves with the server's URI and pid once it printed them; bounded in time. */
function readyLine(watchdog: ChildProcess, timeoutMs: number, stderr: () => string): Promise<{ uri: string; pid: number }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`jongodb did not start: ${why}\n${stdout}${stderr()}`.trim()));
    };
    const timer = setTimeout(() => fail(`no JONGODB_URI line within ${timeoutMs} ms`), timeoutMs);
    watchdog.once('error', (err) => fail(err.message));
    watchdog.once('exit', (code, signal) => fail(`exited with ${signal ?? code}`));
    watchdog.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const uri = /^JONGODB_URI=(\S+)$/m.exec(stdout)?.[1];
      const pid = /^JONGODB_PID=(\d+)$/m.exec(stdout)?.[1];
      if (uri && pid) {
        clearTimeout(timer);
        resolve({ uri, pid: Number(pid) });
      }
    });
  });
}

async function stopWatchdog(watchdog: ChildProcess): Promise<void> {
  running.delete(watchdog);
  if (watchdog.exitCode !== null || watchdog.signalCode !== null) return killGroup(watchdog);
  const exited = new Promise<void>((resolve) => watchdog.once('exit', () => resolve()));
  // TERM lets the shell kill and reap the server; KILL on the whole group if it does not.
  watchdog.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), stopTimeoutMs)));
  if ((await Promise.race([exited, late])) === 'late') {
    killGroup(watchdog);
    await exited;
  }
  clearTimeout(timer);
}

function killGroup(watchdog: ChildProcess): void {
  try {
    process.kill(-watchdog.pid!, 'SIGKILL');
  } catch {
    // group already gone
  }
}

function track(watchdog: ChildProcess): void {
  running.add(watchdog);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' runs on a normal exit and after an uncaught exception; only synchronous work counts.
  process.on('exit', () => {
    for (const child of running) killGroup(child);
    running.clear();
  });
}
