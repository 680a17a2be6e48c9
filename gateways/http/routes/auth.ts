// Admin sign-in: POST /api/auth/login sets the session cookie, /logout ends the session,
// /me says who is signed in (the caller's own account only, hence a public route).
import type { Router } from 'express';
import { z } from 'zod';
import type { Core } from '../../../core/runtime/boot.js';
import { clearSessionCookie, principalOf, sessionToken, setSessionCookie } from '../session.js';
import { validate } from '../validate.js';

const loginSchema = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(256) }).strict();

export function authRoutes(router: Router, core: Core): void {
  router.post(
    '/auth/login',
    validate({ body: loginSchema }, async ({ body }, req, res) => {
      // Throttled per account and per client address (req.ip: see TRUST_PROXY).
      const account = await core.accounts.signIn(body.email, body.password, req.ip ?? 'unknown');
      const session = await core.sessions.open(account.accountId);
      setSessionCookie(res, core, session.token, session.expiresAt);
      return { account, expiresAt: session.expiresAt };
    }),
  );

  router.post(
    '/auth/logout',
    validate({}, async (_input, req, res) => {
      const token = sessionToken(req);
      if (token) await core.sessions.close(token);
      clearSessionCookie(res, core);
    }),
  );

  router.get(
    '/auth/me',
    validate({}, async (_input, req) => ({ account: await principalOf(req) })),
  );
}
