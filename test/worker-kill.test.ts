// A job worker killed in the middle of a job: BullMQ hands the stalled job to the next worker,
// which completes it; the money it moves moves once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBullJobs } from '../core/jobs/bullmq.js';
import { loadConfig } from '../core/config/config.js';
import { bootCore, type Core } from '../core/runtime/boot.js';
import { startJongodb, type JongodbServer } from '../core/store/jongodb.js';
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from './support/redis.js';
import { spawnTs, type Child } from './support/processes.js';

describeRedis('a worker killed mid-job', () => {
  const prefix = uniquePrefix();
  let mongo: JongodbServer;
  let core: Core;
  const children: Child[] = [];
  const env = () => ({
    MONGO_URL: mongo.uri.replace(/\/[^/?]*(\?.*)?$/, '/workerkill$1'),
    REDIS_URL: redisUrl!,
    REDIS_PREFIX: prefix,
    SESSION_SECRET: 'worker-kill-session-secret',
    TICKET_SIGNING_SECRET: 'worker-kill-ticket-secret',
    JOBS_LOCK_MS: '1000',
    SEED_DEMO: 'no',
  });

  beforeAll(async () => {
    mongo = await startJongodb();
    core = await bootCore(loadConfig({ ...env(), ROLE: 'app', LOG_LEVEL: 'silent' }));
    await core.currencies.defineCollectiveCurrencies('c1', 'Sou', 'C1');
    await core.pass.registerCard({ uid: 'D0D0D0D0', number: 'W-1', issuerId: 'c1' });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
    await core?.close();
    await mongo?.stop();
    await deleteKeys(redisUrl!, prefix);
  });

  it('the job completes once after the restart', async () => {
    const first = await spawnTs('test/support/job-worker-process.ts', { ...env(), PAUSE_MS: '60000' }, /READY (\d+)/, 30_000);
    children.push(first);
    const producer = createBullJobs({ url: redisUrl!, prefix, lockMs: 1_000 });
    await producer.enqueue('probe', 'credit', { cardUid: 'D0D0D0D0', amount: 500, collectiveId: 'c1', posId: 'p1' }, { jobId: 'probe:1', attempts: 3 });
    const attempts = core.store.collection<{ _id: string; jobId: string; pid: number }>('probe_attempts');
    const until = Date.now() + 15_000;
    while ((await attempts.count({ jobId: 'probe:1' })) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await attempts.count({ pid: Number(first.match) })).toBe(1); // the first worker took it...
    await first.kill('SIGKILL'); // ...and died in the middle of it

    const second = await spawnTs('test/support/job-worker-process.ts', { ...env(), PAUSE_MS: '0' }, /READY (\d+)/, 30_000);
    children.push(second);
    const done = Date.now() + 30_000;
    while ((await producer.counts('probe')).completed === 0 && Date.now() < done) await new Promise((r) => setTimeout(r, 200));
    expect(await producer.counts('probe')).toMatchObject({ completed: 1, failed: 0, active: 0 });
    const { balances } = await core.pass.balance('D0D0D0D0');
    expect(balances).toMatchObject([{ amount: 500 }]); // credited once
    expect(await attempts.count({ pid: Number(second.match) })).toBe(1);
    await producer.close();
  }, 90_000);
});
