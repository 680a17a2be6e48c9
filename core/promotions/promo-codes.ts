// The promo codes of each collective and their uses. A use is taken when a booking or a
// basket is written and given back when its checkout cannot start.
// Invariants: `used` never exceeds `maxUses`, under any concurrency, on every Store adapter:
// a use is one guarded update (`used < maxUses` in the filter, then +1), no transaction. The
// counter is raised before the use is recorded: a crash in between loses a use (the safe
// side), never grants one too many. One request takes a code once (use id = code + request).
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import { isDuplicateKey, type Collection, type Filter, type Store } from '../store/port.js';
import { PromoDiscount } from './discount.js';
import { promoCodeText, promoInputSchema, promoUpdateSchema, type PromoInput, type PromoUpdate } from './schemas.js';
import type { PromoCode, PromoUse } from './types.js';

/** A code taken for one purchase: its discount, and the use to give back if the purchase fails. */
export interface PromoClaim {
  discount: PromoDiscount;
  useId: string;
  /** False when the same request had taken it already: giving back is then that request's business. */
  owned: boolean;
}

export class PromoCodes {
  readonly docs: Collection<PromoCode>;
  readonly uses: Collection<PromoUse>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.docs = store.collection<PromoCode>('promo_codes');
    this.uses = store.collection<PromoUse>('promo_uses');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'collective_code', keys: { collectiveId: 1, code: 1 }, unique: true }]);
    await this.uses.ensureIndexes([{ name: 'code', keys: { codeId: 1 } }]);
  }

  async create(collectiveId: string, input: PromoInput): Promise<PromoCode> {
    const data = promoInputSchema.parse(input);
    const now = this.clock.now();
    const promo: PromoCode = { _id: newId('prm_'), collectiveId, ...data, used: 0, createdAt: now, updatedAt: now };
    try {
      await this.docs.insertOne(promo);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      throw new AppError('CONFLICT', 'this code already exists', { fields: { code: 'already exists' } });
    }
    return promo;
  }

  list(collectiveId: string): Promise<PromoCode[]> {
    return this.docs.find({ collectiveId }, { sort: { createdAt: -1 }, limit: limits.pageSize });
  }

  async get(collectiveId: string, promoId: string): Promise<PromoCode> {
    const promo = await this.docs.findOne({ _id: promoId, collectiveId });
    if (!promo) throw new AppError('NOT_FOUND', 'no such promo code');
    return promo;
  }

  /** A limit is never set below the uses already taken (guarded on the count it was checked against). */
  async update(collectiveId: string, promoId: string, patch: PromoUpdate): Promise<PromoCode> {
    const changes = promoUpdateSchema.parse(patch);
    const current = await this.get(collectiveId, promoId);
    const merged = { ...current, ...changes };
    if (merged.validFrom != null && merged.validUntil != null && merged.validUntil <= merged.validFrom)
      throw new AppError('INVALID_INPUT', 'validUntil must be after validFrom', { fields: { validUntil: 'must be after validFrom' } });
    if (merged.kind === 'percent' && merged.value > 100) throw new AppError('INVALID_INPUT', 'a percentage is 1 to 100', { fields: { value: '1 to 100' } });
    const guard: Filter = changes.maxUses != null ? { used: { $lte: changes.maxUses } } : {};
    const { matched } = await this.docs.updateOne({ _id: promoId, collectiveId, ...guard }, { $set: { ...changes, updatedAt: this.clock.now() } });
    if (!matched) throw new AppError('CONFLICT', 'more uses were already taken than this limit', { fields: { maxUses: `at least ${current.used}` } });
    return this.get(collectiveId, promoId);
  }

  /**
   * Takes one use of a code for a purchase (`requestId`); refusals change nothing:
   * NOT_FOUND (unknown or switched off), CONFLICT PROMO_NOT_STARTED | PROMO_EXPIRED, SOLD_OUT PROMO_USED_UP.
   */
  async claim(collectiveId: string, text: string, requestId: string): Promise<PromoClaim> {
    const parsed = promoCodeText.safeParse(text);
    const promo = parsed.success ? await this.docs.findOne({ collectiveId, code: parsed.data }) : null;
    if (!promo || !promo.active) throw refusal('NOT_FOUND', 'PROMO_UNKNOWN', 'no such promo code');
    const now = this.clock.now();
    if (promo.validFrom !== null && now < promo.validFrom) throw refusal('CONFLICT', 'PROMO_NOT_STARTED', 'this promo code is not valid yet');
    if (promo.validUntil !== null && now >= promo.validUntil) throw refusal('CONFLICT', 'PROMO_EXPIRED', 'this promo code has expired');
    const useId = `${promo._id}:${requestId}`;
    const room: Filter = promo.maxUses === null ? {} : { used: { $lt: promo.maxUses } };
    const { matched } = await this.docs.updateOne({ _id: promo._id, active: true, ...room }, { $inc: { used: 1 } });
    if (!matched) throw refusal('SOLD_OUT', 'PROMO_USED_UP', 'this promo code has been used up');
    let owned = true;
    try {
      await this.uses.insertOne({ _id: useId, codeId: promo._id, collectiveId, requestId, at: now });
    } catch (err) {
      await this.docs.updateOne({ _id: promo._id, used: { $gt: 0 } }, { $inc: { used: -1 } });
      if (!isDuplicateKey(err)) throw err;
      owned = false; // the same request took it already (a double click racing itself): one use
    }
    return { discount: new PromoDiscount(promo), useId, owned };
  }

  /** Gives a use back (the purchase was refused or could not start). Idempotent. */
  async giveBack(claim: PromoClaim): Promise<void> {
    if (!claim.owned) return;
    const { deleted } = await this.uses.deleteOne({ _id: claim.useId });
    if (deleted) await this.docs.updateOne({ _id: claim.discount.code._id, used: { $gt: 0 } }, { $inc: { used: -1 } });
  }
}

function refusal(code: 'NOT_FOUND' | 'CONFLICT' | 'SOLD_OUT', reason: string, message: string): AppError {
  return new AppError(code, message, { reason, fields: { promoCode: message } });
}

export function promoView(p: PromoCode) {
  return {
    id: p._id,
    code: p.code,
    label: p.label,
    kind: p.kind,
    value: p.value,
    eventIds: p.eventIds,
    productIds: p.productIds,
    maxUses: p.maxUses,
    used: p.used,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    active: p.active,
    createdAt: p.createdAt,
  };
}
