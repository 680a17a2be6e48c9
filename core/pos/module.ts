// Wires points of sale on one node: catalog, PosActors, sale records with group commit.
import type { ActorSystem } from '../actors/system.js';
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import { LoyaltyPrograms } from '../loyalty/programs.js';
import type { Currencies } from '../money/currencies.js';
import type { Ledger } from '../money/ledger.js';
import type { PassService } from '../pass/service.js';
import { BatchInserter } from '../store/batch-insert.js';
import type { Store } from '../store/port.js';
import { posActor, posActorKind } from './actor.js';
import { CatalogService, catalogChangedChannel } from './catalog.js';
import type { RegisterSession, Sale, ZIdentity, ZTicket } from './records.js';
import type { Terminal } from './types.js';
import { PosService } from './service.js';
import { TerminalService } from './terminals.js';
import { StaffService } from './staff.js';
import { OfflineSync } from './offline-sync.js';

export interface PosModule {
  catalog: CatalogService;
  pos: PosService;
  terminals: TerminalService;
  staff: StaffService;
  offlineSync: OfflineSync;
  loyalty: LoyaltyPrograms;
}

export async function startPosModule(deps: {
  store: Store;
  bus: Bus;
  clock: Clock;
  actors: ActorSystem;
  ledger: Ledger;
  pass: PassService;
  currencies: Currencies;
  timezoneOf(collectiveId: string): Promise<string>;
  /** The collective's name and legal identity for Z tickets; its id alone when not given. */
  identityOf?(collectiveId: string): Promise<ZIdentity>;
  dayCutoffOf?(collectiveId: string): Promise<number>;
  groupCommitMs?: number;
}): Promise<PosModule> {
  const catalog = new CatalogService(deps.store, deps.bus, deps.clock);
  await catalog.start();
  const sales = deps.store.collection<Sale>('sales');
  const sessions = deps.store.collection<RegisterSession>('register_sessions');
  const zTickets = deps.store.collection<ZTicket>('z_tickets');
  const terminalDocs = deps.store.collection<Terminal>('terminals');
  await sales.ensureIndexes([
    { name: 'pos_number', keys: { posId: 1, number: 1 }, unique: true },
    { name: 'collective_at', keys: { collectiveId: 1, at: 1 } },
  ]);
  await sessions.ensureIndexes([{ name: 'pos_state', keys: { posId: 1, state: 1 } }, { name: 'collective_state', keys: { collectiveId: 1, state: 1 } }]);
  await zTickets.ensureIndexes([{ name: 'pos_number', keys: { posId: 1, number: 1 }, unique: true }]);
  const loyalty = new LoyaltyPrograms(deps.store, deps.bus, deps.clock, deps.currencies, async (c) => (await catalog.listProducts(c)).map((p) => p._id));
  await loyalty.start();
  deps.actors.register(
    posActor({
      loyalty,
      clock: deps.clock,
      ledger: deps.ledger,
      catalog,
      pass: deps.pass,
      sales,
      salesInserter: new BatchInserter(sales, deps.groupCommitMs ?? 2),
      sessions,
      zTickets,
      timezoneOf: deps.timezoneOf,
      identityOf: deps.identityOf ?? (async (collectiveId) => ({ name: collectiveId })),
      terminalNames: async (ids) => {
        const found = ids.length ? await terminalDocs.find({ _id: { $in: ids } }) : [];
        return ids.map((id) => ({ id, name: found.find((t) => t._id === id)?.name ?? id }));
      },
      dayCutoffOf: deps.dayCutoffOf,
    }),
  );
  await deps.bus.subscribe(catalogChangedChannel, (msg) => {
    const { posId } = msg as { posId: string };
    if (deps.actors.isLocal(posActorKind, posId)) void deps.actors.call(posActorKind, posId, { type: 'catalog-changed' }).catch(() => undefined);
  });
  const terminals = new TerminalService(deps.store, deps.bus, deps.clock);
  await terminals.start();
  const staff = new StaffService(deps.store, deps.clock);
  await staff.start();
  const pos = new PosService(deps.actors, catalog, sales, sessions, zTickets);
  return { catalog, pos, terminals, staff, offlineSync: new OfflineSync(terminals, catalog, pos, deps.clock), loyalty };
}
