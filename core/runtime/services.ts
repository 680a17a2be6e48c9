// The one place where a node's domain services are started, in dependency order. To add a
// service (money, POS, ticketing...), start it here and return it: `Core` gets its type from
// this function, and `ctx.onClose` takes its shutdown step. Actor kinds are registered here
// too; the actor system starts once this function returns.
import { AccountService } from '../accounts/service.js';
import { SessionService } from '../accounts/sessions.js';
import { CollectiveService } from '../collectives/service.js';
import { VillageService } from '../collectives/villages.js';
import type { ServiceContext } from './context.js';

export async function startServices(ctx: ServiceContext) {
  const collectives = new CollectiveService(ctx.store, ctx.clock);
  await collectives.start();
  const villages = new VillageService(ctx.store, ctx.clock, collectives);
  const accounts = new AccountService(ctx.store, ctx.clock);
  await accounts.start();
  const sessions = new SessionService(ctx.store, ctx.clock, accounts);
  await sessions.start();
  return { collectives, villages, accounts, sessions };
}

export type Services = Awaited<ReturnType<typeof startServices>>;
