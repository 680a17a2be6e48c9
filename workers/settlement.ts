// The periodic `settlement` job: for every village, the statement of the last full UTC day
// (or of the day the job names). Idempotent per (village, period): rerunning it, hourly or
// after a crash, returns the statements already written.
import type { Clock } from '../core/clock/port.js';
import type { JobInfo, Jobs, Processor } from '../core/jobs/port.js';
import { dailyPeriod, previousDayKey } from '../core/settlement/periods.js';
import type { SettlementService, SettlementStatement } from '../core/settlement/service.js';
import { logger } from '../core/shared/logger.js';

export const settlementQueue = 'settlement';

export interface SettlementJobData {
  /** YYYY-MM-DD (UTC); the previous full day when absent. */
  periodKey?: string;
  /** Only this village; all villages when absent. */
  villageId?: string;
}

export interface VillageMembers {
  id: string;
  collectiveIds: string[];
}

export interface SettlementWorkerDeps {
  settlement: SettlementService;
  clock: Clock;
  /** The villages and their member collectives now (from the collectives service). */
  villages(): Promise<VillageMembers[]>;
}

export function settlementProcessor(deps: SettlementWorkerDeps): Processor<SettlementJobData> {
  return (job: JobInfo<SettlementJobData>) => settleVillages(deps, job.data ?? {});
}

export async function settleVillages(deps: SettlementWorkerDeps, data: SettlementJobData = {}): Promise<Array<Pick<SettlementStatement, '_id' | 'hash'>>> {
  const period = dailyPeriod(data.periodKey ?? previousDayKey(deps.clock.now()));
  const villages = (await deps.villages()).filter((v) => !data.villageId || v.id === data.villageId);
  const done: Array<Pick<SettlementStatement, '_id' | 'hash'>> = [];
  for (const village of villages) {
    if (village.collectiveIds.length < 2) continue; // nobody to owe
    const statement = await deps.settlement.settle({ villageId: village.id, collectiveIds: village.collectiveIds, period });
    done.push({ _id: statement._id, hash: statement.hash });
  }
  logger.info({ period: period.key, statements: done.length }, 'village settlement');
  return done;
}

/** Declares the periodic run (hourly: the day's statement appears soon after midnight UTC, once). */
export function scheduleSettlement(jobs: Jobs, everyMs = 3_600_000): Promise<void> {
  return jobs.repeat<SettlementJobData>(settlementQueue, 'daily', {}, { everyMs, key: 'settlement-daily' });
}
