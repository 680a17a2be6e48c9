// Sends money commands through the outbox. The txId is the idempotency key (DESIGN "Money"):
// the command is recorded in the outbox first, then sent; an answer that is final (success or
// a refusal such as INSUFFICIENT_FUNDS) removes it; no answer in time, or an answer that says
// "try again" (the outcome may be unknown), keeps it, and it is resent with the SAME txId when
// the connection comes back. The server answers a replayed txId with its first answer, so a
// resend never moves money twice and the terminal shows what really happened.
import type { Ack, RefundAnswer, RefundCommand, SaleAnswer, SaleCommand, TopupAnswer, TopupCommand } from './protocol.js';
import { limits } from '../../core/shared/limits.js';
import { type MoneyCommand, type Outbox, type OutboxEntry } from './outbox.js';

/** How commands reach the server: SocketController in the app, a bare socket in tests. */
export interface CommandTransport {
  readonly connected: boolean;
  /** Resolves with the ack, or rejects when none arrives within timeoutMs. */
  request<T>(event: string, payload: unknown, timeoutMs: number): Promise<T>;
}

/** What each money command carries and what its success ack adds. */
export interface MoneyCommandTypes {
  sale: { command: SaleCommand; answer: SaleAnswer };
  topup: { command: TopupCommand; answer: TopupAnswer };
  refund: { command: RefundCommand; answer: RefundAnswer };
}

export type Outcome<T = Record<string, unknown>> =
  | { state: 'done'; ack: Ack<T> }
  /** Not confirmed: still in the outbox, resent on reconnect. `code` is the server's transient refusal, if any. */
  | { state: 'pending'; code?: string };

export type SettledListener = (entry: OutboxEntry, ack: Ack<Record<string, unknown>>) => void;

/** Refusals after which the command may or may not have happened, or may succeed if retried. */
export const retryableCodes: ReadonlySet<string> = new Set(['UNAVAILABLE', 'TIMEOUT', 'OVERLOADED', 'RATE_LIMITED', 'INTERNAL']);

export const defaultCommandTimeoutMs = 8_000;

export class MoneyCommands {
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<SettledListener>();
  private readonly changeListeners = new Set<() => void>();
  private resending: Promise<void> | undefined;

  constructor(
    private readonly transport: CommandTransport,
    readonly outbox: Outbox,
    private readonly options: { timeoutMs?: number; now?: () => number } = {},
  ) {}

  /** Records then sends a command; its payload must already carry the txId the caller generated. */
  async send<C extends MoneyCommand>(command: C, payload: MoneyCommandTypes[C]['command'], context?: Record<string, unknown>): Promise<Outcome<MoneyCommandTypes[C]['answer']>> {
    const entry = this.outbox.add({ txId: payload.txId, command, payload: payload as unknown as OutboxEntry['payload'], context, createdAtMs: this.now() });
    this.changed();
    return (await this.attempt(entry)) as Outcome<MoneyCommandTypes[C]['answer']>;
  }

  /** Resends every unconfirmed command, oldest first, one at a time. Call it on each (re)connection. */
  resendPending(): Promise<void> {
    // One resend pass at a time: a reconnect during a pass must not send a command twice at once.
    this.resending ??= this.resendAll().finally(() => (this.resending = undefined));
    return this.resending;
  }

  /** Called with every final answer, whoever sent the command (a screen, or a resend after reconnect). */
  onSettled(listener: SettledListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called whenever the outbox changes (a badge counting unconfirmed commands listens). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Gives up on an unconfirmed command. Only for a cashier who knows it did not happen (the
   * customer paid another way): if the server did record it, this terminal will not know.
   */
  abandon(txId: string): void {
    this.outbox.remove(txId);
    this.changed();
  }

  private async resendAll(): Promise<void> {
    for (const entry of this.outbox.list()) {
      if (!this.transport.connected) return;
      if (this.inFlight.has(entry.txId)) continue;
      await this.attempt(entry);
    }
  }

  private async attempt(entry: OutboxEntry): Promise<Outcome> {
    // Too large for the server to take: sending it again and again after each reconnect would
    // never get an answer (the transport drops an oversized frame). Refused here, once, for good.
    if (payloadBytes(entry.payload) > limits.socketPayloadBytes) {
      return this.settle(entry, { ok: false, code: 'PAYLOAD_TOO_LARGE', message: `a command is at most ${limits.socketPayloadBytes} bytes` });
    }
    if (this.inFlight.has(entry.txId) || !this.transport.connected) return { state: 'pending' };
    this.inFlight.add(entry.txId);
    this.outbox.markAttempt(entry.txId, this.now());
    try {
      const ack = await this.transport.request<Ack<Record<string, unknown>>>(entry.command, entry.payload, this.options.timeoutMs ?? defaultCommandTimeoutMs);
      if (!ack || typeof ack !== 'object') return { state: 'pending' };
      if (!ack.ok && retryableCodes.has(ack.code)) return { state: 'pending', code: ack.code };
      return this.settle(entry, ack);
    } catch {
      return { state: 'pending' }; // no answer in time: stays in the outbox
    } finally {
      this.inFlight.delete(entry.txId);
      this.changed();
    }
  }

  private settle(entry: OutboxEntry, ack: Ack<Record<string, unknown>>): Outcome {
    // A later attempt may already have settled it (a resend racing a slow first answer): settle once.
    if (!this.outbox.get(entry.txId)) return { state: 'done', ack };
    this.outbox.remove(entry.txId);
    for (const listener of this.listeners) listener(entry, ack);
    this.changed();
    return { state: 'done', ack };
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function payloadBytes(payload: unknown): number {
  return new TextEncoder().encode(JSON.stringify(payload ?? {})).length;
}

/** A fresh idempotency key (UUID v4), generated by the terminal before it sends anything. */
export function newTxId(): string {
  // randomUUID exists only in secure contexts; a tablet on the festival LAN may load the app over
  // plain http://10.x.x.x, where getRandomValues still works.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
