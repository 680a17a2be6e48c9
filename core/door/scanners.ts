// Door scanners: a volunteer's phone paired like a terminal (an admin creates a scanner for a
// chosen set of events and is shown a one-time 6-digit code; the phone exchanges it for a bearer
// token). A scanner can only check tickets of its events in its collective: no admin rights.
// Invariants: a pairing code is used at most once (guarded update on `used: false`, not
// expired); only the token's sha256 is stored; a revoked scanner is refused at once (no cache).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import { issuePairingCode } from '../pairing/codes.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Collection, Store } from '../store/port.js';

export interface DoorScanner {
  _id: string;
  collectiveId: string;
  name: string;
  eventIds: string[];
  state: 'pending' | 'paired' | 'revoked';
  tokenHash?: string;
  createdAt: number;
  pairedAt?: number;
  revokedAt?: number;
}

export type ScannerView = Omit<DoorScanner, 'tokenHash'>;

export const maxEventsPerScanner = 20;
const pairingTtlMs = 10 * 60_000;
const pairAttemptsPerMinute = 10;

export class DoorScanners {
  private readonly scanners: Collection<DoorScanner>;
  private readonly codes: Collection<{ _id: string; scannerId: string; expiresAt: number; used: boolean; createdAt: number }>;
  private readonly attempts = new Map<string, { startMs: number; count: number }>();

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.scanners = store.collection<DoorScanner>('door_scanners');
    this.codes = store.collection('door_pairing_codes');
  }

  async start(): Promise<void> {
    await this.scanners.ensureIndexes([
      { name: 'token', keys: { tokenHash: 1 } },
      { name: 'collective', keys: { collectiveId: 1 } },
    ]);
  }

  /** A scanner for events already checked to belong to the collective, and its one-time code. */
  async create(collectiveId: string, name: string, eventIds: string[]): Promise<{ scanner: ScannerView; pairingCode: string; expiresAt: number }> {
    const now = this.clock.now();
    const scanner: DoorScanner = { _id: newId('scn_'), collectiveId, name, eventIds: [...new Set(eventIds)], state: 'pending', createdAt: now };
    await this.scanners.insertOne(scanner);
    const expiresAt = now + pairingTtlMs;
    return { scanner: view(scanner), pairingCode: await this.issueCode(scanner._id, expiresAt, now), expiresAt };
  }

  /** Exchanges a pairing code for a bearer token; `clientKey` (the caller's IP) is rate-limited. */
  async pair(pairingCode: string, clientKey: string): Promise<{ token: string; scanner: ScannerView }> {
    if (!this.takeAttempt(clientKey)) throw new AppError('RATE_LIMITED', 'too many pairing attempts; wait a minute');
    const now = this.clock.now();
    const won = await this.codes.updateOne({ _id: pairingCode, used: false, expiresAt: { $gt: now } }, { $set: { used: true, usedAt: now } });
    if (!won.matched) throw new AppError('UNAUTHORIZED', 'this pairing code is unknown, expired or already used');
    const code = (await this.codes.findOne({ _id: pairingCode }))!;
    const token = randomBytes(32).toString('hex');
    const res = await this.scanners.updateOne({ _id: code.scannerId, state: 'pending' }, { $set: { state: 'paired', tokenHash: sha256Hex(token), pairedAt: now } });
    if (!res.matched) throw new AppError('UNAUTHORIZED', 'this scanner was revoked before pairing');
    return { token, scanner: view((await this.scanners.findOne({ _id: code.scannerId }))!) };
  }

  /** The paired scanner holding this token, or UNAUTHORIZED. */
  async authenticate(token: unknown): Promise<DoorScanner> {
    if (typeof token !== 'string' || !/^[0-9a-f]{64}$/.test(token)) throw new AppError('UNAUTHORIZED', 'a scanner token is 64 hex characters');
    const scanner = await this.scanners.findOne({ tokenHash: sha256Hex(token), state: 'paired' });
    if (!scanner) throw new AppError('UNAUTHORIZED', 'unknown or revoked scanner');
    return scanner;
  }

  async list(collectiveId: string): Promise<ScannerView[]> {
    return (await this.scanners.find({ collectiveId }, { sort: { createdAt: 1 }, limit: 200 })).map(view);
  }

  async revoke(collectiveId: string, scannerId: string): Promise<ScannerView> {
    const scanner = await this.scanners.findOne({ _id: scannerId });
    if (!scanner || scanner.collectiveId !== collectiveId) throw new AppError('NOT_FOUND', 'no such scanner');
    const now = this.clock.now();
    await this.scanners.updateOne({ _id: scannerId }, { $set: { state: 'revoked', revokedAt: now } });
    await this.codes.updateMany({ scannerId, used: false }, { $set: { used: true } });
    return view((await this.scanners.findOne({ _id: scannerId }))!);
  }

  private issueCode(scannerId: string, expiresAt: number, now: number): Promise<string> {
    return issuePairingCode(this.codes, { scannerId }, expiresAt, now);
  }

  private takeAttempt(key: string): boolean {
    const now = this.clock.now();
    let w = this.attempts.get(key);
    if (!w || now - w.startMs >= 60_000) {
      if (this.attempts.size >= 50_000) this.attempts.clear();
      this.attempts.set(key, (w = { startMs: now, count: 0 }));
    }
    w.count += 1;
    return w.count <= pairAttemptsPerMinute;
  }
}

function view(scanner: DoorScanner): ScannerView {
  const { tokenHash: _hidden, ...rest } = scanner;
  return rest;
}
