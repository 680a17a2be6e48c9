// Membership products of a collective, as its admin edits them. Never deleted: archived, so
// members keep the name of what they joined. Look-ups are scoped to the collective.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import type { Collection, Filter, Store } from '../store/port.js';
import { oneValidity, productInputSchema, productUpdateSchema, type ProductInput, type ProductUpdate } from './schemas.js';
import type { MembershipProduct, Period } from './types.js';

export class MembershipProducts {
  readonly docs: Collection<MembershipProduct>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.docs = store.collection<MembershipProduct>('membership_products');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'collective', keys: { collectiveId: 1 } }]);
  }

  async create(collectiveId: string, input: ProductInput): Promise<MembershipProduct> {
    const data = productInputSchema.parse(input);
    const now = this.clock.now();
    const product: MembershipProduct = { _id: newId('mbp_'), collectiveId, ...data, createdAt: now, updatedAt: now };
    await this.docs.insertOne(product);
    return product;
  }

  async update(collectiveId: string, productId: string, patch: ProductUpdate): Promise<MembershipProduct> {
    const changes = productUpdateSchema.parse(patch);
    const current = await this.get(collectiveId, productId);
    if (!oneValidity({ durationDays: changes.durationDays !== undefined ? changes.durationDays : current.durationDays, period: changes.period !== undefined ? changes.period : current.period })) {
      throw new AppError('INVALID_INPUT', 'give either a duration in days or a period (month, year)', { fields: { durationDays: 'either a duration or a period' } });
    }
    await this.docs.updateOne({ _id: productId, collectiveId }, { $set: { ...changes, updatedAt: this.clock.now() } });
    return this.get(collectiveId, productId);
  }

  async archive(collectiveId: string, productId: string): Promise<MembershipProduct> {
    return this.update(collectiveId, productId, { active: false });
  }

  async get(collectiveId: string, productId: string): Promise<MembershipProduct> {
    const found = await this.docs.findOne({ _id: productId, collectiveId });
    if (!found) throw new AppError('NOT_FOUND', 'no such membership');
    return found;
  }

  /** Products of collectives (one, or a village's), by name; archived ones only when asked. */
  async list(collectiveIds: string[], options: { includeArchived?: boolean } = {}): Promise<MembershipProduct[]> {
    if (!collectiveIds.length) return [];
    const filter: Filter = { collectiveId: { $in: collectiveIds } };
    if (!options.includeArchived) filter.active = true;
    return this.docs.find(filter, { sort: { name: 1 }, limit: limits.pageSize });
  }
}

/** When a membership taken at `from` ends: its period later (same day of month, clamped), or its duration. */
export function validUntilOf(product: { durationDays: number | null; period: Period | null }, from: number): number {
  if (product.period) return addUtcMonths(from, product.period === 'year' ? 12 : 1);
  return from + (product.durationDays ?? 365) * 86_400_000;
}

/** Jan 31 + 1 month = Feb 28 (or 29): the day is clamped to the target month's length. */
export function addUtcMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

export function productView(p: MembershipProduct, admin = false) {
  return {
    id: p._id,
    collectiveId: p.collectiveId,
    name: p.name,
    description: p.description,
    price: p.price,
    payWhatYouWant: p.payWhatYouWant === true,
    durationDays: p.durationDays,
    period: p.period,
    subscription: p.period !== null,
    fields: p.fields,
    ...(admin ? { active: p.active, createdAt: p.createdAt, updatedAt: p.updatedAt } : {}),
  };
}
