// Loyalty programs stored through the Store port, one per collective. Every node caches them
// (a sale reads its collective's program) and drops its cache when any node announces a change.
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import type { Currencies } from '../money/currencies.js';
import { AppError } from '../shared/errors.js';
import type { Collection, Store } from '../store/port.js';
import { loyaltyProgramSchema, type LoyaltyProgram, type LoyaltyProgramInput } from './program.js';

const changedChannel = 'loyalty:programs-changed';

export class LoyaltyPrograms {
  readonly docs: Collection<LoyaltyProgram>;
  private cache = new Map<string, Promise<LoyaltyProgram | null>>();

  constructor(
    store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly currencies: Currencies,
    /** The ids of a collective's products: a program names only its own collective's. */
    private readonly productIdsOf: (collectiveId: string) => Promise<string[]>,
  ) {
    this.docs = store.collection<LoyaltyProgram>('loyalty_programs');
  }

  async start(): Promise<void> {
    await this.bus.subscribe(changedChannel, () => this.cache.clear());
  }

  /** The collective's program, or null when it has none. */
  programOf(collectiveId: string): Promise<LoyaltyProgram | null> {
    let found = this.cache.get(collectiveId);
    if (!found) {
      found = this.docs.findOne({ _id: collectiveId });
      this.cache.set(collectiveId, found);
      found.catch(() => this.cache.delete(collectiveId));
    }
    return found;
  }

  /** Creates or replaces the program of a collective; unknown input is refused with INVALID_INPUT. */
  async configure(collectiveId: string, input: unknown): Promise<LoyaltyProgram> {
    const parsed = loyaltyProgramSchema.safeParse(input);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '_', i.message]));
      throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.') || 'program'}: ${i.message}`).join('; '), { fields });
    }
    await this.checkProducts(collectiveId, parsed.data);
    const program: LoyaltyProgram = { _id: collectiveId, collectiveId, ...parsed.data, updatedAt: this.clock.now() };
    const { _id, ...fields } = program;
    // Unset optional parts explicitly: a replaced program keeps none of the old one's rules.
    const unset = (['stamps', 'pointsPerEuro', 'expiryDays'] as const).filter((k) => program[k] === undefined);
    await this.docs.updateOne({ _id }, { $set: fields, ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, ''])) } : {}) }, { upsert: true });
    await this.currencies.defineLoyalty(collectiveId, program.name);
    this.cache.delete(collectiveId);
    await this.bus.publish(changedChannel, { collectiveId });
    return program;
  }

  private async checkProducts(collectiveId: string, input: LoyaltyProgramInput): Promise<void> {
    const own = new Set(await this.productIdsOf(collectiveId));
    const fields: Record<string, string> = {};
    input.stamps?.productIds.forEach((id, i) => {
      if (!own.has(id)) fields[`stamps.productIds.${i}`] = 'not a product of this collective';
    });
    input.rewards.forEach((r, i) => {
      if (r.productId && !own.has(r.productId)) fields[`rewards.${i}.productId`] = 'not a product of this collective';
    });
    if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', 'the program names products of another collective', { fields });
  }
}
