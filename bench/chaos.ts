// `npm run chaos`: money under faults. 3 app nodes (Redis, one shared store server), 10,000
// payments from 100 terminals with outboxes, while nodes are killed -9 and restarted, Redis
// restarts once, connections drop and commands are duplicated and delayed. Then it checks that
// no accepted payment is lost or applied twice, balances and money add up, outboxes emptied and
// duplicate acks agree; prints a summary and exits 1 on any violation.
// Options: --payments 10000 --terminals 100 --nodes 3 --kill-every-ms 4000 --seed 1
//          --max-kills N --redis-restarts 1 --timeout-ms 600000 --json <file>
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { killChildrenOnExit } from './chaos-cluster.js';
import { formatChaosReport } from './chaos-report.js';
import { runChaos } from './chaos-run.js';

const { values: args } = parseArgs({
  options: {
    payments: { type: 'string', default: '10000' },
    terminals: { type: 'string', default: '100' },
    nodes: { type: 'string', default: '3' },
    'kill-every-ms': { type: 'string', default: '4000' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    'max-kills': { type: 'string' },
    'redis-restarts': { type: 'string', default: '1' },
    'timeout-ms': { type: 'string', default: '600000' },
    json: { type: 'string' },
  },
});

killChildrenOnExit();
const options = {
  payments: Number(args.payments),
  terminals: Number(args.terminals),
  nodes: Number(args.nodes),
  killEveryMs: Number(args['kill-every-ms']),
  seed: Number(args.seed),
  maxKills: args['max-kills'] === undefined ? undefined : Number(args['max-kills']),
  redisRestarts: Number(args['redis-restarts']),
  timeoutMs: Number(args['timeout-ms']),
  log: (line: string) => console.log(`[chaos] ${line}`),
};
for (const [name, value] of Object.entries(options)) {
  if (typeof value === 'number' && !(Number.isSafeInteger(value) && value >= 0)) {
    console.error(`--${name}: a whole number is expected`);
    process.exit(2);
  }
}
if (options.nodes < 2 || options.terminals < 1 || options.payments < 1) {
  console.error('needs --nodes 2 or more, --terminals and --payments 1 or more');
  process.exit(2);
}

options.log(`seed ${options.seed} (repeat a run with --seed ${options.seed})`);
const report = await runChaos(options);
console.log(formatChaosReport(report));
if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
process.exit(report.ok ? 0 : 1);
