// Terminals of a point of sale: an admin creates one and is shown a one-time pairing code; the
// device exchanges the code for a bearer token (protocol v1). Invariants:
// - a pairing code is used at most once, even by concurrent pairings: a guarded update on the
//   code's document (`used: false`, not expired) lets exactly one pairing through;
// - the token is never stored, only its sha256; a revoked terminal is refused by every node:
//   revocation is written to the store first, then announced on the bus (`terminal:revoked`)
//   so nodes drop their cache and disconnect its sockets; the cache also expires, bounding
//   how long a node that missed the announcement (at-most-once bus) keeps trusting it.
import { randomBytes } from 'node:crypto';
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import { issuePairingCode } from '../pairing/codes.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Collection, Store } from '../store/port.js';
import type { Terminal } from './types.js';

export const terminalRevokedChannel = 'terminal:revoked';

export interface TerminalRevoked {
  terminalId: string;
  posId: string;
}

/** What a listing shows of a terminal: never its token hash nor its offline key. */
export type TerminalView = Omit<Terminal, 'tokenHash' | 'offlineKey'> & { revokedAt?: number };

export interface TerminalOptions {
  pairingTtlMs?: number;
  /** Pairing attempts allowed per client (IP) per window: 6 digits must not be guessable. */
  pairAttemptsPerWindow?: number;
  pairWindowMs?: number;
  authCacheTtlMs?: number;
}

export class TerminalService {
  private readonly terminals: Collection<StoredTerminal>;
  private readonly codes: Collection<PairingCode>;
  private readonly pairingTtlMs: number;
  private readonly authCacheTtlMs: number;
  private readonly attempts: AttemptLimiter;
  // Promises are cached (single flight): a reconnect storm reads each terminal once.
  private readonly byTokenHash = new Map<string, { terminal: Promise<StoredTerminal | null>; atMs: number }>();
  private readonly revokedHere = new Set<string>();
  private readonly revokedHandlers = new Set<(event: TerminalRevoked) => void>();

  constructor(
    store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    options: TerminalOptions = {},
  ) {
    this.terminals = store.collection<StoredTerminal>('terminals');
    this.codes = store.collection<PairingCode>('terminal_pairing_codes');
    this.pairingTtlMs = options.pairingTtlMs ?? 10 * 60_000;
    this.authCacheTtlMs = options.authCacheTtlMs ?? 30_000;
    this.attempts = new AttemptLimiter(clock, options.pairAttemptsPerWindow ?? 10, options.pairWindowMs ?? 60_000);
  }

  async start(): Promise<void> {
    await this.terminals.ensureIndexes([
      { name: 'token', keys: { tokenHash: 1 } },
      { name: 'pos', keys: { posId: 1 } },
    ]);
    await this.bus.subscribe(terminalRevokedChannel, (msg) => this.forgetRevoked(msg as TerminalRevoked));
  }

  /** A new terminal for a POS (already checked to belong to the collective) and its one-time code. */
  async createTerminal(posId: string, collectiveId: string, name?: string): Promise<{ terminalId: string; pairingCode: string; expiresAt: number }> {
    const now = this.clock.now();
    const terminal: StoredTerminal = { _id: newId('term_'), posId, collectiveId, name: checkName(name ?? 'Terminal'), state: 'pending', createdAt: now };
    await this.terminals.insertOne(terminal);
    const expiresAt = now + this.pairingTtlMs;
    const pairingCode = await this.issueCode(terminal._id, expiresAt, now);
    return { terminalId: terminal._id, pairingCode, expiresAt };
  }

  /** Exchanges a pairing code for a bearer token; `clientKey` (the caller's IP) is rate-limited. */
  async pair(pairingCode: string, name: string, clientKey = 'unknown'): Promise<{ token: string; terminalId: string; posId: string; offlineKey: string }> {
    if (!this.attempts.take(clientKey)) throw new AppError('RATE_LIMITED', 'too many pairing attempts; wait a minute');
    if (typeof pairingCode !== 'string' || !/^\d{6}$/.test(pairingCode)) throw new AppError('INVALID_INPUT', 'a pairing code is 6 digits');
    const terminalName = checkName(name);
    const now = this.clock.now();
    const won = await this.codes.updateOne({ _id: pairingCode, used: false, expiresAt: { $gt: now } }, { $set: { used: true, usedAt: now } });
    if (!won.matched) throw new AppError('UNAUTHORIZED', 'this pairing code is unknown, expired or already used');
    const code = (await this.codes.findOne({ _id: pairingCode }))!;
    const token = randomBytes(32).toString('hex');
    // The key that signs the terminal's offline journal: a forged or altered entry fails at sync.
    const offlineKey = randomBytes(32).toString('hex');
    const res = await this.terminals.updateOne(
      { _id: code.terminalId, state: 'pending' },
      { $set: { state: 'paired', tokenHash: sha256Hex(token), offlineKey, name: terminalName, pairedAt: now } },
    );
    if (!res.matched) throw new AppError('UNAUTHORIZED', 'this terminal was revoked before pairing');
    const terminal = (await this.terminals.findOne({ _id: code.terminalId }))!;
    return { token, terminalId: terminal._id, posId: terminal.posId, offlineKey };
  }

  /** The paired terminal holding this token, or UNAUTHORIZED (bad, unknown or revoked token). */
  async authenticate(token: unknown): Promise<TerminalView> {
    return this.authenticateHash(this.tokenHash(token));
  }

