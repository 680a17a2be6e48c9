// Refunds after the event, online (core/payback):
//   PUT  /api/collectives/:collectiveId/payback-policy  {opensAt, closesAt, minimum} (admin)
//   GET  /api/collectives/:collectiveId/payback-policy                                (admin)
//   GET  /api/collectives/:collectiveId/paybacks[.csv]  requests, refunds and the transfer list (admin)
//   POST /api/me/payback              {requestId, site, iban?} the signed-in holder's global balance
//   POST /api/sites/:slug/payback     {requestId, number, secret, email, iban?} a card's, proven by
//                                     the secret printed on it (its claim code), never by its number alone
// `requestId` is the page's idempotency key: the same request again answers the first result.
import type { Router } from 'express';
import { z } from 'zod';
import { toCsv } from '../../../core/memberships/index.js';
import { accounts } from '../../../core/money/accounts.js';
import type { Payback } from '../../../core/payback/service.js';
import type { Card } from '../../../core/pass/cards.js';
import { sameClaimCode } from '../../../core/pass/claim-code.js';
import type { Core } from '../../../core/runtime/boot.js';
import { AppError } from '../../../core/shared/errors.js';
import { limits, txIdPattern } from '../../../core/shared/limits.js';
import { form } from '../form.js';
import { requireSession } from '../session.js';
import { userOf } from '../user-session.js';
import { validate } from '../validate.js';

const id = z.string().min(1).max(80);
const requestId = z.string().regex(txIdPattern, 'requestId is 8 to 80 characters of [A-Za-z0-9_.:-]');
const iban = z.string().trim().toUpperCase().transform((s) => s.replace(/\s+/g, '')).pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'an IBAN such as FR76 3000 6000 0112 3456 7890 189'));
const slug = z.string().min(1).max(40);
/** Wrong secrets for one card: a few tries per quarter hour (the number is public, the secret is not). */
const secretTriesPerCard = { max: 5, windowMs: 15 * 60_000 };

export function adminPaybackRoutes(router: Router, core: Core): void {
  const inCollective = z.object({ collectiveId: id });
  router.put(
    '/collectives/:collectiveId/payback-policy',
    requireSession,
    validate({ params: inCollective, body: z.object({ opensAt: z.number().int().min(0), closesAt: z.number().int().min(0), minimum: z.number().int().min(0).max(limits.maxAmountCents) }).strict() }, async ({ params, body }) => ({
      policy: await core.payback.policies.set(params.collectiveId, body),
    })),
  );
  router.get(
    '/collectives/:collectiveId/payback-policy',
    requireSession,
    validate({ params: inCollective }, async ({ params }) => ({ policy: await core.payback.policies.get(params.collectiveId) })),
  );
  router.get(
    '/collectives/:collectiveId/paybacks',
    requireSession,
    validate({ params: inCollective }, async ({ params }) => ({ paybacks: (await core.payback.list(params.collectiveId)).map(view) })),
  );
  router.get(
    '/collectives/:collectiveId/paybacks.csv',
    requireSession,
    validate({ params: inCollective }, async ({ params }, _req, res) => {
      res.type('text/csv').attachment(`paybacks-${params.collectiveId}.csv`).send(paybacksCsv(await core.payback.list(params.collectiveId)));
    }),
  );
}

export function publicPaybackRoutes(router: Router, core: Core): void {
  router.post(
    '/me/payback',
    form({ body: z.object({ requestId, site: slug, iban: iban.optional() }).strict() }, async ({ body }, req) => {
      const user = await userOf(req);
      const collective = await core.lespass.sites.collective(body.site);
      const walletId = accounts.userWallet(user._id);
      return { payback: view(await core.payback.request({ requestId: body.requestId, collectiveId: collective._id, walletId, via: 'account', email: user.email, iban: body.iban })) };
    }),
  );
  router.post(
    '/sites/:slug/payback',
    form(
      { params: z.object({ slug }), body: z.object({ requestId, number: z.string().trim().min(1).max(40), secret: z.string().min(4).max(40), email: z.email().max(254), iban: iban.optional() }).strict() },
      async ({ params, body }) => {
        const collective = await core.lespass.sites.collective(params.slug);
        const card = await core.pass.cards.byNumber(body.number);
        if (!card || card.issuerId !== collective._id) throw new AppError('NOT_FOUND', 'no Pass of this collective has this number', { fields: { number: 'unknown' } });
        await core.lespass.limiter.hit(`payback-secret:${card._id}`, secretTriesPerCard);
        checkSecret(card, body.secret);
        const payback = await core.payback.request({ requestId: body.requestId, collectiveId: collective._id, walletId: card.walletId, via: 'card', cardNumber: card.number, email: body.email, iban: body.iban });
        return { payback: view(payback) };
      },
    ),
  );
}

/**
 * Proof of possession: the claim code printed on the card (core/pass/claim-code.ts). A card made
 * before claim codes has none: its holder signs in or goes to a bar, never the number alone.
 */
function checkSecret(card: Card, secret: string): void {
  if (!card.claimCode) throw new AppError('FORBIDDEN', 'this Pass has no printed secret: sign in to your account or ask at a bar', { reason: 'NO_SECRET' });
  if (!sameClaimCode(card.claimCode, secret)) throw new AppError('FORBIDDEN', 'the secret does not match this Pass', { fields: { secret: 'does not match' } });
}

function view(p: Payback) {
  return {
    id: p._id,
    amount: p.amount,
    state: p.state,
    refunded: p.parts.filter((x) => x.state === 'refunded').reduce((s, x) => s + x.amount, 0),
    parts: p.parts.map(({ sessionId, amount, state }) => ({ sessionId, amount, state })),
    transfer: p.transfer,
    via: p.via,
    cardNumber: p.cardNumber,
    email: p.email,
    iban: p.iban,
    createdAt: p.createdAt,
  };
}

/** One line per payback, amounts in cents: requests, what Stripe refunded, what is owed by transfer. */
function paybacksCsv(paybacks: Payback[]): string {
  const header = ['id', 'createdAt', 'via', 'cardNumber', 'email', 'amount', 'refunded', 'transfer', 'transferState', 'iban'];
  const lines = paybacks.map((p) => {
    const v = view(p);
    return [v.id, new Date(v.createdAt).toISOString(), v.via, v.cardNumber ?? '', v.email ?? '', v.amount, v.refunded, v.transfer.amount, v.transfer.state, v.iban ?? ''];
  });
  return toCsv([header, ...lines]);
}
