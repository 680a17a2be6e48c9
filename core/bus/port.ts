// The Bus port: fire-and-forget pub/sub between nodes (Redis pub/sub) or inside one process.
// Messages are JSON-serialisable; delivery is at most once, so anything that must not be lost
// goes through the store or a job, never only through the bus.

export type BusHandler = (message: unknown, channel: string) => void;

export interface Bus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is active; returns the unsubscribe function. */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
