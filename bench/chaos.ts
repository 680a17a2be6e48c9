// `npm run chaos`: money under faults. 3 app nodes (Redis, one shared store server), 10,000
// payments from 100 terminals with outboxes, while nodes are killed -9 and restarted, Redis
// restarts once, connections drop and commands are duplicated and delayed. Then it checks that
// no accepted payment is lost or applied twice, balances and money add up, outboxes emptied and
// duplicate acks agree; prints a summary and exits 1 on any violation.
// Options: --payments 10000 --terminals 100 --nodes 3 --kill-every-ms 4000 --seed 1
//          --max-kills N --redis-restarts 1 --timeout-ms 600000 --json <file>
//          --cards 200 --pos 3 --duplicate-rate 0.05 --drop-every-ms 500 --ack-timeout-ms 3000
//          --lease-ttl-ms 1500 --partition-every-ms 1000 --partition-ms 1500 (terminal partitions:
//          a terminal cut off sells offline and syncs after; 0 turns them off)
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
    cards: { type: 'string' },
    pos: { type: 'string', default: '3' },
    'duplicate-rate': { type: 'string', default: '0.05' },
    'drop-every-ms': { type: 'string', default: '500' },
    'ack-timeout-ms': { type: 'string', default: '3000' },
    'lease-ttl-ms': { type: 'string', default: '1500' },
    'partition-every-ms': { type: 'string', default: '1000' },
    'partition-ms': { type: 'string', default: '1500' },
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
  cards: args.cards === undefined ? undefined : Number(args.cards),
  pointsOfSale: Number(args.pos),
  dropEveryMs: Number(args['drop-every-ms']),
  ackTimeoutMs: Number(args['ack-timeout-ms']),
  leaseTtlMs: Number(args['lease-ttl-ms']),
  partitionEveryMs: Number(args['partition-every-ms']),
  partitionMs: Number(args['partition-ms']),
  timeoutMs: Number(args['timeout-ms']),
  log: (line: string) => console.log(`[chaos] ${line}`),
};
const duplicateRate = Number(args['duplicate-rate']);
if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
  console.error('--duplicate-rate: a share between 0 and 1 is expected');
  process.exit(2);
}
for (const [name, value] of Object.entries(options)) {
  if (typeof value === 'number' && !(Number.isSafeInteger(value) && value >= 0)) {
    console.error(`--${name}: a whole number is expected`);
    process.exit(2);
  }
}
if (options.nodes < 2 || options.terminals < 1 || options.payments < 1 || (options.cards ?? 4) < 4 || options.leaseTtlMs < 200) {
  console.error('needs --nodes 2 or more, --terminals and --payments 1 or more, --cards 4 or more, --lease-ttl-ms 200 or more');
  process.exit(2);
}

options.log(`seed ${options.seed} (repeat a run with --seed ${options.seed})`);
const report = await runChaos({ ...options, duplicateRate });
console.log(formatChaosReport(report));
if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
process.exit(report.ok ? 0 : 1);
