// The terminal's offline desk: it sells when the server does not answer, and syncs later.
// The story: while online it keeps what it needs to decide alone (the POS's offline policy, the
// blocklist pushed by the server, the last known balance of cards from acks and taps, the last
// time the server answered). A sale that gets no answer within `decisionMs`, or is rung up with
// the socket down, is decided by decide.ts; an accepted one is signed with the terminal's
// offline key and written to the IndexedDB journal BEFORE "accepté hors ligne" is shown, and
// leaves the outbox (the journal sends it now, with the same txId: a first send that did reach a
// slow server is the same sale, replayed). On reconnect the journal goes first, in seq order.
import type { OfflineStateAck, OfflineSyncAck } from '../../../gateways/socket/terminal-protocol.js';
import type { CommandTransport, MoneyCommands, Outcome } from '../money-commands.js';
import type { DeviceStorage } from '../session.js';
import type { Ack, BalanceLine, Failure, SaleAnswer, SaleCommand } from '../protocol.js';
import type { SaleContext } from '../sale-screen.js';
import { decideOffline, emptyKnowledge, normalUid, spendableHere, type OfflineKnowledge } from './decide.js';
import { hmacSha256Hex } from './hmac.js';
import type { Journal, JournalEntry } from './journal.js';

/** The journal as the desk uses it (IndexedDB in the app, a Map in tests). */
export type JournalStore = Pick<Journal, 'append' | 'list' | 'update'>;

/** How long a sale waits for the server before the terminal decides alone. */
export const offlineDecisionMs = 3_000;
const syncBatch = 10;
const syncTimeoutMs = 15_000;

export type SellResult = { kind: 'online'; outcome: Outcome<SaleAnswer> } | { kind: 'offline'; entry: JournalEntry } | { kind: 'refused'; failure: Failure };

