// `npm run start:cluster`: the distributed shape on one machine, against real MongoDB and
// Redis: two app nodes (ports 3001, 3002) and one worker (probes on 3003), as child processes.
// Signals are forwarded; if one child dies the others are stopped and the launcher exits 1.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { configOrExit } from '../core/runtime/entry.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const children: Array<{ name: string; child: ChildProcess }> = [];

function main(): void {
  // --base-port N: app nodes on N and N+1, worker probes on N+2 (default 3001).
  const { values } = parseArgs({ options: { 'base-port': { type: 'string', default: '3001' } } });
  const basePort = Number(values['base-port']);
  const config = configOrExit();
  if (!config.MONGO_URL || !config.REDIS_URL) {
    process.stderr.write('start:cluster needs MONGO_URL and REDIS_URL (e.g. MONGO_URL=mongodb://127.0.0.1:27017/pass?replicaSet=rs0 REDIS_URL=redis://127.0.0.1:6379); `npm start` runs embedded without them\n');
    process.exit(1);
  }
  // Every node must sign session cookies and ticket codes alike: share secrets when none is configured.
  const sessionSecret = config.SESSION_SECRET ?? randomBytes(32).toString('base64url');
  const ticketSecret = config.TICKET_SIGNING_SECRET ?? randomBytes(32).toString('base64url');
  const shared = { ...process.env, SESSION_SECRET: sessionSecret, TICKET_SIGNING_SECRET: ticketSecret };
  // Only the first node may seed: two seeding at once would race on the same slugs.
  start('app1', 'gateways/main.ts', { ...shared, ROLE: 'app', PORT: String(basePort), NODE_ID: 'app1' });
  start('app2', 'gateways/main.ts', { ...shared, ROLE: 'app', PORT: String(basePort + 1), NODE_ID: 'app2', SEED_DEMO: 'no' });
  start('worker', 'workers/main.ts', { ...shared, ROLE: 'worker', PORT: String(basePort + 2), NODE_ID: 'worker1', SEED_DEMO: 'no' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(signal));
  // Detached children outlive a launcher that dies: take them down with it.
  process.on('exit', () => stopAll('SIGTERM'));
}

let exitCode = 0;
let stopping = false;

function start(name: string, entry: string, env: NodeJS.ProcessEnv): void {
  // Own process group: a Ctrl-C reaches the children once, through stopAll, not twice.
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', entry], { cwd: root, env, stdio: 'inherit', detached: true });
  children.push({ name, child });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`cluster: ${name} exited (${signal ?? `code ${code}`}); stopping the others\n`);
      exitCode = 1;
      stopAll('SIGTERM');
    }
    if (children.every((c) => c.child.exitCode !== null || c.child.signalCode !== null)) process.exit(exitCode);
  });
}

function stopAll(signal: NodeJS.Signals): void {
  stopping = true;
  for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

main();
