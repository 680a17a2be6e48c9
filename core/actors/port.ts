// An actor is the single in-memory owner of one card, point of sale or collective. It reads
// like the story of that one thing: activate (load), receive (one message at a time),
// passivate (save and go). The runtime guarantees at most one live activation per id across
// nodes while leases hold; when they do not, the store's guards still refuse a stale writer.

export interface ActorContext {
  readonly kind: string;
  readonly id: string;
  readonly nodeId: string;
  /** Fencing token of the lease that activated this actor. */
  readonly fence: number;
}

export interface Actor<M = unknown, R = unknown> {
  activate(): Promise<void>;
  receive(message: M): Promise<R>;
  passivate?(): Promise<void>;
}

export interface ActorKind<M = unknown, R = unknown> {
  readonly kind: string;
  create(ctx: ActorContext): Actor<M, R>;
}

/** What the rest of the system sees: a location-transparent, time-bounded call. */
export interface ActorRef {
  call<R = unknown>(kind: string, id: string, message: unknown): Promise<R>;
}

/**
 * A reply an actor gives later, after its mailbox moved on: the actor did what must be serial
 * (checks, reservations) inside `receive` and lets the slow rest (another actor, the store) run
 * while it takes the next message. Callers just see the final value.
 */
export class Later<R = unknown> {
  constructor(readonly result: Promise<R>) {}
}
