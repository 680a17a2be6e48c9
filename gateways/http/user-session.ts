// Sessions of the public (Lespass accounts) over HTTP: the `pass_user` cookie, signed,
// HTTP-only, SameSite=Lax, apart from the admins' `pass_session` (session.ts). The signature
// (a key derived from SESSION_SECRET, distinct from the admins') refuses forged cookies before
// any store look-up; the store decides whether the session still lives.
import cookieSignature from 'cookie-signature';
import type { Request, Response } from 'express';
import type { User } from '../../core/accounts/users.js';
import type { Core } from '../../core/runtime/boot.js';
import { AppError } from '../../core/shared/errors.js';
import { coreOf } from './core-of.js';
import { isHttps, readCookie } from './session.js';

export const userCookieName = 'pass_user';

const userKey = Symbol('user');
type WithUser = Request & { [userKey]?: Promise<User | null> };

/** The signed-in member of the public (memoised per request), or null. */
export function loadUser(req: Request): Promise<User | null> {
  const r = req as WithUser;
  return (r[userKey] ??= resolveUser(coreOf(req), req));
}

/** The signed-in user; UNAUTHORIZED without a live session. */
export async function userOf(req: Request): Promise<User> {
  const user = await loadUser(req);
  if (!user) throw new AppError('UNAUTHORIZED', 'sign in with the link we email you first');
  return user;
}

export function setUserCookie(res: Response, core: Core, token: string, expiresAt: number): void {
  res.cookie(userCookieName, cookieSignature.sign(token, secretOf(core)), {
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(core),
    path: '/',
    maxAge: Math.max(0, expiresAt - core.clock.now()),
  });
}

export function clearUserCookie(res: Response, core: Core): void {
  res.clearCookie(userCookieName, { httpOnly: true, sameSite: 'lax', secure: isHttps(core), path: '/' });
}

/** The token of the request's user cookie if its signature holds. */
export function userToken(req: Request): string | null {
  const signed = readCookie(req.headers.cookie, userCookieName);
  return (signed && cookieSignature.unsign(signed, secretOf(coreOf(req)))) || null;
}

async function resolveUser(core: Core, req: Request): Promise<User | null> {
  const token = userToken(req);
  return token ? core.lespass.userSessions.resolve(token) : null;
}

function secretOf(core: Core): string {
  return `${core.sessionSecret}:pass_user`;
}
