// Browser protections on every answer (pages and API alike), what helmet would set, written here
// to need no package. The CSP is what the built UIs need and no more: scripts and styles from
// this origin (styles also inline: Lit templates and index.html use them), images from here, data:
// (QR codes) and https (collectives' logos), WebSockets to this origin and to the NFC bridge on
// this device, no plugin, no framing by another site, forms posting only here.
// HSTS only when PUBLIC_URL is https: sent over plain HTTP it would lock a dev machine out.
import type { RequestHandler } from 'express';

const policy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self' WS ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy for a request to `host`: its WebSocket origins are named too ('self' covers them only in CSP 3 browsers). */
export function contentSecurityPolicy(host: string | undefined): string {
  const ws = host && /^[\w.:[\]-]+$/.test(host) ? `ws://${host} wss://${host}` : '';
  return policy.replace(' WS', ws ? ` ${ws}` : '');
}

export function securityHeaders(options: { publicUrl?: string }): RequestHandler {
  const https = options.publicUrl?.startsWith('https://') ?? false;
  return (req, res, next) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    // Sign-in links carry a token in their path: never leak a URL to another site.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
