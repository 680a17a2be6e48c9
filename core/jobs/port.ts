// The Jobs port: durable background work. BullMQ against Redis in distributed mode, an
// in-process runner in embedded mode; the processors are the same functions.

export interface JobInfo<D = unknown> {
  id: string;
  queue: string;
  name: string;
  data: D;
  /** 1 on the first run, 2 on the first retry... */
  attempt: number;
}

export type Processor<D = unknown> = (job: JobInfo<D>) => Promise<unknown>;

export interface EnqueueOptions {
  /** Idempotency: a second enqueue with the same id while the job exists is ignored. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  error: string;
  attempts: number;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export interface Jobs {
  /** Starts consuming `queue` in this process with `processor`. */
  work<D>(queue: string, processor: Processor<D>, options?: { concurrency?: number }): Promise<void>;
  enqueue<D>(queue: string, name: string, data: D, options?: EnqueueOptions): Promise<string>;
  /** A job repeated every `everyMs`, declared once per key however many nodes declare it. */
  repeat<D>(queue: string, name: string, data: D, options: { everyMs: number; key: string }): Promise<void>;
  counts(queue: string): Promise<QueueCounts>;
  failed(queue: string, limit?: number): Promise<FailedJob[]>;
  retry(queue: string, jobId: string): Promise<boolean>;
  /** Stops taking jobs, waits for running ones, then closes. */
  close(): Promise<void>;
}
