// The card desk of a point of sale: what staff do with a card that is not a sale. Block a lost
// card found by its printed number, move a lost card's content onto a fresh card from the
// collective's stock, pay a card's remaining balance back at the end of the event.
// Invariants: only the collective that issued a card blocks or replaces it here (a printed
// number is public: staff checks it against the holder, the issuer answers for it); the fresh
// card is an empty, active, anonymous card of this collective (nothing of another holder is
// merged by mistake); a replacement is one txId: resent, it moves nothing more.
import { AppError } from '../shared/errors.js';
import type { Card } from './cards.js';
import type { PassService, Where } from './service.js';

/** A card as staff designate it: tapped (UID) or typed (its printed number). */
export type CardRef = { cardUid: string } | { number: string };

export class CardDesk {
  constructor(private readonly pass: PassService) {}

  async find(ref: CardRef, collectiveId: string): Promise<Card> {
    const card = 'cardUid' in ref ? await this.pass.cards.byUidOrThrow(ref.cardUid) : await this.pass.cards.byNumber(ref.number.trim());
    if (!card) throw new AppError('CARD_UNKNOWN', 'no card has this number');
    if (card.issuerId !== collectiveId) throw new AppError('FORBIDDEN', 'this card was issued by another collective: ask them');
    return card;
  }

  /** Blocks a card: any later payment with it is refused (CARD_BLOCKED). Blocking twice is a no-op. */
  async block(ref: CardRef, collectiveId: string): Promise<Card> {
    const card = await this.find(ref, collectiveId);
    if (card.state !== 'blocked') await this.pass.block(card.uid);
    this.pass.cards.forget(card.uid);
    return { ...card, state: 'blocked' };
  }

  /** Blocks the old card (if not yet) and moves its balances (and, for a holder, the holder) to the fresh one. */
  async replace(input: { txId: string; old: CardRef; newCardUid: string; collectiveId: string }): Promise<{ old: Card; fresh: Card }> {
    const old = await this.find(input.old, input.collectiveId);
    const fresh = await this.pass.cards.byUidOrThrow(input.newCardUid);
    if (fresh._id === old._id) throw new AppError('INVALID_INPUT', 'the new card is the lost card');
    if (old.replacedBy && old.replacedBy !== fresh._id) throw new AppError('CONFLICT', 'this card was already replaced by another card', { reason: 'ALREADY_REPLACED' });
    if (old.replacedBy !== fresh._id) await this.checkFresh(fresh, input.collectiveId);
    const moved = await this.pass.replaceCard({ txId: input.txId, oldCardUid: old.uid, newUid: fresh.uid, newNumber: fresh.number });
    return { old: { ...old, state: 'blocked', replacedBy: moved._id }, fresh: moved };
  }

  /** The remaining global and local balance paid back (cash or bank card refund at this POS): one cash-out row. */
  cashOut(input: { txId: string; cardUid: string; method: 'cash' | 'card' } & Where) {
    return this.pass.cashOut(input);
  }

  private async checkFresh(fresh: Card, collectiveId: string): Promise<void> {
    if (fresh.issuerId !== collectiveId) throw new AppError('FORBIDDEN', 'the new card must come from this collective’s stock');
    if (fresh.state === 'blocked' || fresh.replacedBy) throw new AppError('CARD_BLOCKED', 'the new card is blocked');
    const { balances } = await this.pass.balance(fresh.uid);
    if (fresh.userId || balances.some((b) => b.amount > 0)) throw new AppError('CONFLICT', 'the new card is already in use: take an empty card', { reason: 'CARD_IN_USE' });
  }
}
