// Villages group collectives. Membership is a field of the collective (`villageId`), so "at most
// one village per collective" holds by construction; joining is a guarded update, so two
// concurrent joins of different villages cannot both win.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import type { Collection, Store } from '../store/port.js';
import { villageInputSchema, type VillageInput } from './schemas.js';
import type { CollectiveService } from './service.js';
import type { Collective, Village } from './types.js';

export class VillageService {
  readonly docs: Collection<Village>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly collectives: CollectiveService,
  ) {
    this.docs = store.collection<Village>('villages');
  }

  async create(input: VillageInput): Promise<Village> {
    const data = villageInputSchema.parse(input);
    const village: Village = { _id: newId('vil_'), ...data, createdAt: this.clock.now() };
    await this.docs.insertOne(village);
    return village;
  }

  async get(id: string): Promise<Village> {
    const found = await this.docs.findOne({ _id: id });
    if (!found) throw new AppError('NOT_FOUND', `no village ${id}`);
    return found;
  }

  async list(): Promise<Village[]> {
    return this.docs.find({}, { sort: { name: 1 }, limit: limits.pageSize });
  }

  async members(villageId: string): Promise<Collective[]> {
    return this.collectives.list({ villageId });
  }

  /** Puts a collective in a village; CONFLICT when it is already in another one. */
  async join(collectiveId: string, villageId: string): Promise<Collective> {
    await this.get(villageId);
    const collective = await this.collectives.get(collectiveId);
    if (collective.villageId === villageId) return collective;
    const { matched } = await this.collectives.docs.updateOne(
      { _id: collectiveId, villageId: null },
      { $set: { villageId, updatedAt: this.clock.now() } },
    );
    if (!matched) throw new AppError('CONFLICT', `collective ${collectiveId} is already in another village; it must leave it first`);
    return this.collectives.get(collectiveId);
  }

  async leave(collectiveId: string): Promise<Collective> {
    const { matched } = await this.collectives.docs.updateOne({ _id: collectiveId }, { $set: { villageId: null, updatedAt: this.clock.now() } });
    if (!matched) throw new AppError('NOT_FOUND', `no collective ${collectiveId}`);
    return this.collectives.get(collectiveId);
  }
}
