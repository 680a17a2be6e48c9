// A collective's payback policy: when holders may ask online for their balance back after the
// event (a window, instants in ms) and the smallest amount paid back (below it, nothing: a
// refund costs more than it returns). No policy: no online payback.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { limits } from '../shared/limits.js';
import type { Collection, Store } from '../store/port.js';

export interface PaybackPolicy {
  _id: string; // collectiveId
  opensAt: number;
  closesAt: number;
  /** Cents; a balance below it is not paid back. */
  minimum: number;
  updatedAt: number;
}

export class PaybackPolicies {
  readonly docs: Collection<PaybackPolicy>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.docs = store.collection<PaybackPolicy>('payback_policies');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([]);
  }

  async set(collectiveId: string, input: { opensAt: number; closesAt: number; minimum: number }): Promise<PaybackPolicy> {
    if (!Number.isSafeInteger(input.opensAt) || !Number.isSafeInteger(input.closesAt) || input.closesAt <= input.opensAt) {
      throw new AppError('INVALID_INPUT', 'the window must close after it opens', { field: 'closesAt' });
    }
    if (!Number.isSafeInteger(input.minimum) || input.minimum < 0 || input.minimum > limits.maxAmountCents) throw new AppError('INVALID_AMOUNT', 'the minimum is whole cents');
    const policy = { opensAt: input.opensAt, closesAt: input.closesAt, minimum: input.minimum, updatedAt: this.clock.now() };
    await this.docs.updateOne({ _id: collectiveId }, { $set: policy }, { upsert: true });
    return { _id: collectiveId, ...policy };
  }

  get(collectiveId: string): Promise<PaybackPolicy | null> {
    return this.docs.findOne({ _id: collectiveId });
  }

  /** The policy when its window is open now; CONFLICT (reason PAYBACK_CLOSED) otherwise. */
  async open(collectiveId: string): Promise<PaybackPolicy> {
    const policy = await this.get(collectiveId);
    const now = this.clock.now();
    if (!policy || now < policy.opensAt || now >= policy.closesAt) {
      throw new AppError('CONFLICT', 'online refunds are not open for this collective now', { reason: 'PAYBACK_CLOSED', opensAt: policy?.opensAt, closesAt: policy?.closesAt });
    }
    return policy;
  }
}
