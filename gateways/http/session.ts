// Admin sessions over HTTP: the session token travels in a signed, HTTP-only, SameSite=Lax
// cookie. The signature (SESSION_SECRET) refuses forged or altered cookies before any store
// look-up; the store decides whether the session is still alive.
import cookieSignature from 'cookie-signature';
import type { Request, RequestHandler, Response } from 'express';
import type { Principal } from '../../core/accounts/types.js';
import type { Core } from '../../core/runtime/boot.js';
import { AppError } from '../../core/shared/errors.js';
import { coreOf } from './core-of.js';

export const sessionCookieName = 'pass_session';

const principalKey = Symbol('principal');
type WithPrincipal = Request & { [principalKey]?: Promise<Principal | null> };

/** Who sent this request (memoised per request), or null without a valid session. */
export function loadPrincipal(req: Request): Promise<Principal | null> {
  const r = req as WithPrincipal;
  return (r[principalKey] ??= principalFromCookieHeader(coreOf(req), req.headers.cookie));
}

/** The caller; UNAUTHORIZED without a session. */
export async function principalOf(req: Request): Promise<Principal> {
  const who = await loadPrincipal(req);
  if (!who) throw new AppError('UNAUTHORIZED', 'sign in first');
  return who;
}

/** Route guard: the request needs a live admin session. */
export const requireSession: RequestHandler = async (req, _res, next) => {
  await principalOf(req);
  next();
};

/** Also for Socket.IO handshakes (`socket.handshake.headers.cookie`). */
export async function principalFromCookieHeader(core: Core, header: string | undefined): Promise<Principal | null> {
  const token = tokenFromCookieHeader(core, header);
  return token ? core.sessions.resolve(token) : null;
}

export function setSessionCookie(res: Response, core: Core, token: string, expiresAt: number): void {
  res.cookie(sessionCookieName, cookieSignature.sign(token, core.sessionSecret), {
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(core),
    path: '/',
    maxAge: Math.max(0, expiresAt - core.clock.now()),
  });
}

export function clearSessionCookie(res: Response, core: Core): void {
  res.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure: isHttps(core), path: '/' });
}

/** The token of the request's session cookie if its signature holds (to end that session). */
export function sessionToken(req: Request): string | null {
  return tokenFromCookieHeader(coreOf(req), req.headers.cookie);
}

function tokenFromCookieHeader(core: Core, header: string | undefined): string | null {
  const signed = readCookie(header, sessionCookieName);
  return (signed && cookieSignature.unsign(signed, core.sessionSecret)) || null;
}

export function isHttps(core: Core): boolean {
  return core.config.PUBLIC_URL?.startsWith('https:') ?? false;
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}
