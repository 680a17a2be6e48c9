// The BullMQ adapter of the Jobs port (distributed mode). Queues and workers share the deployment
// prefix; job ids are encoded because BullMQ refuses ':' in custom ids, and ours use it.
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { logger } from '../shared/logger.js';
import { newId } from '../shared/ids.js';
import type { EnqueueOptions, FailedJob, Jobs, Processor, QueueCounts } from './port.js';

const completedKept = 5_000;

export function createBullJobs(options: { url: string; prefix: string }): Jobs {
  const connection = new Redis(options.url, { maxRetriesPerRequest: null });
  connection.on('error', (err) => logger.warn({ err: err.message }, 'bullmq connection error'));
  const prefix = `${options.prefix}:bull`;
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  const queueOf = (name: string) => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = new Queue(name, { connection, prefix })));
    return q;
  };
  return {
    async work(queue, processor: Processor<any>, opts) {
      const worker = new Worker(
        queue,
        async (job: Job) => processor({ id: decodeId(job.id!), queue, name: job.name, data: job.data, attempt: job.attemptsMade + 1 }),
        { connection, prefix, concurrency: opts?.concurrency ?? 1 },
      );
      worker.on('failed', (job, err) => logger.warn({ queue, jobId: job?.id, err: err.message }, 'job failed'));
      worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'worker error'));
      workers.push(worker);
      await worker.waitUntilReady();
    },
    async enqueue(queue, name, data, o: EnqueueOptions = {}) {
      const id = o.jobId ?? newId('job_');
      await queueOf(queue).add(name, data, {
        jobId: encodeId(id),
        delay: o.delayMs,
        attempts: o.attempts ?? 5,
        backoff: { type: 'exponential', delay: o.backoffMs ?? 1_000 },
        removeOnComplete: { count: completedKept },
        removeOnFail: false,
      });
      return id;
    },
    async repeat(queue, name, data, o) {
      await queueOf(queue).upsertJobScheduler(encodeId(o.key), { every: o.everyMs }, { name, data, opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } });
    },
    async counts(queue) {
      const c = await queueOf(queue).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
      return { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 } satisfies QueueCounts;
    },
    async failed(queue, limit = 100) {
      const jobs = await queueOf(queue).getFailed(0, limit - 1);
      return jobs.map((j): FailedJob => ({ id: decodeId(j.id!), name: j.name, data: j.data, error: j.failedReason ?? '', attempts: j.attemptsMade }));
    },
    async retry(queue, jobId) {
      const job = await queueOf(queue).getJob(encodeId(jobId));
      if (!job || !(await job.isFailed())) return false;
      await job.retry('failed');
      return true;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

/** BullMQ refuses ':' in custom ids: escape it reversibly. */
export function encodeId(id: string): string {
  return id.replaceAll('%', '%25').replaceAll(':', '%3A');
}

export function decodeId(id: string): string {
  return id.replaceAll('%3A', ':').replaceAll('%25', '%');
}
