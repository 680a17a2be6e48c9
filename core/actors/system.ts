// The actor runtime: one live activation per (kind, id) across nodes.
// Placement: a node hosts an actor only while it holds the lease `lease:<kind>:<id>`; a call for
// an actor hosted elsewhere is forwarded over the bus to the holder and answered on the caller's
// reply channel, always bounded by a timeout (Colyseus remoteRoomCall). While an actor moves
// (its holder passivating or stopping, its lease just expired) the call is placed again, within
// the same time bound.
import type { Bus } from '../bus/port.js';
import type { Lease } from '../lease/port.js';
import { AppError, appErrorFromData, isAppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { logger } from '../shared/logger.js';
import { Mailbox } from './mailbox.js';
import { Later, type Actor, type ActorKind, type ActorRef } from './port.js';

export interface ActorSystemOptions {
  nodeId?: string;
  bus: Bus;
  lease: Lease;
  leaseTtlMs?: number;
  idleMs?: number;
  callTimeoutMs?: number;
  mailboxLength?: number;
}

interface Activation {
  actor: Actor;
  mailbox: Mailbox;
  ready: Promise<void>;
  lastUsedMs: number;
  fence: number;
  /** Set, synchronously, when deactivation starts: no message may be queued behind passivate. */
  closed: boolean;
}

interface ForwardedCall {
  type: 'call';
  corrId: string;
  replyTo: string;
  kind: string;
  id: string;
  message: unknown;
}

interface ForwardedReply {
  type: 'reply';
  corrId: string;
  ok: boolean;
  /** The node no longer hosts the actor: the caller places the call again. */
  moved?: boolean;
  value?: unknown;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

/** A call either reached the actor (and has its answer) or must be placed again. */
type Placement<R> = { placed: true; value: R } | { placed: false };

const notPlaced = { placed: false } as const;
const maxPlacementTries = 8;
const firstPlacementPauseMs = 10;

const renewBatch = 1_000;

export class ActorSystem implements ActorRef {
  readonly nodeId: string;
  private readonly kinds = new Map<string, ActorKind>();
  private readonly activations = new Map<string, Activation>();
  /** Deactivations under way: the next activation of a key waits until its predecessor saved and released. */
  private readonly deactivating = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, { settle: (r: ForwardedReply) => void; fail: (err: AppError) => void; timer: NodeJS.Timeout }>();
  private readonly leaseTtlMs: number;
  private readonly idleMs: number;
  private readonly callTimeoutMs: number;
  private readonly mailboxLength: number;
  private unsubscribe?: () => Promise<void>;
  private housekeeping?: NodeJS.Timeout;
  private ticking = false;
  private stopped = false;
  private stopping?: Promise<void>;

  constructor(private readonly options: ActorSystemOptions) {
    this.nodeId = options.nodeId ?? newId('node_');
    this.leaseTtlMs = options.leaseTtlMs ?? 10_000;
    this.idleMs = options.idleMs ?? 120_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 5_000;
    this.mailboxLength = options.mailboxLength ?? 1_000;
  }

  register(kind: ActorKind<any, any>): this {
    this.kinds.set(kind.kind, kind);
    return this;
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.options.bus.subscribe(this.channel(this.nodeId), (msg) => this.onBusMessage(msg));
    const periodMs = Math.max(50, Math.floor(this.leaseTtlMs / 3));
    this.housekeeping = setInterval(() => void this.tick(), periodMs);
    this.housekeeping.unref();
  }

  async call<R = unknown>(kind: string, id: string, message: unknown): Promise<R> {
    const deadlineMs = Date.now() + this.callTimeoutMs;
    for (let attempt = 0; attempt < maxPlacementTries; attempt++) {
      if (this.stopped) throw new AppError('UNAVAILABLE', 'node is stopping');
      const outcome = await this.place<R>(kind, id, message, deadlineMs);
      if (outcome.placed) return outcome.value;
      const pauseMs = Math.min(firstPlacementPauseMs * 2 ** attempt, deadlineMs - Date.now());
      if (pauseMs <= 0) break;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    throw new AppError('UNAVAILABLE', `could not place actor ${kind}:${id}`);
  }

  /** Number of actors live on this node (for tests and metrics). */
  liveCount(): number {
    return this.activations.size;
  }

  isLocal(kind: string, id: string): boolean {
    return this.activations.has(leaseKey(kind, id));
  }

  /** Passivates every local actor, releases leases, stops answering; pending forwarded calls fail. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped = true;
      clearInterval(this.housekeeping);
      await Promise.all([...this.activations].map(([key, activation]) => this.deactivate(key, activation, true)));
      await Promise.all([...this.deactivating.values()]);
      await this.unsubscribe?.();
      for (const w of this.waiting.values()) {
        clearTimeout(w.timer);
        w.fail(new AppError('UNAVAILABLE', 'node stopped before the actor answered'));
      }
      this.waiting.clear();
    })();
    return this.stopping;
  }

  /** One try: here if we hold (or can take) the lease, else at the holder. */
  private async place<R>(kind: string, id: string, message: unknown, deadlineMs: number): Promise<Placement<R>> {
    const local = await this.localActivation(kind, id);
    if (local) return this.deliver<R>(local, message);
    const holder = await this.options.lease.holder(leaseKey(kind, id));
    // No holder: it just expired or was released; ourselves: our predecessor is still leaving.
    if (!holder || holder === this.nodeId) return notPlaced;
    return this.forward<R>(holder, kind, id, message, deadlineMs);
  }

  private async localActivation(kind: string, id: string): Promise<Activation | null> {
    const key = leaseKey(kind, id);
    const existing = this.activations.get(key);
    if (existing) return existing;
    const actorKind = this.kinds.get(kind);
    if (!actorKind) throw new AppError('NOT_FOUND', `unknown actor kind ${kind}`);
    // Our previous activation must have saved its state and released before a new one loads.
    await this.deactivating.get(key);
    const grant = await this.options.lease.acquire(key, this.nodeId, this.leaseTtlMs);
    if (!grant) return null;
    const raced = this.activations.get(key);
    if (raced) return raced;
    // Re-acquiring our own lease succeeds even while an activation of ours is leaving: its
    // release would then pull the lease from under the new one.
    if (this.deactivating.has(key)) return null;
    if (this.stopped) {
      await this.options.lease.release(key, this.nodeId).catch(() => undefined);
      return null;
    }
    const actor = actorKind.create({ kind, id, nodeId: this.nodeId, fence: grant.fence });
    const mailbox = new Mailbox(this.mailboxLength);
    const activation: Activation = { actor, mailbox, lastUsedMs: Date.now(), fence: grant.fence, closed: false, ready: mailbox.run(() => actor.activate(), { exempt: true }) };
    this.activations.set(key, activation);
    activation.ready.catch((err) => {
      logger.warn({ err, key }, 'actor activation failed');
      void this.deactivate(key, activation, false);
    });
    return activation;
  }

  private async deliver<R>(activation: Activation, message: unknown): Promise<Placement<R>> {
    activation.lastUsedMs = Date.now();
    await activation.ready;
    if (activation.closed) return notPlaced;
    const reply = await activation.mailbox.run(() => activation.actor.receive(message));
    // A Later reply completes outside the mailbox: the actor already took its next message.
    return { placed: true, value: (reply instanceof Later ? await reply.result : reply) as R };
  }

  private forward<R>(holder: string, kind: string, id: string, message: unknown, deadlineMs: number): Promise<Placement<R>> {
    const corrId = newId('c_');
    const request: ForwardedCall = { type: 'call', corrId, replyTo: this.nodeId, kind, id, message };
    return new Promise<Placement<R>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(corrId);
        reject(new AppError('TIMEOUT', `actor ${kind}:${id} on ${holder} did not answer in ${this.callTimeoutMs} ms`, { kind, id, holder }));
      }, Math.max(1, deadlineMs - Date.now()));
      this.waiting.set(corrId, {
        timer,
        fail: reject,
        settle: (reply) => {
          if (reply.ok) resolve({ placed: true, value: reply.value as R });
          else if (reply.moved) resolve(notPlaced);
          else reject(appErrorFromData(reply.error ?? { code: 'INTERNAL', message: 'malformed reply' }));
        },
      });
      this.options.bus.publish(this.channel(holder), request).catch((err) => {
        clearTimeout(timer);
        this.waiting.delete(corrId);
        reject(new AppError('UNAVAILABLE', `bus publish failed: ${String(err)}`));
      });
    });
  }

  private onBusMessage(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return;
    const msg = raw as ForwardedCall | ForwardedReply;
    if (msg.type === 'reply') {
      const w = this.waiting.get(msg.corrId);
      if (!w) return; // answered after its timeout: the caller already gave up
      clearTimeout(w.timer);
      this.waiting.delete(msg.corrId);
      w.settle(msg);
      return;
    }
    if (msg.type === 'call') void this.answerForwarded(msg);
  }

  private async answerForwarded(req: ForwardedCall): Promise<void> {
    let reply: ForwardedReply;
    try {
      // Forwarded calls run here or go back as moved, never forwarded twice: no loops between nodes.
      const local = this.stopped ? null : await this.localActivation(req.kind, req.id);
      const outcome = local ? await this.deliver(local, req.message) : notPlaced;
      reply = outcome.placed ? { type: 'reply', corrId: req.corrId, ok: true, value: outcome.value } : { type: 'reply', corrId: req.corrId, ok: false, moved: true };
    } catch (err) {
      reply = { type: 'reply', corrId: req.corrId, ok: false, error: errorData(err) };
    }
    await this.options.bus.publish(this.channel(req.replyTo), reply).catch(() => undefined);
  }

  /** Renews leases, drops actors whose lease was lost, passivates idle ones. */
  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const now = Date.now();
      const toRenew: Array<[string, Activation]> = [];
      for (const [key, activation] of this.activations) {
        if (now - activation.lastUsedMs > this.idleMs && activation.mailbox.length === 0) {
          // Not awaited: a slow save must not hold back the renewal of the other leases.
          void this.deactivate(key, activation, true);
          continue;
        }
        toRenew.push([key, activation]);
      }
      // In batches, one round trip each: thousands of live actors must not cost thousands of calls.
      for (let i = 0; i < toRenew.length; i += renewBatch) {
        const batch = toRenew.slice(i, i + renewBatch);
        const kept = await this.options.lease.renewMany(batch.map(([key]) => key), this.nodeId, this.leaseTtlMs).catch(() => batch.map(() => false));
        await Promise.all(batch.map(([key, activation], k) => (kept[k] ? undefined : this.dropLost(key, activation))));
      }
    } finally {
      this.ticking = false;
    }
  }

  private async dropLost(key: string, activation: Activation): Promise<void> {
    if (this.activations.get(key) !== activation) return;
    logger.warn({ key }, 'lease lost: dropping actor');
    await this.deactivate(key, activation, false);
  }

  private deactivate(key: string, activation: Activation, save: boolean): Promise<void> {
    if (this.activations.get(key) !== activation) return this.deactivating.get(key) ?? Promise.resolve();
    this.activations.delete(key);
    activation.closed = true;
    const done = (async () => {
      if (save && activation.actor.passivate) {
        // Behind the messages already accepted, which run first; exempt from the mailbox bound.
        // An actor whose activation failed has nothing to save.
        const passivate = async () => {
          if (await activation.ready.then(() => true, () => false)) await activation.actor.passivate!();
        };
        await activation.mailbox.run(passivate, { exempt: true }).catch((err) => logger.warn({ err, key }, 'passivate failed'));
      }
      await this.options.lease.release(key, this.nodeId).catch(() => undefined);
    })().finally(() => {
      if (this.deactivating.get(key) === done) this.deactivating.delete(key);
    });
    this.deactivating.set(key, done);
    return done;
  }

  private channel(nodeId: string): string {
    return `actors:node:${nodeId}`;
  }
}

export function leaseKey(kind: string, id: string): string {
  return ['lease', kind, id].join(':'); // flat: a template would leave concatenated strings in the actor and lease maps
}

function errorData(err: unknown): ForwardedReply['error'] {
  if (isAppError(err)) return { code: err.code, message: err.message, details: err.details };
  logger.error({ err }, 'actor call failed');
  return { code: 'INTERNAL', message: 'internal error' };
}
