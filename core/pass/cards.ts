// Pass cards: an NFC UID, a printed number, the issuing collective, a wallet, a state.
// The uid -> card mapping never changes, so nodes cache it; the wallet a card points to
// changes only on merge/replacement, which the wallet actor detects (CARD_MOVED) and the
// service then re-reads. Blocking is enforced by the wallet actor, never by this cache.
// Each card carries the claim code printed on it (claim-code.ts): linking it to an online
// account needs that code, and the link is written only while the card is unlinked.
import type { Store } from '../store/port.js';
import { isDuplicateKey } from '../store/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { accounts } from '../money/accounts.js';
import { newClaimCode, normalizeClaimCode } from './claim-code.js';
import { normalizeCardUid } from './uid.js';

export type CardState = 'active' | 'blocked';

export interface Card {
  _id: string;
  uid: string;
  number: string;
  issuerId: string;
  walletId: string;
  state: CardState;
  userId?: string;
  /** Printed on the card (and in its QR code); absent on cards made before claim codes: those link by a staff tap only. */
  claimCode?: string;
  replacedBy?: string;
  createdAt: number;
}

const cacheLimit = 100_000;

export class Cards {
  readonly collection;
  private readonly byUid = new Map<string, Promise<Card | null>>();

  constructor(store: Store) {
    this.collection = store.collection<Card>('cards');
  }

  async start(): Promise<void> {
    await this.collection.ensureIndexes([
      { name: 'uid_unique', keys: { uid: 1 }, unique: true },
      { name: 'number_unique', keys: { number: 1 }, unique: true },
      { name: 'wallet', keys: { walletId: 1 } },
      { name: 'user', keys: { userId: 1 } },
    ]);
  }

  /** A new card; its claim code is the one given (a printed batch) or a new random one. */
  async register(input: { uid: string; number: string; issuerId: string; claimCode?: string }, now: number): Promise<Card> {
    const uid = normalizeCardUid(input.uid);
    if (!uid) throw new AppError('INVALID_INPUT', 'card UID must be 4, 7 or 10 bytes of hex');
    const claimCode = input.claimCode === undefined ? newClaimCode() : normalizeClaimCode(input.claimCode);
    if (!claimCode) throw new AppError('INVALID_INPUT', 'a claim code is 12 characters of Crockford base 32');
    const id = newId('card_');
    const card: Card = { _id: id, uid, number: input.number, issuerId: input.issuerId, walletId: accounts.cardWallet(id), state: 'active', claimCode, createdAt: now };
    try {
      await this.collection.insertOne(card);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CARD_ALREADY_EXISTS', 'a card with this UID or number exists');
      throw err;
    }
    return card;
  }

  /** The card of a UID (cached); CARD_UNKNOWN when none. */
  async byUidOrThrow(rawUid: string): Promise<Card> {
    const uid = normalizeCardUid(rawUid);
    if (!uid) throw new AppError('INVALID_INPUT', 'card UID must be 4, 7 or 10 bytes of hex');
    let found = this.byUid.get(uid);
    if (!found) {
      if (this.byUid.size >= cacheLimit) this.byUid.clear();
      this.byUid.set(uid, (found = this.collection.findOne({ uid })));
    }
    const card = await found.catch((err) => {
      this.byUid.delete(uid);
      throw err;
    });
    if (!card) {
      this.byUid.delete(uid); // an unknown card may be registered later
      throw new AppError('CARD_UNKNOWN', 'this card is not known');
    }
    return card;
  }

  async byNumber(number: string): Promise<Card | null> {
    return this.collection.findOne({ number });
  }

  async byId(cardId: string): Promise<Card | null> {
    return this.collection.findOne({ _id: cardId });
  }

  async ofWallet(walletId: string): Promise<Card[]> {
    return this.collection.find({ walletId });
  }

  async ofUser(userId: string): Promise<Card[]> {
    return this.collection.find({ userId });
  }

  async ofIssuer(issuerId: string): Promise<Card[]> {
    return this.collection.find({ issuerId }, { sort: { number: 1 } });
  }

  /** Drops a cached card so the next use reads the store (after a merge or block elsewhere). */
  forget(uid: string): void {
    this.byUid.delete(uid);
  }
}
