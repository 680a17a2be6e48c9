import { describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { ClosureService } from '../core/closures/index.js';
import { createMemoryStore } from '../core/store/memory.js';
import { moneyNode } from '../test/support/money.js';
import { closeEndedPeriods } from './period-closing.js';

describe('closures by the nightly job', () => {
  it('closes the month and the fiscal year that ended, once, however often it runs', async () => {
    const clock = new FakeClock(Date.parse('2026-07-10T10:00:00Z'));
    const node = await moneyNode(createMemoryStore(), { clock, groupCommitMs: 1 });
    try {
      const closures = new ClosureService(node.store, node.pos, clock, async () => ({ name: 'G', timezone: 'Europe/Paris', fiscalYearStartMonth: 7 }));
      await closures.start();
      const deps = { closures, clock, collectives: async () => [{ id: 'c1', timezone: 'Europe/Paris', fiscalYearStartMonth: 7 }] };
      clock.set(Date.parse('2026-07-01T00:30:00Z')); // 02:30 on 1 July in Paris: June and the fiscal year 2025-07..2026-06 are over
      const runs = await Promise.all([closeEndedPeriods(deps), closeEndedPeriods(deps)]);
      expect(runs.flat().sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([{ collectiveId: 'c1', kind: 'month', period: '2026-06' }, { collectiveId: 'c1', kind: 'year', period: '2025' }]);
      expect(await closeEndedPeriods(deps)).toEqual([]);
      expect((await closures.list('c1')).map((c) => `${c.kind} ${c.period} n°${c.number}`)).toEqual(['month 2026-06 n°1', 'year 2025 n°1']);
      const [, year] = await closures.list('c1');
      expect(new Date(year.from).toISOString()).toBe('2025-06-30T22:00:00.000Z'); // 1 July 2025, local midnight
    } finally {
      await node.stop();
    }
  });
});
