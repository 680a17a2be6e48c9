// In-process job runner (embedded mode) with the BullMQ adapter's semantics, so processors behave
// the same on both: job ids deduplicate while their job is kept, data is a JSON copy, failures
// retry with exponential backoff, an exhausted job stays in the failed list until retried (with a
// fresh set of attempts), completed jobs are kept up to a bound, a repeat runs at once and then
// every period, once per key, and close() waits for the running jobs.
import { newId } from '../shared/ids.js';
import { jobDefaults, type JobsRetention } from './defaults.js';
import type { EnqueueOptions, FailedJob, Jobs, Processor, QueueCounts } from './port.js';

interface Entry {
  id: string;
  name: string;
  /** The data as JSON text: every attempt reads its own copy, as from Redis. */
  wire: string;
  attempt: number;
  attempts: number;
  backoffMs: number;
  state: keyof QueueCounts;
  error?: string;
  /** Order of failure, for newest-first listings. */
  failedSeq?: number;
}

interface Queue {
  name: string;
  entries: Map<string, Entry>;
  waiting: Entry[];
  /** Ids of completed entries, oldest first, for trimming. */
  completed: string[];
  processor?: Processor<any>;
  concurrency: number;
  running: number;
}

interface Schedule {
  queue: string;
  name: string;
  data: unknown;
  everyMs: number;
  timer: NodeJS.Timeout;
}

export function createMemoryJobs(options: JobsRetention = {}): Jobs {
  const keepCompleted = options.keepCompleted ?? jobDefaults.keepCompleted;
  const queues = new Map<string, Queue>();
  const timers = new Set<NodeJS.Timeout>();
  const schedules = new Map<string, Schedule>();
  const whenIdle: Array<() => void> = [];
  let failedSeq = 0;
  let stopping = false;
  let closed: Promise<void> | undefined;

  const queueOf = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = { name, entries: new Map(), waiting: [], completed: [], concurrency: 1, running: 0 }));
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

  const makeWaiting = (q: Queue, entry: Entry) => {
    entry.state = 'waiting';
    q.waiting.push(entry);
    // Never run a processor inside its enqueuer's call: a later microtask, as over Redis.
    queueMicrotask(() => pump(q));
  };

  const pump = (q: Queue) => {
    while (!stopping && q.processor && q.running < q.concurrency && q.waiting.length) void run(q, q.waiting.shift()!);
  };

  const run = async (q: Queue, entry: Entry) => {
    entry.state = 'active';
    entry.attempt++;
    q.running++;
    try {
      await q.processor!({ id: entry.id, queue: q.name, name: entry.name, data: JSON.parse(entry.wire), attempt: entry.attempt });
      entry.state = 'completed';
      entry.error = undefined;
      keepBounded(q, entry);
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
      if (entry.attempt >= entry.attempts) {
        entry.state = 'failed';
        entry.failedSeq = ++failedSeq;
      } else {
        entry.state = 'delayed';
        // Closing: the retry is not scheduled, as a closed BullMQ worker would not take it either.
        if (!stopping) later(entry.backoffMs * 2 ** (entry.attempt - 1), () => makeWaiting(q, entry));
      }
    } finally {
      q.running--;
      if (![...queues.values()].some((other) => other.running > 0)) whenIdle.splice(0).forEach((resolve) => resolve());
      pump(q);
    }
  };

  const keepBounded = (q: Queue, entry: Entry) => {
    q.completed.push(entry.id);
    while (q.completed.length > keepCompleted) {
      const id = q.completed.shift()!;
      if (q.entries.get(id)?.state === 'completed') q.entries.delete(id);
    }
  };

  const enqueue: Jobs['enqueue'] = async (queue, name, data, o: EnqueueOptions = {}) => {
    const q = queueOf(queue);
    const id = o.jobId ?? newId('job_');
    if (q.entries.has(id)) return id;
    const entry: Entry = {
      id,
      name,
      wire: JSON.stringify(data ?? null),
      attempt: 0,
      attempts: o.attempts ?? jobDefaults.attempts,
      backoffMs: o.backoffMs ?? jobDefaults.backoffMs,
      state: 'delayed',
    };
    q.entries.set(id, entry);
    if (o.delayMs && o.delayMs > 0) later(o.delayMs, () => makeWaiting(q, entry));
    else makeWaiting(q, entry);
    return id;
  };

  return {
    async work(queue, processor, opts) {
      const q = queueOf(queue);
      q.processor = processor;
      q.concurrency = Math.max(1, opts?.concurrency ?? 1);
      pump(q);
    },

    enqueue,

    async repeat(queue, name, data, { everyMs, key }) {
      const tick = () => {
        const s = schedules.get(key);
        if (!stopping && s) void enqueue(s.queue, s.name, s.data, { jobId: `repeat:${key}:${Date.now()}` });
      };
      const existing = schedules.get(key);
      if (existing) {
        // Declared again (another module, a restart of a worker): one schedule per key, updated.
        Object.assign(existing, { queue, name, data });
        if (existing.everyMs === everyMs) return;
        clearInterval(existing.timer);
        existing.everyMs = everyMs;
        existing.timer = setInterval(tick, everyMs).unref();
        return;
      }
      schedules.set(key, { queue, name, data, everyMs, timer: setInterval(tick, everyMs).unref() });
      tick(); // BullMQ runs an `every` scheduler's first job at once
    },

    async counts(queue) {
      const counts: QueueCounts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
      for (const e of queueOf(queue).entries.values()) counts[e.state]++;
      return counts;
    },

    async failed(queue, limit = 100) {
      return [...queueOf(queue).entries.values()]
        .filter((e) => e.state === 'failed')
        .sort((x, y) => y.failedSeq! - x.failedSeq!)
        .slice(0, limit)
        .map((e): FailedJob => ({ id: e.id, name: e.name, data: JSON.parse(e.wire), error: e.error ?? '', attempts: e.attempt }));
    },

    async retry(queue, jobId) {
      const q = queueOf(queue);
      const entry = q.entries.get(jobId);
      if (!entry || entry.state !== 'failed') return false;
      entry.attempt = 0;
      entry.failedSeq = undefined;
      makeWaiting(q, entry);
      return true;
    },

    close() {
      stopping = true;
      closed ??= (async () => {
        timers.forEach(clearTimeout);
        timers.clear();
        for (const s of schedules.values()) clearInterval(s.timer);
        schedules.clear();
        if ([...queues.values()].some((q) => q.running > 0)) await new Promise<void>((resolve) => whenIdle.push(resolve));
      })();
      return closed;
    },
  };
}
