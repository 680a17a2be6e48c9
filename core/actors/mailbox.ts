import { AppError } from '../shared/errors.js';

/** Runs tasks one at a time, in arrival order, with a bounded queue. */
export class Mailbox {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly maxLength: number) {}

  get length(): number {
    return this.pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.pending >= this.maxLength) {
      return Promise.reject(new AppError('OVERLOADED', 'too many requests waiting for this actor'));
    }
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }
}
