// Who is signed in on this page: the person's account (GET /api/me) loaded once and shared by
// every screen (buyer details, the account page), reloaded after anything that changes it.
// A 401 is not an error: it means a guest.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../shared/api.js';
import type { Me } from './api-types.js';
import { accountApi } from './site-api.js';

export type SessionState = { status: 'loading' } | { status: 'guest' } | { status: 'signed-in'; me: Me } | { status: 'error'; error: unknown };

let state: SessionState = { status: 'loading' };
let pending: Promise<SessionState> | undefined;
const listeners = new Set<() => void>();

export function sessionState(): SessionState {
  return state;
}

/** Loads the account (once, unless `force`), and tells every listening component. */
export function loadSession(force = false): Promise<SessionState> {
  if (pending && !force) return pending;
  pending = accountApi.me().then(
    (me) => set('guest' in me ? { status: 'guest' } : { status: 'signed-in', me }),
    (error) => set(error instanceof ApiError && error.status === 401 ? { status: 'guest' } : { status: 'error', error }),
  );
  return pending;
}

export async function signOut(): Promise<void> {
  await accountApi.logout();
  pending = Promise.resolve(set({ status: 'guest' }));
}

function set(next: SessionState): SessionState {
  state = next;
  for (const listener of listeners) listener();
  return next;
}

/** Re-renders its host when the session changes; loads it when the host first connects. */
export class SessionController implements ReactiveController {
  private readonly listener = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get state(): SessionState {
    return state;
  }

  get me(): Me | undefined {
    return state.status === 'signed-in' ? state.me : undefined;
  }

  hostConnected(): void {
    listeners.add(this.listener);
    void loadSession();
  }

  hostDisconnected(): void {
    listeners.delete(this.listener);
  }
}
