// In-process job runner (embedded mode): same semantics as the BullMQ adapter for what the
// processors rely on: job ids deduplicate, failures retry with exponential backoff, a job that
// exhausts its attempts stays in the failed list until retried.
import { newId } from '../shared/ids.js';
import type { EnqueueOptions, FailedJob, JobInfo, Jobs, Processor, QueueCounts } from './port.js';

interface Entry {
  info: JobInfo;
  attempts: number;
  backoffMs: number;
  state: 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';
  error?: string;
}

interface Queue {
  entries: Map<string, Entry>;
  processor?: Processor<any>;
  concurrency: number;
  running: number;
}

export function createMemoryJobs(): Jobs {
  const queues = new Map<string, Queue>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;
  const idle: Array<() => void> = [];

  const queueOf = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = { entries: new Map(), concurrency: 1, running: 0 }));
    return q;
  };

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };

  const pump = (q: Queue) => {
    if (closing || !q.processor) return;
    for (const entry of q.entries.values()) {
      if (q.running >= q.concurrency) return;
      if (entry.state === 'waiting') void run(q, entry);
    }
  };

  const run = async (q: Queue, entry: Entry) => {
    entry.state = 'active';
    entry.info.attempt++;
    q.running++;
    try {
      await q.processor!({ ...entry.info });
      entry.state = 'completed';
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
      if (entry.info.attempt < entry.attempts && !closing) {
        entry.state = 'delayed';
        later(entry.backoffMs * 2 ** (entry.info.attempt - 1), () => {
          entry.state = 'waiting';
          pump(q);
        });
      } else entry.state = 'failed';
    } finally {
      q.running--;
      if (![...queues.values()].some((other) => other.running > 0)) idle.splice(0).forEach((f) => f());
      pump(q);
    }
  };

  return {
    async work(queue, processor, options) {
      const q = queueOf(queue);
      q.processor = processor;
      q.concurrency = options?.concurrency ?? 1;
      pump(q);
    },
    async enqueue(queue, name, data, options: EnqueueOptions = {}) {
      const q = queueOf(queue);
      const id = options.jobId ?? newId('job_');
      if (q.entries.has(id)) return id;
      const entry: Entry = {
        info: { id, queue, name, data, attempt: 0 },
        attempts: options.attempts ?? 5,
        backoffMs: options.backoffMs ?? 1_000,
        state: options.delayMs ? 'delayed' : 'waiting',
      };
      q.entries.set(id, entry);
      if (options.delayMs) later(options.delayMs, () => ((entry.state = 'waiting'), pump(q)));
      else queueMicrotask(() => pump(q));
      return id;
    },
    async repeat(queue, name, data, options) {
      const tick = () => {
        if (closing) return;
        void this.enqueue(queue, name, data, { jobId: `${options.key}:${Date.now()}`, attempts: 1 });
        later(options.everyMs, tick);
      };
      later(options.everyMs, tick);
    },
    async counts(queue) {
      const counts: QueueCounts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
      for (const e of queueOf(queue).entries.values()) counts[e.state]++;
      return counts;
    },
    async failed(queue, limit = 100) {
      const out: FailedJob[] = [];
      for (const e of queueOf(queue).entries.values()) {
        if (e.state !== 'failed') continue;
        out.push({ id: e.info.id, name: e.info.name, data: e.info.data, error: e.error ?? '', attempts: e.info.attempt });
        if (out.length >= limit) break;
      }
      return out;
    },
    async retry(queue, jobId) {
      const q = queueOf(queue);
      const e = q.entries.get(jobId);
      if (!e || e.state !== 'failed') return false;
      e.state = 'waiting';
      e.info.attempt = 0;
      pump(q);
      return true;
    },
    async close() {
      closing = true;
      timers.forEach(clearTimeout);
      timers.clear();
      const busy = [...queues.values()].some((q) => q.running > 0);
      if (busy) await new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
