/** Time is injected so tests control it (TigerStyle). Milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told: for nightly jobs and expiry tests. */
export class FakeClock implements Clock {
  constructor(private nowMs: number = Date.UTC(2026, 0, 1, 12)) {}
  now(): number {
    return this.nowMs;
  }
  set(ms: number): void {
    this.nowMs = ms;
  }
  advance(ms: number): void {
    this.nowMs += ms;
  }
}
