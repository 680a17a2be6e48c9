// Online membership purchases: an order records what the buyer asked (product, answers, price
// at that moment) before paying; its payment turns it into a member, once.
import type { Clock } from '../clock/port.js';
import { chosenPrice, type PromoDiscount } from '../promotions/index.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Collection, Store } from '../store/port.js';
import type { Members, Person } from './members.js';
import type { MembershipProducts } from './products.js';
import { checkAnswers } from './schemas.js';
import type { Member, MembershipOrder } from './types.js';

export class MembershipOrders {
  readonly docs: Collection<MembershipOrder>;

  constructor(
    store: Store,
    private readonly deps: { clock: Clock; products: MembershipProducts; members: Members },
  ) {
    this.docs = store.collection<MembershipOrder>('membership_orders');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([{ name: 'basket', keys: { basketId: 1 } }]);
  }

  /** An order of an active product; answers checked against its questions (`fieldPrefix` names them in errors). */
  async create(
    collectiveId: string,
    productId: string,
    buyer: Person,
    options: { answers?: Record<string, string>; basketId?: string; fieldPrefix?: string; chosenPrice?: number; promo?: PromoDiscount; amountField?: string } = {},
  ): Promise<MembershipOrder> {
    const product = await this.deps.products.get(collectiveId, productId);
    if (!product.active) throw new AppError('NOT_FOUND', 'this membership is no longer offered');
    const answers = checkAnswers(product.fields, options.answers, options.fieldPrefix ?? 'answers');
    const price = chosenPrice({ amount: product.price, payWhatYouWant: product.payWhatYouWant }, options.chosenPrice, options.amountField ?? 'amount');
    const discount = options.promo?.take({ productId }, price) ?? 0;
    const order: MembershipOrder = {
      _id: newId('mbo_'),
      collectiveId,
      productId,
      productName: product.name,
      userId: buyer._id,
      email: buyer.email,
      name: buyer.name?.trim() || buyer.email.split('@')[0],
      answers,
      amount: price - discount,
      ...(discount ? { discount, promoCode: options.promo!.code.code } : {}),
      ...(product.payWhatYouWant ? { chosenPrice: price } : {}),
      state: 'pending',
      ...(options.basketId ? { basketId: options.basketId } : {}),
      createdAt: this.deps.clock.now(),
    };
    await this.docs.insertOne(order);
    return order;
  }

  async get(orderId: string): Promise<MembershipOrder> {
    const order = await this.docs.findOne({ _id: orderId });
    if (!order) throw new AppError('NOT_FOUND', 'no such membership order');
    return order;
  }

  /** The order was paid `amount` (0 for a free one): the member it makes. Idempotent. */
  async fulfil(orderId: string, payment: { amount: number; sessionId?: string }): Promise<Member> {
    const order = await this.get(orderId);
    if (payment.amount !== order.amount) {
      throw new AppError('CONFLICT', `paid ${payment.amount} cents for a membership of ${order.amount}`, { reason: 'AMOUNT_MISMATCH' });
    }
    // Even an archived product is honoured: it was on offer when the buyer paid.
    const product = await this.deps.products.docs.findOne({ _id: order.productId });
    if (!product) throw new AppError('NOT_FOUND', 'the membership of this order no longer exists');
    const member = await this.deps.members.enrolFromOrder(product, order, payment.sessionId);
    await this.docs.updateOne({ _id: order._id, state: 'pending' }, { $set: { state: 'fulfilled', memberId: member._id } });
    return member;
  }
}

