// Currencies as people see them (names) and village acceptance: which other collectives' local
// currencies a collective accepts. Consent is recorded per (collective, asset) and can be
// withdrawn; every node caches it and drops its cache when any node announces a change.
import type { Bus } from '../bus/port.js';
import type { Store } from '../store/port.js';
import { AppError } from '../shared/errors.js';
import { fiatAsset, giftAsset, globalAsset, localAsset, loyaltyAsset, parseAsset, type AssetKind } from './assets.js';

export interface CurrencyDoc {
  _id: string; // asset id
  kind: AssetKind;
  collectiveId?: string;
  name: string;
}

interface AcceptanceDoc {
  _id: string;
  collectiveId: string;
  asset: string;
  accepted: boolean;
  at: number;
}

const changedChannel = 'money:currencies-changed';

export class Currencies {
  private readonly docs;
  private readonly acceptances;
  // Promises are cached, not values: a burst of payments asks the store once (single flight).
  private names = new Map<string, Promise<string>>();
  private readonly known = new Set<string>();
  private accepted = new Map<string, Promise<string[]>>();

  constructor(
    store: Store,
    private readonly bus: Bus,
  ) {
    this.docs = store.collection<CurrencyDoc>('currencies');
    this.acceptances = store.collection<AcceptanceDoc>('acceptances');
  }

  async start(): Promise<void> {
    await this.acceptances.ensureIndexes([{ name: 'collective', keys: { collectiveId: 1 } }]);
    await this.bus.subscribe(changedChannel, () => this.forget());
  }

  /** Declares the local currency (with its chosen name) and gift vouchers of a collective. */
  async defineCollectiveCurrencies(collectiveId: string, localName: string, collectiveName: string): Promise<void> {
    await this.upsert({ _id: localAsset(collectiveId), kind: 'local', collectiveId, name: localName });
    await this.upsert({ _id: giftAsset(collectiveId), kind: 'gift', collectiveId, name: `Cadeau ${collectiveName}` });
    await this.upsert({ _id: globalAsset, kind: 'global', name: 'Pass' });
    await this.announce();
  }

  /** Names the loyalty units of a collective after its program (they are never money). */
  async defineLoyalty(collectiveId: string, programName: string): Promise<void> {
    await this.upsert({ _id: loyaltyAsset(collectiveId), kind: 'loyalty', collectiveId, name: programName });
    await this.announce();
  }

  async rename(asset: string, name: string): Promise<void> {
    const res = await this.docs.updateOne({ _id: asset }, { $set: { name } });
    if (!res.matched) throw new AppError('ASSET_UNKNOWN', `unknown currency ${asset}`);
    await this.announce();
  }

  async name(asset: string): Promise<string> {
    if (asset === fiatAsset) return 'EUR';
    let name = this.names.get(asset);
    if (!name) this.names.set(asset, (name = this.docs.findOne({ _id: asset }).then((doc) => doc?.name ?? asset)));
    return name;
  }

  /** Currencies are never deleted, so a currency once seen is known for good (no read per top-up). */
  async exists(asset: string): Promise<boolean> {
    if (asset === globalAsset || this.known.has(asset)) return true;
    const found = (await this.docs.count({ _id: asset })) > 0;
    if (found) this.known.add(asset);
    return found;
  }

  /** Local currencies of other collectives that `collectiveId` accepts now. */
  async acceptedBy(collectiveId: string): Promise<string[]> {
    let list = this.accepted.get(collectiveId);
    if (!list) {
      list = this.acceptances.find({ collectiveId, accepted: true }).then((rows) => rows.map((r) => r.asset).sort());
      this.accepted.set(collectiveId, list);
      list.catch(() => this.accepted.delete(collectiveId));
    }
    return list;
  }

  /** Gives or withdraws consent; from then on payments follow it on every node. */
  async setAcceptance(collectiveId: string, asset: string, accepted: boolean, at: number): Promise<void> {
    const ref = parseAsset(asset);
    if (ref?.kind !== 'local' || ref.collectiveId === collectiveId) {
      throw new AppError('INVALID_INPUT', 'only another collective’s local currency can be accepted');
    }
    if (!(await this.exists(asset))) throw new AppError('ASSET_UNKNOWN', `unknown currency ${asset}`);
    await this.acceptances.updateOne(
      { _id: `${collectiveId}>${asset}` },
      { $set: { collectiveId, asset, accepted, at } },
      { upsert: true },
    );
    this.accepted.delete(collectiveId);
    await this.announce();
  }

  private async upsert(doc: CurrencyDoc): Promise<void> {
    const { _id, ...fields } = doc;
    await this.docs.updateOne({ _id }, { $set: fields }, { upsert: true });
  }

  private async announce(): Promise<void> {
    this.forget();
    await this.bus.publish(changedChannel, {});
  }

  private forget(): void {
    this.names.clear();
    this.accepted.clear();
  }
}
