// Sessions of the public (Lespass accounts), apart from admin sessions (sessions.ts): another
// collection, another cookie, so a user session can never pass for an admin one. The browser
// holds a random token; the store keeps only its sha256.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import type { Collection, Doc, Store } from '../store/port.js';
import type { User, UserService } from './users.js';

export const userSessionTtlMs = 30 * 24 * 3_600_000;

interface UserSessionDoc extends Doc {
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export class UserSessions {
  private readonly docs: Collection<UserSessionDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly ttlMs = userSessionTtlMs,
  ) {
    this.docs = store.collection<UserSessionDoc>('user_sessions');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'expires', keys: { expiresAt: 1 } }]);
  }

  async open(userId: string): Promise<{ token: string; expiresAt: number }> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    await this.docs.insertOne({ _id: sha256Hex(token), userId, createdAt: now, expiresAt: now + this.ttlMs });
    await this.docs.deleteMany({ expiresAt: { $lt: now } });
    return { token, expiresAt: now + this.ttlMs };
  }

  /** The signed-in user, or null when the token is unknown or expired. */
  async resolve(token: string): Promise<User | null> {
    if (!token || token.length > 100) return null;
    const session = await this.docs.findOne({ _id: sha256Hex(token) });
    if (!session) return null;
    if (session.expiresAt <= this.clock.now()) {
      await this.docs.deleteOne({ _id: session._id });
      return null;
    }
    return this.users.find(session.userId);
  }

  async close(token: string): Promise<void> {
    await this.docs.deleteOne({ _id: sha256Hex(token) });
  }
}
