// Staff sign-in, as the admin and dashboard forms do it: POST /api/auth/login (the server sets
// the session cookie) answers who signed in; a failure is either a refusal (wrong email or
// password, said plainly) or an error code to show.
import type { Principal } from '../../core/accounts/types.js';
import { api, ApiError } from './api.js';

/** Who is signed in, as /api/auth/login and /api/auth/me answer it. */
export type SignedInAccount = Principal;

export async function signIn(email: string, password: string): Promise<SignedInAccount> {
  const { account } = await api<{ account: SignedInAccount }>('/api/auth/login', { body: { email, password } });
  return account;
}

/** Why a sign-in failed: refused (bad credentials or input), else the error code (NETWORK when no answer came). */
export function signInFailure(err: unknown): { refused: true } | { refused: false; code: string } {
  const code = err instanceof ApiError ? err.code : 'NETWORK';
  return code === 'UNAUTHORIZED' || code === 'INVALID_INPUT' ? { refused: true } : { refused: false, code };
}
