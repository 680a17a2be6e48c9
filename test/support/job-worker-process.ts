// A job worker in its own process, for the worker-kill test: the real core (MongoDB wire store,
// Redis, BullMQ) consuming a `probe` queue whose job credits a card through the money core after
// a pause long enough to be killed in. Prints `READY` once it consumes.
import { loadConfig } from '../../core/config/config.js';
import { bootCore } from '../../core/runtime/boot.js';

const core = await bootCore(loadConfig({ ...process.env, ROLE: 'worker', LOG_LEVEL: 'silent' }));
const attempts = core.store.collection<{ _id: string; jobId: string; pid: number }>('probe_attempts');
await core.jobs.work<{ cardUid: string; amount: number; collectiveId: string; posId: string }>('probe', async (job) => {
  await attempts.insertOne({ _id: `${job.id}:${process.pid}:${job.attempt}`, jobId: job.id, pid: process.pid });
  await new Promise((r) => setTimeout(r, Number(process.env.PAUSE_MS ?? 0)));
  // The effect is idempotent by construction: its txId is the job's id.
  await core.pass.topUp({ txId: `job:${job.id}`, cardUid: job.data.cardUid, asset: 'local', amount: job.data.amount, method: 'cash', collectiveId: job.data.collectiveId, posId: job.data.posId });
});
process.stdout.write(`READY ${process.pid}\n`);
