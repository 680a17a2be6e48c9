// Points of sale and their products. Every change bumps the POS catalog version and is announced
// on the bus, so each PosActor reloads and terminals get `catalog:changed`.
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import type { Store } from '../store/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { stripUndefined } from '../shared/objects.js';
import type { Catalog, PointOfSale, PosProduct, Product, ProductKind } from './types.js';

export const catalogChangedChannel = 'pos:catalog-changed';

export interface ProductInput {
  name: string;
  category: string;
  price: number;
  vatRate: number;
  colour?: string;
  kind?: ProductKind;
  active?: boolean;
}

export class CatalogService {
  readonly points;
  readonly products;
  readonly offers;

  constructor(
    store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    this.points = store.collection<PointOfSale>('pos');
    this.products = store.collection<Product>('products');
    this.offers = store.collection<PosProduct>('pos_products');
  }

  async start(): Promise<void> {
    await this.points.ensureIndexes([{ name: 'collective', keys: { collectiveId: 1 } }]);
    await this.products.ensureIndexes([{ name: 'collective', keys: { collectiveId: 1 } }]);
    await this.offers.ensureIndexes([{ name: 'pos', keys: { posId: 1 } }]);
  }

  async createPos(collectiveId: string, input: { name: string }): Promise<PointOfSale> {
    const pos: PointOfSale = { _id: newId('pos_'), collectiveId, name: input.name, active: true, catalogVersion: 1, createdAt: this.clock.now() };
    await this.points.insertOne(pos);
    return pos;
  }

  async listPos(collectiveId: string): Promise<PointOfSale[]> {
    return this.points.find({ collectiveId }, { sort: { createdAt: 1 } });
  }

  /** The POS, checked to belong to `collectiveId` when given (tenant isolation). */
  async getPos(posId: string, collectiveId?: string): Promise<PointOfSale> {
    const pos = await this.points.findOne({ _id: posId });
    if (!pos || (collectiveId && pos.collectiveId !== collectiveId)) throw new AppError('NOT_FOUND', 'no such point of sale');
    return pos;
  }

  async updatePos(posId: string, collectiveId: string, patch: { name?: string; active?: boolean; requireStaff?: boolean; offlinePolicy?: PointOfSale['offlinePolicy']; openOnFirstSale?: boolean }): Promise<PointOfSale> {
    await this.getPos(posId, collectiveId);
    await this.points.updateOne({ _id: posId }, { $set: patch });
    await this.changed(posId);
    return this.getPos(posId);
  }

  async createProduct(collectiveId: string, input: ProductInput): Promise<Product> {
    const product: Product = {
      _id: newId('prd_'),
      collectiveId,
      name: input.name,
      category: input.category,
      price: input.price,
      vatRate: input.vatRate,
      colour: input.colour,
      kind: input.kind ?? 'item',
      active: input.active ?? true,
      archived: false,
      createdAt: this.clock.now(),
    };
    await this.products.insertOne(product);
    return product;
  }

  async listProducts(collectiveId: string): Promise<Product[]> {
    return this.products.find({ collectiveId }, { sort: { createdAt: 1 } });
  }

  async getProduct(productId: string, collectiveId?: string): Promise<Product> {
    const product = await this.products.findOne({ _id: productId });
    if (!product || (collectiveId && product.collectiveId !== collectiveId)) throw new AppError('NOT_FOUND', 'no such product');
    return product;
  }

  /** Edits a product; archiving hides it everywhere but keeps it for past sales and Z tickets. */
  async updateProduct(productId: string, collectiveId: string, patch: Partial<ProductInput> & { archived?: boolean }): Promise<Product> {
    await this.getProduct(productId, collectiveId);
    await this.products.updateOne({ _id: productId }, { $set: stripUndefined(patch) });
    for (const offer of await this.offers.find({ productId })) await this.changed(offer.posId);
    return this.getProduct(productId);
  }

  /** Offers a product at a POS, optionally at its own price; `order` sorts the grid. */
  async assign(posId: string, productId: string, collectiveId: string, options: { price?: number; order?: number } = {}): Promise<PosProduct> {
    await this.getPos(posId, collectiveId);
    await this.getProduct(productId, collectiveId);
    const offer: PosProduct = { _id: `${posId}:${productId}`, posId, productId, collectiveId, price: options.price, order: options.order ?? 0 };
    await this.offers.updateOne({ _id: offer._id }, { $set: stripUndefined({ ...offer, _id: undefined }) as Record<string, unknown>, ...(options.price === undefined ? { $unset: { price: 1 as const } } : {}) }, { upsert: true });
    await this.changed(posId);
    return offer;
  }

  async unassign(posId: string, productId: string, collectiveId: string): Promise<void> {
    await this.getPos(posId, collectiveId);
    await this.offers.deleteOne({ _id: `${posId}:${productId}` });
    await this.changed(posId);
  }

  /** What a terminal shows: active, non-archived products of the POS with their effective price. */
  async catalogFor(posId: string): Promise<Catalog> {
    const pos = await this.getPos(posId);
    const offers = await this.offers.find({ posId }, { sort: { order: 1 } });
    const products = await this.products.find({ collectiveId: pos.collectiveId });
    const byId = new Map(products.map((p) => [p._id, p]));
    const items = offers
      .map((o) => ({ offer: o, product: byId.get(o.productId) }))
      .filter((x): x is { offer: PosProduct; product: Product } => !!x.product && x.product.active && !x.product.archived)
      .map(({ offer, product }) => ({
        id: product._id,
        name: product.name,
        price: offer.price ?? product.price,
        vatRate: product.vatRate,
        category: product.category,
        kind: product.kind,
        colour: product.colour,
      }));
    const categories = [...new Set(items.map((p) => p.category))];
    return { pos: { id: pos._id, name: pos.name, collectiveId: pos.collectiveId, version: pos.catalogVersion }, categories, products: items };
  }

  private async changed(posId: string): Promise<void> {
    await this.points.updateOne({ _id: posId }, { $inc: { catalogVersion: 1 } });
    await this.bus.publish(catalogChangedChannel, { posId });
  }
}
