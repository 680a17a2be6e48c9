// Members: who holds a membership of a collective, from when until when. A member is added by
// an admin (paid at the bar, given) or by a paid online order. Invariants: an order becomes at
// most one member (the member id derives from the order, so a retried fulfilment finds it);
// buying again while a membership runs extends it from its end, never overlapping; validity
// is [validFrom, validUntil) and `isMember` asks exactly that.
import type { Clock } from '../clock/port.js';
import type { Jobs } from '../jobs/port.js';
import { enqueueMembershipReceipt } from '../lespass/mail-jobs.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Collection, Filter, Store } from '../store/port.js';
import { isDuplicateKey } from '../store/port.js';
import { validUntilOf, type MembershipProducts } from './products.js';
import { checkAnswers } from './schemas.js';
import { statusAt, type Member, type MemberStatus, type MembershipProduct } from './types.js';

/** A person as the members' list needs them: the accounts service's user. */
export interface Person {
  _id: string;
  email: string;
  name?: string;
}

export interface MemberDeps {
  clock: Clock;
  jobs: Jobs;
  products: MembershipProducts;
  findOrCreateUser(email: string, name?: string): Promise<Person>;
  /** The user holding a wallet (`user:<id>`, or a card wallet's linked user), or null. */
  userOfWallet(walletId: string): Promise<string | null>;
  collectiveName(collectiveId: string): Promise<string>;
  /** Language of the documents the collective sends (its receipts); French when not given. */
  collectiveLang?(collectiveId: string): Promise<'fr' | 'en'>;
}

export interface AddMemberInput {
  productId: string;
  email: string;
  name?: string;
  answers?: Record<string, string>;
  /** Default: now, or the end of the membership it renews. */
  validFrom?: number;
  amount?: number;
  method?: 'cash' | 'card' | 'free';
}

export interface MemberQuery {
  status?: MemberStatus;
  productId?: string;
  limit?: number;
}

export const maxExportRows = 10_000;

export class Members {
  readonly docs: Collection<Member>;

  constructor(
    store: Store,
    private readonly deps: MemberDeps,
  ) {
    this.docs = store.collection<Member>('members');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([
      { name: 'collective_until', keys: { collectiveId: 1, validUntil: 1 } },
      { name: 'user_collective', keys: { userId: 1, collectiveId: 1 } },
      { name: 'order', keys: { orderId: 1 } },
    ]);
  }

  /** An admin adds a member by hand (paid in cash at the bar, honorary...). */
  async addByHand(collectiveId: string, input: AddMemberInput): Promise<Member> {
    const product = await this.deps.products.get(collectiveId, input.productId);
    const answers = checkAnswers(product.fields, input.answers);
    const user = await this.deps.findOrCreateUser(input.email, input.name);
    const amount = input.amount ?? 0;
    return this.enrol(product, user, { _id: newId('mbr_'), answers, source: 'admin', amount, method: input.method ?? (amount > 0 ? 'cash' : 'free'), validFrom: input.validFrom });
  }

  /** A paid (or free) online order becomes a member; the same order always gives the same member. */
  async enrolFromOrder(
    product: MembershipProduct,
    order: { _id: string; userId: string; email: string; name: string; answers: Record<string, string>; amount: number },
    checkoutSessionId?: string,
    /** A subscription's period starts at its billing anchor, not at the payment. */
    options: { validFrom?: number } = {},
  ): Promise<Member> {
    const _id = memberIdOf(order._id);
    const existing = await this.docs.findOne({ _id });
    if (existing) return existing;
    const user = { _id: order.userId, email: order.email, name: order.name };
    return this.enrol(product, user, { _id, answers: order.answers, source: 'online', amount: order.amount, method: order.amount > 0 ? 'online' : 'free', orderId: order._id, checkoutSessionId, validFrom: options.validFrom });
  }

  async isMember(collectiveId: string, who: { userId: string } | { walletId: string }, at: number): Promise<boolean> {
    const userId = 'userId' in who ? who.userId : await this.deps.userOfWallet(who.walletId);
    if (!userId) return false;
    return (await this.docs.count({ collectiveId, userId, validFrom: { $lte: at }, validUntil: { $gt: at } })) > 0;
  }

