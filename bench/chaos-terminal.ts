// A chaos terminal: a real Socket.IO client speaking terminal protocol v1, with the outbox a
// till must keep. A money command stays in the outbox until a definitive ack (ok, or a refusal
// such as INSUFFICIENT_FUNDS); on an ack timeout, a lost connection or a transient failure it
// is resent with the SAME txId, after reconnecting (maybe to another node). It also misbehaves
// on purpose: it sends duplicates of a command while the first is in flight, after random
// delays (some arrive after the ack), and drops its own connection.
import { io, type Socket } from 'socket.io-client';
import { retryableCodes } from '../ui/laboutik/money-commands.js';

export type Ack = { ok: boolean; code?: string; [field: string]: unknown };

/** Failures worth a resend, exactly as the LaBoutik terminal app decides; any other is the answer. */
export const transientCodes: ReadonlySet<string> = retryableCodes;

const connectTimeoutMs = 3_000;

export interface CommandRecord {
  txId: string;
  event: 'sale' | 'topup';
  payload: Record<string, unknown>;
  cardUid: string;
  terminal: number;
  createdAtMs: number;
  resolvedAtMs?: number;
  /** The definitive ack that took the command out of the outbox. */
  final?: Ack;
  /** Every ack received for this txId, from the first send, resends and duplicates. */
  acks: Ack[];
  sends: number;
  duplicates: number;
}

export interface TerminalStats {
  resends: number;
  duplicates: number;
  drops: number;
  reconnects: number;
  unanswered: number;
  transient: Record<string, number>;
}

export interface TerminalOptions {
  index: number;
  token: string;
  /** URL of a node to (re)connect to, or null while none is up. */
  pickNode(): string | null;
  ackTimeoutMs: number;
  duplicateRate: number;
  maxDuplicateDelayMs: number;
  random(): number;
  stats: TerminalStats;
  /** Past it, nothing is resent: the command stays in the outbox (a violation). */
  deadlineMs: number;
}

export class ChaosTerminal {
  readonly outbox = new Map<string, CommandRecord>();
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private readonly strays = new Set<Promise<void>>();
  private closed = false;
  private everConnected = false;

  constructor(private readonly o: TerminalOptions) {}

  /** Sends until a definitive ack; resolves with it (or undefined past the deadline). */
  async submit(record: CommandRecord): Promise<Ack | undefined> {
    this.outbox.set(record.txId, record);
    for (let attempt = 0; Date.now() < this.o.deadlineMs && !this.closed; attempt++) {
      if (attempt > 0) {
        this.o.stats.resends++;
        await sleep(Math.min(1_000, 50 * 2 ** Math.min(attempt, 5)) * (0.5 + this.o.random()));
      }
      const socket = await this.connected();
      if (!socket) continue;
      if (this.o.random() < this.o.duplicateRate) this.duplicateLater(record);
      const ack = await this.sendOnce(socket, record);
      if (!ack) continue;
      if (ack.ok || !transientCodes.has(ack.code ?? '')) {
        record.final = ack;
        record.resolvedAtMs = Date.now();
        this.outbox.delete(record.txId);
        return ack;
      }
      this.o.stats.transient[ack.code!] = (this.o.stats.transient[ack.code!] ?? 0) + 1;
    }
    return undefined;
  }

  /** A command whose answer is not money (balance): one try per live connection until answered. */
  async ask(event: string, payload: Record<string, unknown>): Promise<Ack | undefined> {
    while (Date.now() < this.o.deadlineMs) {
      const socket = await this.connected();
      const ack = socket ? await emit(socket, event, payload, this.o.ackTimeoutMs) : undefined;
      if (ack && (ack.ok || !transientCodes.has(ack.code ?? ''))) return ack;
      await sleep(100);
    }
    return undefined;
  }

  /** Client-side disconnect (a till losing Wi-Fi); the next send reconnects. */
  drop(): void {
    if (!this.socket) return;
    this.o.stats.drops++;
    this.socket.disconnect();
  }

  /** Waits for the duplicates still travelling (their acks are part of the checks). */
  async settle(): Promise<void> {
    while (this.strays.size) await Promise.all([...this.strays]);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
    this.socket = null;
  }

  private duplicateLater(record: CommandRecord): void {
    const delayMs = this.o.random() * this.o.maxDuplicateDelayMs;
    const stray = sleep(delayMs).then(async () => {
      const socket = this.socket;
      if (!socket?.connected || this.closed) return;
      record.duplicates++;
      this.o.stats.duplicates++;
      await this.sendOnce(socket, record);
    });
    this.strays.add(stray);
    void stray.finally(() => this.strays.delete(stray));
  }

  private async sendOnce(socket: Socket, record: CommandRecord): Promise<Ack | undefined> {
    record.sends++;
    const ack = await emit(socket, record.event, record.payload, this.o.ackTimeoutMs);
    if (ack) record.acks.push(ack);
    else this.o.stats.unanswered++;
    return ack;
  }

  private async connected(): Promise<Socket | null> {
    if (this.socket?.connected) return this.socket;
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting.catch(() => null);
  }

  private async connect(): Promise<Socket> {
    for (let attempt = 0; Date.now() < this.o.deadlineMs && !this.closed; attempt++) {
      await sleep(attempt === 0 ? 20 + this.o.random() * 100 : Math.min(1_000, 100 * attempt));
      const url = this.o.pickNode();
      if (!url) continue;
      const socket = await open(url, this.o.token).catch(() => null);
      if (!socket) continue;
      if (this.everConnected) this.o.stats.reconnects++;
      this.everConnected = true;
      socket.on('disconnect', () => {
        if (this.socket === socket) this.socket = null;
      });
      this.socket = socket;
      return socket;
    }
    throw new Error(`terminal ${this.o.index}: no connection before the deadline`);
  }
}

/** A connected socket, or a rejection within `connectTimeoutMs` (a handshake may hang on a sick node). */
function open(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/terminal`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false, timeout: connectTimeoutMs });
    const fail = (err: unknown) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error('handshake timed out')), connectTimeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', fail);
    // A node killed mid-handshake closes the connection: the client says 'disconnect', not connect_error.
    socket.once('disconnect', () => fail(new Error('closed during the handshake')));
  });
}

/** One emit: its ack, or undefined on timeout or when the connection drops first. */
function emit(socket: Socket, event: string, payload: Record<string, unknown>, timeoutMs: number): Promise<Ack | undefined> {
  return new Promise((resolve) => {
    const onDisconnect = () => resolve(undefined);
    socket.once('disconnect', onDisconnect);
    socket
      .timeout(timeoutMs)
      .emitWithAck(event, payload)
      .then(
        (ack: Ack) => resolve(ack),
        () => resolve(undefined),
      )
      .finally(() => socket.off('disconnect', onDisconnect));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
