// A chaos terminal: a real Socket.IO client speaking terminal protocol v1, with the outbox a
// till must keep. A money command stays in the outbox until a definitive ack (ok, or a refusal
// such as INSUFFICIENT_FUNDS); on an ack timeout, a lost connection or a transient failure it
// is resent with the SAME txId, after reconnecting (maybe to another node). It also misbehaves
// on purpose: it sends duplicates of a command while the first is in flight, after random
// delays (some arrive after the ack), and drops its own connection.
import { io, type Socket } from 'socket.io-client';
import { signEntry } from '../core/pos/offline-sync.js';
import { defaultOfflinePolicy } from '../core/pos/offline-policy.js';
import { retryableCodes } from '../ui/laboutik/money-commands.js';

export type Ack = { ok: boolean; code?: string; [field: string]: unknown };

/** Failures worth a resend, exactly as the LaBoutik terminal app decides; any other is the answer. */
export const transientCodes: ReadonlySet<string> = retryableCodes;

const connectTimeoutMs = 3_000;

export interface CommandRecord {
  txId: string;
  /** 'offline': a sale this terminal accepted alone during a partition, synced afterwards. */
  event: 'sale' | 'topup' | 'offline';
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
  /** Signs this terminal's offline journal (issued at pairing). */
  offline?: { terminalId: string; offlineKey: string };
  /** The local currency whose balances the terminal remembers from acks. */
  asset?: string;
}

/** Why the partitioned terminal refused a sale alone (never sent). */
export type LocalRefusal = 'OFFLINE_LIMIT' | 'OFFLINE_CARD_LIMIT' | 'OFFLINE_TOTAL_LIMIT' | 'CARD_IN_DEBT' | 'INSUFFICIENT_FUNDS' | 'OFFLINE_BALANCE_UNKNOWN';

export class ChaosTerminal {
  readonly outbox = new Map<string, CommandRecord>();
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private readonly strays = new Set<Promise<void>>();
  private closed = false;
  private everConnected = false;
  private partitionedUntilMs = 0;
  private partitionRequestMs = 0;
  /** What the terminal knows to decide alone: balances from acks, cards listed in debt. */
  private readonly knownBalances = new Map<string, number>();
  private readonly inDebt = new Set<string>();
  private readonly journal: Array<{ record: CommandRecord; body: string; mac: string; pass: number }> = [];
  private journalSeq = 0;
  private syncing: Promise<void> | null = null;
  prices = new Map<string, number>();

  constructor(private readonly o: TerminalOptions) {}

  /**
   * The network between this terminal and every node will be cut for `ms`, from its next command
   * on (`beginPartition`): it sells alone meanwhile. A command in flight is covered by `drop`.
   */
  partition(ms: number): void {
    this.partitionRequestMs = ms;
  }

  beginPartition(): void {
    if (!this.partitionRequestMs) return;
    this.partitionedUntilMs = Date.now() + this.partitionRequestMs;
    this.partitionRequestMs = 0;
    this.socket?.disconnect();
  }

  get partitionPending(): boolean {
    return this.partitionRequestMs > 0 || this.partitioned;
  }

  get partitioned(): boolean {
    return Date.now() < this.partitionedUntilMs;
  }

  get unsynced(): number {
    return this.journal.length;
  }

  /**
   * Decides a Pass sale alone, as LaBoutik does (ui/laboutik/offline/decide.ts): the default
   * policy's ceilings, no card listed in debt, the last known balance minus its own offline spends.
   * Accepted: journaled (signed), to be synced. Refused: never sent.
   */
  sellOffline(record: CommandRecord): LocalRefusal | null {
    const lines = record.payload.lines as Array<{ productId: string; qty: number }>;
    const total = lines.reduce((s, l) => s + (this.prices.get(l.productId) ?? 0) * l.qty, 0);
    const policy = defaultOfflinePolicy;
    const card = record.cardUid;
    const cardSpent = this.journal.filter((j) => j.record.cardUid === card).reduce((s, j) => s + j.pass, 0);
    const terminalSpent = this.journal.reduce((s, j) => s + j.pass, 0);
    const known = this.knownBalances.get(card);
    if (total > policy.maxSaleCents) return 'OFFLINE_LIMIT';
    if (this.inDebt.has(card)) return 'CARD_IN_DEBT';
    if (cardSpent + total > policy.maxPerCardCents) return 'OFFLINE_CARD_LIMIT';
    if (terminalSpent + total > policy.maxTotalCents) return 'OFFLINE_TOTAL_LIMIT';
    if (known === undefined) return 'OFFLINE_BALANCE_UNKNOWN';
    if (known - cardSpent < total) return 'INSUFFICIENT_FUNDS';
    const { terminalId, offlineKey } = this.o.offline!;
    const body = JSON.stringify({ v: 1, terminalId, txId: record.txId, seq: ++this.journalSeq, at: Date.now(), lines, payments: record.payload.payments });
    this.journal.push({ record, body, mac: signEntry(offlineKey, body), pass: total });
    this.outbox.set(record.txId, record);
    return null;
  }

  /** Sends the journal in order until each entry has a definitive result (one sync at a time). */
  syncJournal(): Promise<void> {
    this.syncing ??= this.syncAll().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async syncAll(): Promise<void> {
    while (this.journal.length && Date.now() < this.o.deadlineMs && !this.closed) {
      const batch = this.journal.slice(0, 20);
      const ack = await this.ask('offlineSync', { entries: batch.map(({ body, mac }) => ({ body, mac })) });
      if (!ack?.ok) continue;
      for (const result of ack.results as Ack[]) {
        const entry = batch.find((j) => j.record.txId === result.txId);
        if (!entry) continue;
        entry.record.acks.push(result);
        entry.record.sends++;
        entry.record.final = result;
        entry.record.resolvedAtMs = Date.now();
        this.outbox.delete(entry.record.txId);
        const at = this.journal.indexOf(entry);
        if (at >= 0) this.journal.splice(at, 1);
        this.learn(entry.record.cardUid, result);
        if (result.shortfall) this.inDebt.add(entry.record.cardUid);
      }
    }
  }

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
        this.learn(record.cardUid, ack);
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

  /** Remembers a card's balance from an ack (a top-up that repaid a debt takes it off the list). */
  private learn(cardUid: string, ack: Ack): void {
    const lines = ack.ok ? (ack.balances as Array<{ asset: string; amount: number }> | undefined) : undefined;
    if (lines && this.o.asset) this.knownBalances.set(cardUid, lines.find((l) => l.asset === this.o.asset)?.amount ?? 0);
    if (ack.ok && ack.repaid) this.inDebt.delete(cardUid);
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
    if (this.partitioned) {
      await sleep(Math.min(200, this.partitionedUntilMs - Date.now()));
      return null;
    }
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
      // The blocklist the server pushes: cards in debt are refused offline until repaid.
      socket.on('blocklist:changed', (change: { cardUid: string; listed: boolean }) => (change.listed ? this.inDebt.add(change.cardUid) : this.inDebt.delete(change.cardUid)));
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