  async list(collectiveId: string, query: MemberQuery = {}): Promise<Member[]> {
    const now = this.deps.clock.now();
    const filter: Filter = { collectiveId };
    if (query.productId) filter.productId = query.productId;
    if (query.status === 'active') Object.assign(filter, { validFrom: { $lte: now }, validUntil: { $gt: now } });
    if (query.status === 'expired') filter.validUntil = { $lte: now };
    if (query.status === 'upcoming') filter.validFrom = { $gt: now };
    return this.docs.find(filter, { sort: { validUntil: -1 }, limit: Math.min(query.limit ?? maxExportRows, maxExportRows) });
  }

  async get(collectiveId: string, memberId: string): Promise<Member> {
    const found = await this.docs.findOne({ _id: memberId, collectiveId });
    if (!found) throw new AppError('NOT_FOUND', 'no such member');
    return found;
  }

  ofUser(userId: string): Promise<Member[]> {
    return this.docs.find({ userId }, { sort: { validUntil: -1 }, limit: 100 });
  }

  /** Memberships running now on a person, as a tap of their Pass shows them. */
  async rightsOfUser(userId: string): Promise<Array<{ memberId: string; collectiveId: string; name: string; validUntil: number }>> {
    const now = this.deps.clock.now();
    const running = await this.docs.find({ userId, validFrom: { $lte: now }, validUntil: { $gt: now } }, { limit: 50 });
    return running.map((m) => ({ memberId: m._id, collectiveId: m.collectiveId, name: m.productName, validUntil: m.validUntil }));
  }

  private async enrol(
    product: MembershipProduct,
    user: Person,
    terms: Pick<Member, '_id' | 'answers' | 'source' | 'amount' | 'method'> & { validFrom?: number; orderId?: string; checkoutSessionId?: string },
  ): Promise<Member> {
    const now = this.deps.clock.now();
    const validFrom = terms.validFrom ?? (await this.renewalStart(product, user._id, now));
    const validUntil = validUntilOf(product, validFrom);
    const member: Member = {
      _id: terms._id,
      collectiveId: product.collectiveId,
      productId: product._id,
      productName: product.name,
      period: product.period,
      userId: user._id,
      email: user.email,
      name: user.name?.trim() || user.email.split('@')[0],
      answers: terms.answers,
      validFrom,
      validUntil,
      renewsAt: product.period ? validUntil : null,
      source: terms.source,
      amount: terms.amount,
      method: terms.method,
      ...(terms.orderId ? { orderId: terms.orderId } : {}),
      ...(terms.checkoutSessionId ? { checkoutSessionId: terms.checkoutSessionId } : {}),
      createdAt: now,
    };
    try {
      await this.docs.insertOne(member);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return (await this.docs.findOne({ _id: member._id }))!; // a concurrent fulfilment of the same order
    }
    await enqueueMembershipReceipt(this.deps.jobs, {
      membershipId: member._id,
      to: member.email,
      holder: member.name,
      membershipName: member.productName,
      collectiveName: await this.deps.collectiveName(member.collectiveId),
      lang: await this.deps.collectiveLang?.(member.collectiveId),
      amount: member.amount,
      paidAt: now,
      validUntil: member.validUntil,
    });
    return member;
  }

  /** Renewing while a membership of the same product runs starts at its end. */
  private async renewalStart(product: MembershipProduct, userId: string, now: number): Promise<number> {
    const current = await this.docs.find({ userId, productId: product._id, validUntil: { $gt: now } }, { sort: { validUntil: -1 }, limit: 1 });
    return current[0]?.validUntil ?? now;
  }
}

export function memberIdOf(orderId: string): string {
  return `mbr_${orderId.replace(/^mbo_/, '')}`;
}

export function memberView(m: Member, at: number) {
  return {
    id: m._id,
    collectiveId: m.collectiveId,
    productId: m.productId,
    productName: m.productName,
    subscription: m.period !== null,
    period: m.period,
    name: m.name,
    email: m.email,
    answers: m.answers,
    validFrom: m.validFrom,
    validUntil: m.validUntil,
    renewsAt: m.renewsAt,
    status: statusAt(m, at),
    source: m.source,
    amount: m.amount,
    method: m.method,
    createdAt: m.createdAt,
  };
}
