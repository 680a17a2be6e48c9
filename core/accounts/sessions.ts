// Admin sessions: a random token given to the browser (in a signed cookie, by the gateway);
// the store keeps only its sha256, so a copy of the database opens no session.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import type { Collection, Doc, Store } from '../store/port.js';
import type { AccountService } from './service.js';
import type { Principal } from './types.js';

export const sessionTtlMs = 12 * 3_600_000;

interface SessionDoc extends Doc {
  accountId: string;
  createdAt: number;
  expiresAt: number;
}

export interface OpenedSession {
  token: string;
  expiresAt: number;
}

export class SessionService {
  private readonly docs: Collection<SessionDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly accounts: AccountService,
    private readonly ttlMs = sessionTtlMs,
  ) {
    this.docs = store.collection<SessionDoc>('sessions');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'expires', keys: { expiresAt: 1 } }]);
  }

  async open(accountId: string): Promise<OpenedSession> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const session: SessionDoc = { _id: sha256Hex(token), accountId, createdAt: now, expiresAt: now + this.ttlMs };
    await this.docs.insertOne(session);
    // Expired sessions are swept as new ones open: the collection stays as small as the live ones.
    await this.docs.deleteMany({ expiresAt: { $lt: now } });
    return { token, expiresAt: session.expiresAt };
  }

  /** Who holds this token, or null when it is unknown, expired, or its account was disabled. */
  async resolve(token: string): Promise<Principal | null> {
    if (!token || token.length > 100) return null;
    const session = await this.docs.findOne({ _id: sha256Hex(token) });
    if (!session) return null;
    if (session.expiresAt <= this.clock.now()) {
      await this.docs.deleteOne({ _id: session._id });
      return null;
    }
    return this.accounts.find(session.accountId);
  }

  async close(token: string): Promise<void> {
    await this.docs.deleteOne({ _id: sha256Hex(token) });
  }
}
