// Collectives: the tenants. A slug is unique (it names the collective's Lespass at /<slug>/);
// the time zone is checked against the IANA database because business days depend on it.
import type { Clock } from '../clock/port.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { limits } from '../shared/limits.js';
import { isDuplicateKey, type Collection, type Filter, type Store } from '../store/port.js';
import { collectiveInputSchema, collectiveUpdateSchema, slugSchema, slugify, type CollectiveInput, type CollectiveUpdate } from './schemas.js';
import { defaultDayCutoff, type Collective } from './types.js';

// A collective's time zone rarely changes and is read on hot paths (business day of a sale):
// nodes cache it briefly rather than read the store each time.
const timezoneCacheMs = 60_000;

export class CollectiveService {
  readonly docs: Collection<Collective>;
  private readonly zones = new Map<string, { timezone: string; cutoffMinutes: number; untilMs: number }>();

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.docs = store.collection<Collective>('collectives');
  }

  async start(): Promise<void> {
    await this.docs.ensureIndexes([
      { name: 'slug', keys: { slug: 1 }, unique: true },
      { name: 'village', keys: { villageId: 1 } },
    ]);
  }

  async create(input: CollectiveInput): Promise<Collective> {
    const data = collectiveInputSchema.parse(input);
    const slug = slugSchema.parse(data.slug ?? slugify(data.name));
    const now = this.clock.now();
    const collective: Collective = { _id: newId('col_'), ...data, slug, villageId: null, createdAt: now, updatedAt: now };
    try {
      await this.docs.insertOne(collective);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', `the slug "${slug}" is already taken`, { slug });
      throw err;
    }
    return collective;
  }

  async find(id: string): Promise<Collective | null> {
    return this.docs.findOne({ _id: id });
  }

  async get(id: string): Promise<Collective> {
    const found = await this.find(id);
    if (!found) throw new AppError('NOT_FOUND', `no collective ${id}`);
    return found;
  }

  async getBySlug(slug: string): Promise<Collective> {
    const found = await this.docs.findOne({ slug });
    if (!found) throw new AppError('NOT_FOUND', `no collective named ${slug}`);
    return found;
  }

  /** Sorted by name; bounded by the page size (TigerStyle: a limit on everything). */
  async list(options: { villageId?: string; limit?: number } = {}): Promise<Collective[]> {
    const filter: Filter = options.villageId ? { villageId: options.villageId } : {};
    const limit = Math.min(options.limit ?? limits.pageSize, limits.pageSize);
    return this.docs.find(filter, { sort: { name: 1 }, limit });
  }

  async count(): Promise<number> {
    return this.docs.count({});
  }

  async update(id: string, patch: CollectiveUpdate): Promise<Collective> {
    const changes = collectiveUpdateSchema.parse(patch);
    const { matched } = await this.docs.updateOne({ _id: id }, { $set: { ...changes, updatedAt: this.clock.now() } });
    if (!matched) throw new AppError('NOT_FOUND', `no collective ${id}`);
    this.zones.delete(id);
    return this.get(id);
  }

  /** The collective's IANA time zone (business day of sales, Z tickets, nightly jobs). */
  async timezoneOf(id: string): Promise<string> {
    return (await this.calendarOf(id)).timezone;
  }

  /** The language of its documents (Z prints, receipts, mails) when the reader's is not known. */
  async langOf(id: string): Promise<'fr' | 'en'> {
    return (await this.find(id))?.lang ?? 'fr';
  }

  /** Minutes after local midnight at which its business day starts (Z, nightly closing, revenue, dashboard). */
  async dayCutoffOf(id: string): Promise<number> {
    return (await this.calendarOf(id)).cutoffMinutes;
  }

  private async calendarOf(id: string): Promise<{ timezone: string; cutoffMinutes: number }> {
    const cached = this.zones.get(id);
    if (cached && cached.untilMs > this.clock.now()) return cached;
    const { timezone, dayCutoff } = await this.get(id);
    const calendar = { timezone, cutoffMinutes: cutoffMinutesOf(dayCutoff), untilMs: this.clock.now() + timezoneCacheMs };
    this.zones.set(id, calendar);
    return calendar;
  }
}

/** "HH:MM" → minutes after local midnight. */
function cutoffMinutesOf(hhmm: string | undefined): number {
  const [h, m] = (hhmm ?? defaultDayCutoff).split(':').map(Number);
  return h * 60 + m;
}
