// A collective's Pass cards and gift vouchers (admin):
//   POST /api/collectives/:collectiveId/cards/block     {number | cardUid} blocks a lost card
//   POST /api/collectives/:collectiveId/cards/replace   {txId, number | cardUid, newCardUid}
//                                                       moves a lost card's content to an empty card
//   POST /api/collectives/:collectiveId/gifts           {txId, number | cardUid, amount} a gift
//                                                       voucher on one card of the collective
//   POST /api/collectives/:collectiveId/gifts/batch     {batchId, amount, cards:[{uid, number}]}
//                                                       new cards, each with a gift voucher
// Each money movement keeps its client txId (a batch derives one per card from `batchId`), so a
// resent request gives nothing twice. Only cards this collective issued (core/pass/desk.ts).
// Tenant-checked on :collectiveId by the admin router.
import type { Router } from 'express';
import { z } from 'zod';
import { CardDesk, type CardRef } from '../../../core/pass/desk.js';
import type { PassService } from '../../../core/pass/service.js';
import { AppError } from '../../../core/shared/errors.js';
import { limits, txIdPattern } from '../../../core/shared/limits.js';
import { requireSession } from '../session.js';
import { validate } from '../validate.js';

export interface CardDeskRoutesCore {
  pass: PassService;
}

const id = z.string().min(1).max(80);
const inCollective = z.object({ collectiveId: id });
const txId = z.string().regex(txIdPattern, 'txId is 8 to 80 characters of [A-Za-z0-9_.:-]');
const cardUid = z.string().regex(/^[0-9A-Fa-f:\s-]{8,40}$/, 'cardUid is the card UID in hex');
const number = z.string().trim().min(1).max(40);
const cents = z.number().int().min(1).max(limits.maxAmountCents);
const cardRef = z.union([z.object({ number }), z.object({ cardUid })]);
/** A batch's txIds are `batchId:uid`, so a batch id leaves room for a UID within a txId's 80 characters. */
const batchId = z.string().regex(/^[A-Za-z0-9_.-]{8,40}$/, 'batchId is 8 to 40 characters of [A-Za-z0-9_.-]');
const maxBatchCards = 500;

export function adminCardDeskRoutes(router: Router, core: CardDeskRoutesCore): void {
  const desk = new CardDesk(core.pass);
  const view = (card: { number: string; state: string; uid: string }) => ({ number: card.number, uid: card.uid, state: card.state });

  router.post(
    '/collectives/:collectiveId/cards/block',
    requireSession,
    validate({ params: inCollective, body: cardRef }, async ({ params, body }) => ({ card: view(await desk.block(refOf(body), params.collectiveId)) })),
  );

  router.post(
    '/collectives/:collectiveId/cards/replace',
    requireSession,
    validate({ params: inCollective, body: z.intersection(cardRef, z.object({ txId, newCardUid: cardUid })) }, async ({ params, body }) => {
      const moved = await desk.replace({ txId: body.txId, old: refOf(body), newCardUid: body.newCardUid, collectiveId: params.collectiveId });
      return { old: view(moved.old), card: view(moved.fresh), balances: (await core.pass.balance(moved.fresh.uid)).balances };
    }),
  );

  router.post(
    '/collectives/:collectiveId/gifts',
    requireSession,
    validate({ params: inCollective, body: z.intersection(cardRef, z.object({ txId, amount: cents })) }, async ({ params, body }) => {
      const card = await desk.find(refOf(body), params.collectiveId);
      const res = await core.pass.giveGift({ txId: body.txId, cardUid: card.uid, amount: body.amount, collectiveId: params.collectiveId });
      return { card: view(res.card), balances: res.balanceLines };
    }),
  );

  router.post(
    '/collectives/:collectiveId/gifts/batch',
    requireSession,
    validate(
      { params: inCollective, body: z.object({ batchId, amount: cents, cards: z.array(z.object({ uid: cardUid, number })).min(1).max(maxBatchCards) }).strict() },
      async ({ params, body }) => {
        const given = [];
        // One card after the other: a batch resent after a failure half-way resumes where it stopped.
        for (const wanted of body.cards) {
          const card = await cardOfBatch(core.pass, wanted, params.collectiveId);
          const res = await core.pass.giveGift({ txId: `${body.batchId}:${card.uid}`, cardUid: card.uid, amount: body.amount, collectiveId: params.collectiveId });
          given.push({ ...view(res.card), amount: body.amount });
        }
        return { batchId: body.batchId, cards: given, total: given.length * body.amount };
      },
    ),
  );
}

function refOf(body: { number?: string; cardUid?: string }): CardRef {
  return body.cardUid !== undefined ? { cardUid: body.cardUid } : { number: body.number! };
}

/** A new card of the batch, or the same card registered by an earlier run of this batch. */
async function cardOfBatch(pass: PassService, wanted: { uid: string; number: string }, collectiveId: string) {
  const existing = await pass.cards.byUidOrThrow(wanted.uid).catch(() => null);
  if (!existing) return pass.registerCard({ uid: wanted.uid, number: wanted.number, issuerId: collectiveId });
  if (existing.number !== wanted.number || existing.issuerId !== collectiveId) {
    throw new AppError('CARD_ALREADY_EXISTS', `card ${wanted.number}: its UID is another card's`, { number: wanted.number });
  }
  return existing;
}
