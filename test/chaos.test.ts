// `npm run chaos`, short: 3 real app nodes (child processes: Redis, the shared store server),
// 1,000 payments from 20 Socket.IO terminals with outboxes while one node is killed -9 and
// restarted, Redis restarts once, connections drop and commands are duplicated and delayed, and
// terminals are cut off now and then: they sell offline, then sync (shortfalls become debts).
// Every money invariant must hold afterwards (bench/chaos-checks.ts lists them).
import { expect, it } from 'vitest';
import { formatChaosReport } from '../bench/chaos-report.js';
import { runChaos } from '../bench/chaos-run.js';
import { describeRedis } from './support/redis.js';
import { hasRedisServer } from './support/redis-server.js';

describeRedis('chaos: money under node kills, a Redis restart, drops and duplicates', () => {
  it.skipIf(!hasRedisServer)('1,000 payments through 3 nodes, 1 kill -9, 1 Redis restart: nothing lost, nothing twice, money conserved, outboxes empty', async () => {
    const report = await runChaos({ payments: 1_000, terminals: 20, nodes: 3, killEveryMs: 1_500, maxKills: 1, redisRestarts: 1, seed: 7, timeoutMs: 55_000 });
    if (!report.ok) console.log(formatChaosReport(report));
    expect(report.error).toBeUndefined();
    expect(report.invariants.filter((i) => !i.ok)).toEqual([]);
    expect(report.invariants.length).toBeGreaterThan(10);
    expect({ kills: report.kills, redisRestarts: report.redisRestarts, payments: report.payments.sent }).toEqual({ kills: 1, redisRestarts: 1, payments: 1_000 });
    expect(report.payments.accepted).toBeGreaterThan(500);
    // The faults really happened to commands in flight: some were resent, some duplicated.
    expect(report.stats.resends).toBeGreaterThan(0);
    expect(report.stats.duplicates).toBeGreaterThan(0);
    // Terminals were cut off and sold alone; their journals synced (the invariants cover the debts).
    expect(report.offline.partitions).toBeGreaterThan(3);
    expect(report.offline.accepted).toBeGreaterThan(0);
  }, 60_000);
});
