// Sessions by bearer token, shared by admin and public sessions: the browser holds a random
// token (in a signed cookie, by the gateway); the store keeps only its sha256, so a copy of
// the database opens no session. Each kind lives in its own collection.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/port.js';
import { sha256Hex } from '../shared/canonical.js';
import type { Collection, Doc, Store } from '../store/port.js';

interface TokenSessionDoc extends Doc {
  subjectId: string;
  createdAt: number;
  expiresAt: number;
}

export interface OpenedSession {
  token: string;
  expiresAt: number;
}

const maxTokenLength = 100;

export class TokenSessions {
  private readonly docs: Collection<TokenSessionDoc>;

  constructor(
    store: Store,
    collection: string,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {
    this.docs = store.collection<TokenSessionDoc>(collection);
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'expires', keys: { expiresAt: 1 } }]);
  }

  async open(subjectId: string): Promise<OpenedSession> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.ttlMs;
    await this.docs.insertOne({ _id: sha256Hex(token), subjectId, createdAt: now, expiresAt });
    // Expired sessions are swept as new ones open: the collection stays as small as the live ones.
    await this.docs.deleteMany({ expiresAt: { $lt: now } });
    return { token, expiresAt };
  }

  /** Whose token this is, or null when it is unknown or expired. */
  async subjectOf(token: string): Promise<string | null> {
    if (!token || token.length > maxTokenLength) return null;
    const session = await this.docs.findOne({ _id: sha256Hex(token) });
    if (!session) return null;
    if (session.expiresAt <= this.clock.now()) {
      await this.docs.deleteOne({ _id: session._id });
      return null;
    }
    return session.subjectId;
  }

  async close(token: string): Promise<void> {
    await this.docs.deleteOne({ _id: sha256Hex(token) });
  }
}