export class OfflineDesk {
  private known: OfflineKnowledge;
  private entries: JournalEntry[] = [];
  private syncing: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly transport: CommandTransport,
    private readonly journal: JournalStore,
    private readonly storage: DeviceStorage,
    private readonly session: { terminalId: string; offlineKey?: string },
    private readonly collectiveId: () => string | undefined,
    private readonly options: { decisionMs?: number; now?: () => number; onSynced?: (entry: JournalEntry) => void } = {},
  ) {
    this.known = this.loadKnowledge();
  }

  async start(): Promise<void> {
    this.entries = await this.journal.list();
    this.changed();
  }

  get unsyncedCount(): number {
    return this.entries.filter((e) => e.status === 'unsynced').length;
  }

  get list(): readonly JournalEntry[] {
    return this.entries;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sells online if the server answers in time, else decides alone. */
  async sell(commands: MoneyCommands, payload: SaleCommand, context: SaleContext): Promise<SellResult> {
    if (this.transport.connected) {
      const sending = commands.send('sale', payload, context);
      const first = await Promise.race([sending, delay(this.options.decisionMs ?? offlineDecisionMs)]);
      if (first && first.state === 'done') {
        this.noteSaleAck(payload, first.ack);
        return { kind: 'online', outcome: first };
      }
    }
    const unsynced = this.entries.filter((e) => e.status === 'unsynced');
    const decision = decideOffline({ total: context.total, payments: payload.payments }, this.known, unsynced, this.now());
    commands.abandon(payload.txId); // decided here: the journal carries it from now on
    if (!decision.ok) {
      const { ok: _ok, ...details } = decision;
      return { kind: 'refused', failure: { ok: false, message: '', ...details } };
    }
    if (!this.session.offlineKey) return { kind: 'refused', failure: { ok: false, code: 'OFFLINE_UNAVAILABLE', message: '' } };
    const entry = await this.journal.append((seq) => {
      const atMs = this.now();
      const body = JSON.stringify({ v: 1, terminalId: this.session.terminalId, txId: payload.txId, seq, at: atMs, lines: payload.lines, payments: payload.payments });
      return { txId: payload.txId, atMs, body, mac: hmacSha256Hex(this.session.offlineKey!, body), pass: decision.pass, cardUid: decision.cardUid, total: context.total, context };
    });
    this.entries = [...this.entries, entry];
    this.changed();
    if (this.transport.connected) void this.sync(); // a slow server, not a lost one: send it as soon as it can take it
    return { kind: 'offline', entry };
  }

  /** Reads the policy and the blocklist from the server (on each connection). */
  async refreshState(): Promise<void> {
    try {
      const ack = await this.transport.request<Ack<OfflineStateAck>>('offlineState', {}, syncTimeoutMs);
      if (!ack.ok) return; // a server without offline support: the terminal never sells Pass offline
      this.known.policy = ack.policy;
      this.known.blocklist = Object.fromEntries(ack.blocklist.map((b) => [normalUid(b.cardUid), b.reason]));
      this.noteContact();
    } catch {
      // no answer: keep what we knew
    }
  }

  /** Sends the unsynced journal in order; stops at the first batch without a final answer. */
  sync(): Promise<void> {
    this.syncing ??= this.syncAll().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  /** A card's balance from a tap or an ack (what it can spend at this collective). */
  noteBalances(cardUid: string, lines: BalanceLine[] | undefined): void {
    const collectiveId = this.collectiveId();
    if (!lines || !collectiveId) return;
    this.known.balances[normalUid(cardUid)] = { amount: spendableHere(lines, collectiveId), atMs: this.now() };
    this.noteContact();
  }

  noteBlocklist(change: { cardUid: string; reason: 'blocked' | 'debt'; listed: boolean }): void {
    const uid = normalUid(change.cardUid);
    if (change.listed) this.known.blocklist[uid] = change.reason;
    else delete this.known.blocklist[uid];
    this.save();
  }

  /** The server answered: the offline clock starts again from now. */
  noteContact(): void {
    this.known.lastServerContactMs = this.now();
    this.save();
  }

  private noteSaleAck(payload: SaleCommand, ack: Ack<SaleAnswer>): void {
    const card = payload.payments.find((p) => p.method === 'pass');
    if (ack.ok && card && 'cardUid' in card) this.noteBalances(card.cardUid, ack.balances);
    else this.noteContact();
  }

  private async syncAll(): Promise<void> {
    for (;;) {
      const batch = this.entries.filter((e) => e.status === 'unsynced').slice(0, syncBatch);
      if (!batch.length || !this.transport.connected) return;
      let ack: Ack<OfflineSyncAck>;
      try {
        ack = await this.transport.request<Ack<OfflineSyncAck>>('offlineSync', { entries: batch.map(({ body, mac }) => ({ body, mac })) }, syncTimeoutMs);
      } catch {
        return; // no answer: the next connection tries again
      }
      if (!ack.ok) return;
      this.noteContact();
      for (const result of ack.results) await this.settle(result);
      this.changed();
      if (ack.pending > 0) return;
    }
  }

  private async settle(result: OfflineSyncAck['results'][number]): Promise<void> {
    const entry = this.entries.find((e) => e.txId === result.txId);
    if (!entry) return;
    const patch: Partial<JournalEntry> = result.ok
      ? { status: 'synced', number: result.number, ...(result.shortfall ? { shortfall: result.shortfall } : {}) }
      : { status: 'refused', code: result.code };
    await this.journal.update(entry.txId, patch);
    Object.assign(entry, patch);
    if (result.ok && entry.cardUid) this.noteBalances(entry.cardUid, result.balances);
    if (result.ok) this.options.onSynced?.(entry);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private key(): string {
    return `laboutik.offline.${this.session.terminalId}`;
  }

  private loadKnowledge(): OfflineKnowledge {
    try {
      return { ...emptyKnowledge(), ...(JSON.parse(this.storage.getItem(this.key()) ?? '{}') as Partial<OfflineKnowledge>) };
    } catch {
      return emptyKnowledge();
    }
  }

  private save(): void {
    this.storage.setItem(this.key(), JSON.stringify(this.known));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}
