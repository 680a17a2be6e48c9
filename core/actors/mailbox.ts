import { AppError } from '../shared/errors.js';

/** Runs tasks one at a time, in arrival order, with a bounded queue. */
export class Mailbox {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly maxLength: number) {}

  /** Tasks accepted and not yet finished, the running one included. */
  get length(): number {
    return this.pending;
  }

  /**
   * Queues `task` behind every task accepted before it. `exempt` is for the runtime's own
   * lifecycle steps (activate, passivate): a full mailbox refuses callers, never the save of the
   * state it holds.
   */
  run<T>(task: () => Promise<T>, options: { exempt?: boolean } = {}): Promise<T> {
    if (!options.exempt && this.pending >= this.maxLength) {
      return Promise.reject(new AppError('OVERLOADED', 'too many requests waiting for this actor'));
    }
    this.pending++;
    const result = this.tail.then(task);
    // Registered before any caller can await `result`: the count is right when the caller resumes.
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }
}
