// The BullMQ adapter of the Jobs port (distributed mode). Queues and workers share one Redis
// connection (BullMQ opens its own blocking connection per worker) under the deployment prefix.
// Job ids are encoded reversibly because BullMQ refuses ':' and integer-looking custom ids, and
// ours use both ('ticket:42', Stripe ids are safe but a ticket number may not be).
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { newId } from '../shared/ids.js';
import { logger } from '../shared/logger.js';
import { jobDefaults, type JobsRetention } from './defaults.js';
import type { EnqueueOptions, FailedJob, Jobs, Processor, QueueCounts } from './port.js';

/**
 * `lockMs`: how long a worker holds a job without renewing; a worker that died (kill -9) loses its
 * jobs to another after about this long, when they are found stalled and run again.
 */
export function createBullJobs(options: { url: string; prefix: string; lockMs?: number } & JobsRetention): Jobs {
  // BullMQ requires maxRetriesPerRequest: null: its blocking commands must wait out a reconnect.
  const connection = new Redis(options.url, { maxRetriesPerRequest: null });
  connection.on('error', (err) => logger.warn({ err: err.message }, 'bullmq connection error'));
  const prefix = `${options.prefix}:bull`;
  const keepCompleted = options.keepCompleted ?? jobDefaults.keepCompleted;
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  let closed: Promise<void> | undefined;

  const queueOf = (name: string) => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = new Queue(name, { connection, prefix })));
    return q;
  };
  const jobOptions = (o: { attempts?: number; backoffMs?: number }): JobsOptions => ({
    attempts: o.attempts ?? jobDefaults.attempts,
    backoff: { type: 'exponential', delay: o.backoffMs ?? jobDefaults.backoffMs },
    // Kept jobs are what makes a job id deduplicate: a bounded tail of completed ones, and every
    // failed one until it is retried.
    removeOnComplete: { count: keepCompleted },
    removeOnFail: false,
  });

  return {
    async work(queue, processor: Processor<any>, opts) {
      const worker = new Worker(
        queue,
        (job: Job) => processor({ id: decodeJobId(job.id!), queue, name: job.name, data: job.data, attempt: job.attemptsMade + 1 }),
        {
          connection,
          prefix,
          concurrency: Math.max(1, opts?.concurrency ?? 1),
          ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
        },
      );
      worker.on('failed', (job, err) => logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'));
      worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'job worker error'));
      workers.push(worker);
      await worker.waitUntilReady();
    },

    async enqueue(queue, name, data, o: EnqueueOptions = {}) {
      const id = o.jobId ?? newId('job_');
      // A second add with a kept job's id is a no-op in BullMQ: the first job stands.
      await queueOf(queue).add(name, data, { ...jobOptions(o), jobId: bullJobId(id), delay: o.delayMs });
      return id;
    },

    async repeat(queue, name, data, { everyMs, key }) {
      // One scheduler per key in Redis: every node may declare it, the last declaration wins.
      await queueOf(queue).upsertJobScheduler(encodeJobId(key), { every: everyMs }, { name, data, opts: jobOptions({}) });
    },

    async counts(queue) {
      const c = await queueOf(queue).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
      return { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 } satisfies QueueCounts;
    },

    async failed(queue, limit = 100) {
      const jobs = await queueOf(queue).getFailed(0, limit - 1);
      return jobs.map((j): FailedJob => ({ id: decodeJobId(j.id!), name: j.name, data: j.data, error: j.failedReason ?? '', attempts: j.attemptsMade }));
    },

    async retry(queue, jobId) {
      const job = await queueOf(queue).getJob(bullJobId(jobId));
      if (!job || !(await job.isFailed())) return false;
      try {
        // A fresh set of attempts, as the in-process runner gives.
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return true;
      } catch (err) {
        logger.warn({ queue, jobId, err: (err as Error).message }, 'job retry refused');
        return false; // retried meanwhile by someone else
      }
    },

    close() {
      closed ??= (async () => {
        // Workers first, each waiting for its active jobs; then the queues; then the connection.
        await Promise.all(workers.map((w) => w.close()));
        await Promise.all([...queues.values()].map((q) => q.close()));
        await connection.quit().catch(() => connection.disconnect());
      })();
      return closed;
    },
  };
}

/** Makes any id acceptable to BullMQ, reversibly: no ':', never an integer. */
export function encodeJobId(id: string): string {
  const escaped = id.replaceAll('%', '%25').replaceAll(':', '%3A');
  return `${parseInt(escaped, 10)}` === escaped ? `%N${escaped}` : escaped;
}

/**
 * Our id of a BullMQ job. Encoded ids never hold ':'; the ones that do were made by BullMQ for a
 * scheduler's runs (`repeat:<encoded key>:<ms>`) and read `repeat:<key>:<ms>`, as in memory.
 */
export function decodeJobId(bullId: string): string {
  const run = schedulerRun.exec(bullId);
  if (run) return `repeat:${decodeJobId(run[1])}:${run[2]}`;
  return bullId.replace(/^%N/, '').replace(/%(25|3A)/g, (_, code: string) => (code === '25' ? '%' : ':'));
}

/** The inverse of decodeJobId: the BullMQ id of one of our ids. */
export function bullJobId(id: string): string {
  const run = schedulerRun.exec(id);
  return run ? `repeat:${encodeJobId(run[1])}:${run[2]}` : encodeJobId(id);
}

const schedulerRun = /^repeat:(.+):(\d+)$/;
