// What a job gets when its enqueuer does not say, the same on every adapter.
export const jobDefaults = {
  attempts: 5,
  /** First retry after this; each next one waits twice as long (exponential backoff). */
  backoffMs: 1_000,
  /**
   * Completed jobs kept per queue (newest first); older ones are dropped. A job id deduplicates
   * only while its job is kept, so this bounds how far back a replayed id is recognised; failed
   * jobs are always kept until retried.
   */
  keepCompleted: 1_000,
} as const;

/** Options both adapters accept on top of their connection settings. */
export interface JobsRetention {
  keepCompleted?: number;
}
