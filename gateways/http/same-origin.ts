// Cross-site request forgery: a page of another site can make the browser send our cookies with
// a form post (urlencoded, multipart, text/plain) or open a WebSocket. A state-changing request
// or a handshake that carries a cookie is refused unless the browser says it comes from our own
// origin: `Sec-Fetch-Site` same-origin (or none: typed in the address bar), and `Origin`, when
// sent, this host or PUBLIC_URL. Bodies of such requests are JSON only: a cross-site form cannot
// send `application/json` without a CORS preflight, which we never grant. Clients that send no
// browser headers at all (terminals, scripts, curl) are not browsers and carry no ambient cookie.
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../../core/shared/errors.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why these request headers are not from our own origin, or null when they are. */
export function crossSiteRefusal(headers: IncomingHttpHeaders, publicUrl: string | undefined): string | null {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is ${site}`;
  const origin = headers.origin;
  if (typeof origin === 'string' && !isOwnOrigin(origin, headers.host, publicUrl)) return `Origin ${origin} is not this site`;
  return null;
}

export function sameOriginWrites(options: { publicUrl?: string }): RequestHandler {
  return (req, _res, next) => {
    if (safeMethods.has(req.method) || !req.headers.cookie) return next();
    const refusal = crossSiteRefusal(req.headers, options.publicUrl);
    if (refusal) return next(new AppError('FORBIDDEN', `cross-site request refused: ${refusal}`, { reason: 'CROSS_SITE' }));
    const type = req.headers['content-type'];
    if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
      return next(new AppError('INVALID_INPUT', 'a request with a session cookie sends JSON (application/json) or no body', { reason: 'NOT_JSON' }));
    }
    next();
  };
}

function isOwnOrigin(origin: string, host: string | undefined, publicUrl: string | undefined): boolean {
  if (publicUrl && origin === new URL(publicUrl).origin) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
