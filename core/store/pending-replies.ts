// Requests sent to a store in another thread or process, waiting for their answers by id: each
// is bounded in time, and all fail at once when the link goes (their outcome unknown: callers
// resend or reload). Shared by the remote store (a socket) and the SQLite store (a worker).

interface Waiting {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class PendingReplies {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  /** A new request id and the promise of its answer; `send` puts the request on the wire. */
  add(timeoutMs: number, timedOut: () => Error, send: (id: number) => void): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(timedOut());
      }, timeoutMs);
      timer.unref();
      this.waiting.set(id, { resolve, reject, timer });
      send(id);
    });
  }

  /** The answer to request `id` (ignored once it timed out). */
  settle(id: number, answer: { ok: true; value: unknown } | { ok: false; error: Error }): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    clearTimeout(w.timer);
    if (answer.ok) w.resolve(answer.value);
    else w.reject(answer.error);
  }

  failAll(error: () => Error): void {
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(error());
    }
    this.waiting.clear();
  }
}
