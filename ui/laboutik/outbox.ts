// The terminal's outbox: every money command (sale, top-up, refund) is written here, with the
// txId the terminal generated, BEFORE it is sent, and removed only once the server's answer is
// final. Invariants: a txId is in the outbox at most once; an entry's payload never changes
// after it is added (a resend must be byte-for-byte the same command, or the server answers
// DUPLICATE_TX_CONFLICT); the outbox is bounded (a terminal cut off for long stops taking
// money commands instead of piling up unconfirmed ones).
// It survives a reload: state lives in the given storage (localStorage in the browser), read
// and written on every operation so two tabs of one terminal do not overwrite each other.

export type MoneyCommand = 'sale' | 'topup' | 'refund';

export interface OutboxEntry<P extends { txId: string } = { txId: string } & Record<string, unknown>> {
  txId: string;
  command: MoneyCommand;
  payload: P;
  /** What the screen needs to show this command later (cart lines, total...), never sent. */
  context?: Record<string, unknown>;
  createdAtMs: number;
  attempts: number;
  lastAttemptAtMs?: number;
}

/** The part of the Web Storage API the outbox uses (localStorage, or a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const outboxLimit = 50;

export class OutboxFullError extends Error {
  constructor(limit: number) {
    super(`the outbox already holds ${limit} unconfirmed commands`);
    this.name = 'OutboxFullError';
  }
}

export class Outbox {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key = 'laboutik.outbox',
    private readonly limit = outboxLimit,
  ) {}

  /** Unconfirmed commands, oldest first. */
  list(): OutboxEntry[] {
    return this.read();
  }

  get size(): number {
    return this.read().length;
  }

  get(txId: string): OutboxEntry | undefined {
    return this.read().find((e) => e.txId === txId);
  }

  /** Records a command before it is sent. Adding a txId already there keeps the first entry. */
  add(entry: Omit<OutboxEntry, 'attempts'>): OutboxEntry {
    if (entry.payload.txId !== entry.txId) throw new Error('an outbox entry carries its txId in its payload');
    const entries = this.read();
    const existing = entries.find((e) => e.txId === entry.txId);
    if (existing) return existing;
    if (entries.length >= this.limit) throw new OutboxFullError(this.limit);
    const added: OutboxEntry = { ...entry, attempts: 0 };
    this.write([...entries, added]);
    return added;
  }

  markAttempt(txId: string, atMs: number): void {
    this.write(this.read().map((e) => (e.txId === txId ? { ...e, attempts: e.attempts + 1, lastAttemptAtMs: atMs } : e)));
  }

  /** Forgets a command: its answer is final. */
  remove(txId: string): void {
    const entries = this.read();
    const kept = entries.filter((e) => e.txId !== txId);
    if (kept.length !== entries.length) this.write(kept);
  }

  private read(): OutboxEntry[] {
    const raw = this.storage.getItem(this.key);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return []; // a corrupt value must not stop the till; it is overwritten on the next write
    }
  }

  private write(entries: OutboxEntry[]): void {
    this.storage.setItem(this.key, JSON.stringify(entries));
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  const e = value as OutboxEntry;
  return !!e && typeof e.txId === 'string' && typeof e.command === 'string' && !!e.payload && e.payload.txId === e.txId;
}

/** In-memory KeyValueStorage: tests, and browsers where localStorage is unavailable. */
export class MemoryStorage implements KeyValueStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}
