// The summary table of a chaos run (npm run chaos, test/chaos.test.ts on failure).
import type { ChaosReport } from './chaos-run.js';

export function formatChaosReport(r: ChaosReport): string {
  const rows: Array<[string, string]> = [
    ['payments sent / accepted / refused', `${r.payments.sent} / ${r.payments.accepted} / ${r.payments.refused}`],
    ['top-ups sent / accepted', `${r.topups.sent} / ${r.topups.accepted}`],
    ['terminal partitions / offline sales accepted', `${r.offline.partitions} / ${r.offline.accepted}`],
    ['offline sales refused by the terminal', JSON.stringify(r.offline.refusedLocally)],
    ['offline shortfalls (debts booked) / repaid by top-ups', `${r.offline.shortfalls} (${r.offline.shortfallTotal} cents) / ${r.offline.repaid} cents`],
    ['payments/s under faults', String(r.paymentsPerSec)],
    ['node kills (-9) / redis restarts', `${r.kills} / ${r.redisRestarts}`],
    ['resends / duplicates / sends unanswered', `${r.stats.resends} / ${r.stats.duplicates} / ${r.stats.unanswered}`],
    ['connection drops / reconnects', `${r.stats.drops} / ${r.stats.reconnects}`],
    ['transient failures (resent)', JSON.stringify(r.stats.transient)],
    ['max outbox age', `${r.maxOutboxAgeMs} ms`],
    ['elapsed', `${(r.elapsedMs / 1000).toFixed(1)} s`],
    ...r.invariants.map((i): [string, string] => [`${i.ok ? 'ok  ' : 'FAIL'} ${i.name}`, i.detail]),
  ];
  if (r.error) rows.push(['FAIL run', r.error]);
  rows.push(['result', r.ok ? 'ALL INVARIANTS HOLD' : 'VIOLATIONS']);
  const width = Math.max(...rows.map(([k]) => k.length));
  return '\n' + rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}
