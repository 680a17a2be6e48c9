// A collective's public site (Lespass) as the public reads it: its profile and village, the
// agenda of the collective or of its whole village, an event with its prices and seats left,
// and the memberships it offers along with those of its village's collectives.
import type { CollectiveService } from '../collectives/service.js';
import { toProfile, toSummary, type Collective, type CollectiveSummary } from '../collectives/types.js';
import type { VillageService } from '../collectives/villages.js';
import type { MembershipProducts } from '../memberships/products.js';
import { productView } from '../memberships/products.js';
import { AppError } from '../shared/errors.js';
import type { EventService } from '../ticketing/events.js';
import type { ReservationBook } from '../ticketing/reservations.js';
import { eventView } from '../ticketing/views.js';

export type AgendaScope = 'mine' | 'village';

export class Sites {
  constructor(
    private readonly deps: {
      collectives: CollectiveService;
      villages: VillageService;
      events: EventService;
      reservations: ReservationBook;
      products: MembershipProducts;
    },
  ) {}

  async collective(slug: string): Promise<Collective> {
    return this.deps.collectives.getBySlug(slug);
  }

  async profile(slug: string) {
    const collective = await this.collective(slug);
    const village = collective.villageId ? await this.village(collective.villageId) : null;
    return { collective: toProfile(collective), village };
  }

  /** Published events not over yet, soonest first, each with its collective. */
  async agenda(slug: string, scope: AgendaScope, window: { from?: number; to?: number } = {}) {
    const collective = await this.collective(slug);
    const members = scope === 'village' ? await this.neighbours(collective) : [collective];
    const byId = new Map(members.map((c) => [c._id, toSummary(c)]));
    const events = await this.deps.events.agenda({ collectiveIds: [...byId.keys()], ...window });
    const prices = await this.deps.events.pricesOf(events.map((e) => e._id));
    return events.map((e) => ({ ...eventView(e, prices), collective: byId.get(e.collectiveId)! }));
  }

  /** One published event of this collective or of its village. */
  async event(slug: string, eventId: string) {
    const collective = await this.collective(slug);
    const event = await this.deps.events.byId(eventId);
    const neighbours = event && event.collectiveId !== collective._id ? await this.neighbours(collective) : [collective];
    const owner = neighbours.find((c) => c._id === event?.collectiveId);
    if (!event || !event.published || !owner) throw new AppError('NOT_FOUND', 'no such event');
    await this.deps.reservations.expireHolds(event._id); // seats of abandoned payments show as free again
    const fresh = (await this.deps.events.byId(eventId))!;
    return { ...eventView(fresh, await this.deps.events.pricesOf([eventId])), collective: toSummary(owner) };
  }

  /** What this collective offers, then what each other collective of its village offers. */
  async memberships(slug: string) {
    const collective = await this.collective(slug);
    const others = (await this.neighbours(collective)).filter((c) => c._id !== collective._id);
    const products = await this.deps.products.list([collective._id, ...others.map((c) => c._id)]);
    const of = (id: string) => products.filter((p) => p.collectiveId === id).map((p) => productView(p));
    return {
      mine: of(collective._id),
      village: others.map((c) => ({ collective: toSummary(c), memberships: of(c._id) })).filter((v) => v.memberships.length > 0),
    };
  }

  private async village(villageId: string): Promise<{ id: string; name: string; description: string; collectives: CollectiveSummary[] }> {
    const village = await this.deps.villages.get(villageId);
    const members = await this.deps.villages.members(villageId);
    return { id: village._id, name: village.name, description: village.description, collectives: members.map(toSummary) };
  }

  /** The collectives of its village (itself included), or itself alone. */
  private async neighbours(collective: Collective): Promise<Collective[]> {
    return collective.villageId ? this.deps.villages.members(collective.villageId) : [collective];
  }
}
