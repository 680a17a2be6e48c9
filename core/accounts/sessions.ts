// Admin sessions (token sessions in their own collection): a token opens nothing once its
// account is disabled.
import type { Clock } from '../clock/port.js';
import type { Store } from '../store/port.js';
import type { AccountService } from './service.js';
import { TokenSessions, type OpenedSession } from './token-sessions.js';
import type { Principal } from './types.js';

export type { OpenedSession };

export const sessionTtlMs = 12 * 3_600_000;

export class SessionService {
  private readonly tokens: TokenSessions;

  constructor(
    store: Store,
    clock: Clock,
    private readonly accounts: AccountService,
    ttlMs = sessionTtlMs,
  ) {
    this.tokens = new TokenSessions(store, 'sessions', clock, ttlMs);
  }

  start(): Promise<void> {
    return this.tokens.start();
  }

  open(accountId: string): Promise<OpenedSession> {
    return this.tokens.open(accountId);
  }

  /** Who holds this token, or null when it is unknown, expired, or its account was disabled. */
  async resolve(token: string): Promise<Principal | null> {
    const accountId = await this.tokens.subjectOf(token);
    return accountId ? this.accounts.find(accountId) : null;
  }

  close(token: string): Promise<void> {
    return this.tokens.close(token);
  }
}
