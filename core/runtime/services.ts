// The one place where a node's domain services are started, in dependency order. To add a
// service (money, POS, ticketing...), start it here and return it: `Core` gets its type from
// this function, and `ctx.onClose` takes its shutdown step. Actor kinds are registered here
// too; the actor system starts once this function returns.
import { AccountService } from '../accounts/service.js';
import { SessionService } from '../accounts/sessions.js';
import { CollectiveService } from '../collectives/service.js';
import { VillageService } from '../collectives/villages.js';
import { startLespassModule } from '../lespass/module.js';
import { defaultDayCutoffMinutes } from '../live/business-day.js';
import { startLiveModule } from '../live/module.js';
import { PaybackService } from '../payback/service.js';
import { Checkouts } from '../payments/checkouts.js';
import { paymentProviderFromConfig } from '../payments/from-config.js';
import { SettlementService } from '../settlement/service.js';
import { startPassModule } from '../pass/module.js';
import { startPosModule } from '../pos/module.js';
import { ClosureService } from '../closures/index.js';
import { ReceiptService } from '../receipts/index.js';
import type { ServiceContext } from './context.js';

export async function startServices(ctx: ServiceContext) {
  const collectives = new CollectiveService(ctx.store, ctx.clock);
  await collectives.start();
  const villages = new VillageService(ctx.store, ctx.clock, collectives);
  const accounts = new AccountService(ctx.store, ctx.clock);
  await accounts.start();
  const sessions = new SessionService(ctx.store, ctx.clock, accounts);
  await sessions.start();
  const { store, bus, clock, actors } = ctx;
  const groupCommitMs = ctx.config.GROUP_COMMIT_MS;
  // A POS or board of an unknown collective (tests, data being set up) falls back to Paris.
  const timezoneOf = (collectiveId: string) => collectives.timezoneOf(collectiveId).catch(() => 'Europe/Paris');
  const dayCutoffOf = (collectiveId: string) => collectives.dayCutoffOf(collectiveId).catch(() => defaultDayCutoffMinutes);
  const money = await startPassModule({ store, bus, clock, actors, groupCommitMs });
  const identityOf = async (collectiveId: string) => {
    const c = await collectives.find(collectiveId);
    return { name: c?.name ?? collectiveId, address: c?.address || undefined, siret: c?.siret || undefined, vatNumber: c?.vatNumber || undefined };
  };
  const points = await startPosModule({ store, bus, clock, actors, ledger: money.ledger, pass: money.pass, currencies: money.currencies, timezoneOf, identityOf, dayCutoffOf, groupCommitMs });
  const live = await startLiveModule({ bus, clock, actors, ledger: money.ledger, timezoneOf, dayCutoffOf });
  const closures = new ClosureService(store, points.pos, clock, async (id) => {
    const c = await collectives.get(id);
    return { name: c.name, timezone: c.timezone, fiscalYearStartMonth: c.fiscalYearStartMonth };
  });
  await closures.start();
  const receipts = new ReceiptService({
    store, clock, pos: points.pos, catalog: points.catalog, ledger: money.ledger, pass: money.pass, timezoneOf,
    identityOf: async (id) => {
      const c = await collectives.find(id);
      return { ...(await identityOf(id)), brand: c ? { primary: c.colours.primary, logoUrl: c.logoUrl } : undefined };
    },
    terminalName: async (id) => (await store.collection<{ _id: string; name: string }>('terminals').findOne({ _id: id }))?.name,
    langOf: (id) => collectives.langOf(id),
  });
  await receipts.start();
  const checkouts = new Checkouts(store, clock);
  await checkouts.start();
  const settlement = new SettlementService(store, money.ledger, clock);
  await settlement.start();
  const payments = paymentProviderFromConfig(ctx.config, { store, clock, jobs: ctx.jobs });
  const payback = new PaybackService({ store, clock, pass: money.pass, ledger: money.ledger, checkouts, provider: payments });
  await payback.start();
  const lespass = await startLespassModule({ store, clock, jobs: ctx.jobs, config: ctx.config, ticketSecret: ctx.ticketSecret, collectives, villages, pass: money.pass, ledger: money.ledger, payments, checkouts, posName: async (posId) => (await points.catalog.points.findOne({ _id: posId }))?.name ?? null });
  return { collectives, villages, accounts, sessions, ...money, ...points, live, closures, receipts, checkouts, settlement, payments, payback, lespass, rightsOf: lespass.rightsOf };
}

export type Services = Awaited<ReturnType<typeof startServices>>;