  /** The hash a token is known by (UNAUTHORIZED if it cannot be a token): a socket keeps it, not the token. */
  tokenHash(token: unknown): string {
    if (typeof token !== 'string' || !/^[0-9a-f]{64}$/.test(token)) throw new AppError('UNAUTHORIZED', 'a terminal token is 64 hex characters');
    return sha256Hex(token);
  }

  /** As `authenticate`, for a connected terminal whose token was hashed at its handshake (each command checks revocation). */
  async authenticateHash(hash: string): Promise<TerminalView> {
    const now = this.clock.now();
    let cached = this.byTokenHash.get(hash);
    if (!cached || now - cached.atMs > this.authCacheTtlMs) {
      if (this.byTokenHash.size >= authCacheLimit) this.byTokenHash.clear();
      cached = { terminal: this.terminals.findOne({ tokenHash: hash, state: 'paired' }), atMs: now };
      this.byTokenHash.set(hash, cached);
    }
    const terminal = await cached.terminal.catch((err) => {
      this.byTokenHash.delete(hash);
      throw err;
    });
    if (!terminal) {
      this.byTokenHash.delete(hash); // misses are not cached: a flood of bad tokens holds no memory
      throw new AppError('UNAUTHORIZED', 'unknown or revoked terminal');
    }
    // A read that started before a revocation may still resolve to the paired terminal.
    if (this.revokedHere.has(terminal._id)) throw new AppError('UNAUTHORIZED', 'this terminal was revoked');
    return view(terminal);
  }

  /** Revokes a terminal of the collective; every node drops it and disconnects its sockets. */
  async revoke(terminalId: string, collectiveId: string, posId?: string): Promise<TerminalView> {
    const terminal = await this.terminals.findOne({ _id: terminalId });
    if (!terminal || terminal.collectiveId !== collectiveId || (posId && terminal.posId !== posId)) throw new AppError('NOT_FOUND', 'no such terminal');
    if (terminal.state !== 'revoked') {
      const now = this.clock.now();
      await this.terminals.updateOne({ _id: terminalId }, { $set: { state: 'revoked', revokedAt: now } });
      await this.codes.updateMany({ terminalId, used: false }, { $set: { used: true, usedAt: now } });
    }
    const event: TerminalRevoked = { terminalId, posId: terminal.posId };
    this.forgetRevoked(event);
    await this.bus.publish(terminalRevokedChannel, event);
    return view((await this.terminals.findOne({ _id: terminalId }))!);
  }

  /** The terminal as stored now (never cached: a sync must see a revocation at once), key included. */
  async current(terminalId: string): Promise<Terminal | null> {
    return this.terminals.findOne({ _id: terminalId });
  }

  /** Notes when a terminal was last heard from, and last synced its offline journal. */
  async touch(terminalId: string, times: { lastSeenAt?: number; lastSyncAt?: number }): Promise<void> {
    await this.terminals.updateOne({ _id: terminalId }, { $set: times });
  }

  /** Paired terminals of a collective (admin: which have not synced for long). */
  async ofCollective(collectiveId: string): Promise<TerminalView[]> {
    return (await this.terminals.find({ collectiveId, state: 'paired' }, { sort: { createdAt: 1 } })).map(view);
  }

  async list(posId: string): Promise<TerminalView[]> {
    return (await this.terminals.find({ posId }, { sort: { createdAt: 1 } })).map(view);
  }

  /** Called on this node for every revocation (local or announced): gateways disconnect sockets. */
  onRevoked(handler: (event: TerminalRevoked) => void): () => void {
    this.revokedHandlers.add(handler);
    return () => this.revokedHandlers.delete(handler);
  }

  private forgetRevoked(event: TerminalRevoked): void {
    if (this.revokedHere.size >= revokedMemoryLimit) this.revokedHere.clear(); // the store still says revoked
    this.revokedHere.add(event.terminalId);
    for (const [hash, entry] of this.byTokenHash) {
      void entry.terminal.then((t) => t?._id === event.terminalId && this.byTokenHash.delete(hash), () => undefined);
    }
    for (const handler of this.revokedHandlers) handler(event);
  }

  private issueCode(terminalId: string, expiresAt: number, now: number): Promise<string> {
    return issuePairingCode(this.codes, { terminalId }, expiresAt, now);
  }
}

interface StoredTerminal extends Terminal {
  revokedAt?: number;
}

interface PairingCode {
  _id: string; // the 6 digits
  terminalId: string;
  expiresAt: number;
  used: boolean;
  usedAt?: number;
  createdAt: number;
}

const authCacheLimit = 10_000;
const revokedMemoryLimit = 10_000;

function view(terminal: StoredTerminal): TerminalView {
  const { tokenHash: _hidden, offlineKey: _key, ...rest } = terminal;
  return rest;
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || !name.trim() || name.length > 64) throw new AppError('INVALID_INPUT', 'a terminal name is 1 to 64 characters');
  return name.trim();
}

/** Fixed-window attempt counter per client, in memory (per node): enough to stop code guessing. */
class AttemptLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly perWindow: number,
    private readonly windowMs: number,
  ) {}

  take(key: string): boolean {
    const now = this.clock.now();
    let w = this.windows.get(key);
    if (!w || now - w.startMs >= this.windowMs) {
      if (this.windows.size >= 50_000) this.windows.clear();
      this.windows.set(key, (w = { startMs: now, count: 0 }));
    }
    w.count += 1;
    return w.count <= this.perWindow;
  }
}
