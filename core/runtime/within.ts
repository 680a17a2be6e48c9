/** Resolves as `promise` does, or rejects after `ms`: health checks and shutdown steps are bounded. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined); // if the timeout wins, a later rejection is expected, not unhandled
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
