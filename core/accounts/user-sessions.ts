// Sessions of the public (Lespass accounts), apart from admin sessions (sessions.ts): another
// collection, another cookie, so a user session can never pass for an admin one.
import type { Clock } from '../clock/port.js';
import type { Store } from '../store/port.js';
import { TokenSessions, type OpenedSession } from './token-sessions.js';
import type { User, UserService } from './users.js';

export const userSessionTtlMs = 30 * 24 * 3_600_000;

export class UserSessions {
  private readonly tokens: TokenSessions;

  constructor(
    store: Store,
    clock: Clock,
    private readonly users: UserService,
    ttlMs = userSessionTtlMs,
  ) {
    this.tokens = new TokenSessions(store, 'user_sessions', clock, ttlMs);
  }

  start(): Promise<void> {
    return this.tokens.start();
  }

  open(userId: string): Promise<OpenedSession> {
    return this.tokens.open(userId);
  }

  /** The signed-in user, or null when the token is unknown or expired. */
  async resolve(token: string): Promise<User | null> {
    const userId = await this.tokens.subjectOf(token);
    return userId ? this.users.find(userId) : null;
  }

  close(token: string): Promise<void> {
    return this.tokens.close(token);
  }
}
