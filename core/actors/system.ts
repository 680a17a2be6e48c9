// The actor runtime: one live activation per (kind, id) across nodes.
// Placement: a node hosts an actor only while it holds the lease `lease:<kind>:<id>`; a call for
// an actor hosted elsewhere is forwarded over the bus to the holder and answered on the caller's
// reply channel, always bounded by a timeout (Colyseus remoteRoomCall).
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
  value?: unknown;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

const maxPlacementTries = 5;

export class ActorSystem implements ActorRef {
  readonly nodeId: string;
  private readonly kinds = new Map<string, ActorKind>();
  private readonly activations = new Map<string, Activation>();
  private readonly waiting = new Map<string, { resolve: (r: ForwardedReply) => void; timer: NodeJS.Timeout }>();
  private readonly leaseTtlMs: number;
  private readonly idleMs: number;
  private readonly callTimeoutMs: number;
  private readonly mailboxLength: number;
  private unsubscribe?: () => Promise<void>;
  private housekeeping?: NodeJS.Timeout;
  private stopped = false;

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
    if (this.stopped) throw new AppError('UNAVAILABLE', 'node is stopping');
    for (let attempt = 0; attempt < maxPlacementTries; attempt++) {
      const local = await this.localActivation(kind, id);
      if (local) return this.deliver<R>(local, message);
      const holder = await this.options.lease.holder(leaseKey(kind, id));
      if (holder && holder !== this.nodeId) return this.forward<R>(holder, kind, id, message);
      // The holder vanished between our attempt and the look-up: try to take it again.
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

  /** Passivates every local actor, releases leases, stops answering. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.housekeeping);
    await Promise.all([...this.activations.keys()].map((key) => this.deactivate(key, true)));
    await this.unsubscribe?.();
    for (const w of this.waiting.values()) clearTimeout(w.timer);
  }

  private async localActivation(kind: string, id: string): Promise<Activation | null> {
    const key = leaseKey(kind, id);
    const existing = this.activations.get(key);
    if (existing) return existing;
    const actorKind = this.kinds.get(kind);
    if (!actorKind) throw new AppError('NOT_FOUND', `unknown actor kind ${kind}`);
    const grant = await this.options.lease.acquire(key, this.nodeId, this.leaseTtlMs);
    if (!grant) return null;
    const raced = this.activations.get(key);
    if (raced) return raced;
    const actor = actorKind.create({ kind, id, nodeId: this.nodeId, fence: grant.fence });
    const mailbox = new Mailbox(this.mailboxLength);
    const activation: Activation = { actor, mailbox, lastUsedMs: Date.now(), fence: grant.fence, ready: Promise.resolve() };
    activation.ready = mailbox.run(() => actor.activate());
    this.activations.set(key, activation);
    activation.ready.catch(() => void this.deactivate(key, false));
    return activation;
  }

  private async deliver<R>(activation: Activation, message: unknown): Promise<R> {
    activation.lastUsedMs = Date.now();
    await activation.ready;
    const reply = await activation.mailbox.run(() => activation.actor.receive(message));
    return (reply instanceof Later ? await reply.result : reply) as R;
  }

  private forward<R>(holder: string, kind: string, id: string, message: unknown): Promise<R> {
    const corrId = newId('c_');
    const request: ForwardedCall = { type: 'call', corrId, replyTo: this.nodeId, kind, id, message };
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(corrId);
        reject(new AppError('TIMEOUT', `actor ${kind}:${id} on ${holder} did not answer in ${this.callTimeoutMs} ms`));
      }, this.callTimeoutMs);
      this.waiting.set(corrId, {
        timer,
        resolve: (reply) => (reply.ok ? resolve(reply.value as R) : reject(appErrorFromData(reply.error!))),
      });
      this.options.bus.publish(this.channel(holder), request).catch((err) => {
        clearTimeout(timer);
        this.waiting.delete(corrId);
        reject(new AppError('UNAVAILABLE', `bus publish failed: ${String(err)}`));
      });
    });
  }

  private onBusMessage(raw: unknown): void {
    const msg = raw as ForwardedCall | ForwardedReply;
    if (msg.type === 'reply') {
      const w = this.waiting.get(msg.corrId);
      if (!w) return; // answered after its timeout: the caller already gave up
      clearTimeout(w.timer);
      this.waiting.delete(msg.corrId);
      w.resolve(msg);
      return;
    }
    if (msg.type === 'call') void this.answerForwarded(msg);
  }

  private async answerForwarded(req: ForwardedCall): Promise<void> {
    let reply: ForwardedReply;
    try {
      // Forwarded calls run here or fail: never forwarded twice, so no loops between nodes.
      const local = this.stopped ? null : await this.localActivation(req.kind, req.id);
      if (!local) throw new AppError('UNAVAILABLE', `actor ${req.kind}:${req.id} moved; retry`);
      reply = { type: 'reply', corrId: req.corrId, ok: true, value: await this.deliver(local, req.message) };
    } catch (err) {
      reply = { type: 'reply', corrId: req.corrId, ok: false, error: errorData(err) };
    }
    await this.options.bus.publish(this.channel(req.replyTo), reply).catch(() => undefined);
  }

  /** Renews leases; drops actors whose lease was lost; passivates idle ones. */
  private async tick(): Promise<void> {
    const now = Date.now();
    for (const [key, activation] of this.activations) {
      const idle = now - activation.lastUsedMs > this.idleMs && activation.mailbox.length === 0;
      if (idle) {
        await this.deactivate(key, true);
        continue;
      }
      const kept = await this.options.lease.renew(key, this.nodeId, this.leaseTtlMs).catch(() => false);
      if (!kept) {
        logger.warn({ key }, 'lease lost: dropping actor');
        await this.deactivate(key, false);
      }
    }
  }

  private async deactivate(key: string, save: boolean): Promise<void> {
    const activation = this.activations.get(key);
    if (!activation) return;
    this.activations.delete(key);
    if (save && activation.actor.passivate) {
      await activation.mailbox.run(() => activation.actor.passivate!()).catch((err) => logger.warn({ err, key }, 'passivate failed'));
    }
    await this.options.lease.release(key, this.nodeId).catch(() => undefined);
  }

  private channel(nodeId: string): string {
    return `actors:node:${nodeId}`;
  }
}

export function leaseKey(kind: string, id: string): string {
  return `lease:${kind}:${id}`;
}

function errorData(err: unknown): ForwardedReply['error'] {
  if (isAppError(err)) return { code: err.code, message: err.message, details: err.details };
  logger.error({ err }, 'actor call failed');
  return { code: 'INTERNAL', message: 'internal error' };
}
