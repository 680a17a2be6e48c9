// Wires the money and Pass pieces on one node: ledger, currencies, cards, wallet actors.
import type { ActorSystem } from '../actors/system.js';
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import { Currencies } from '../money/currencies.js';
import { Ledger } from '../money/ledger.js';
import type { Store } from '../store/port.js';
import { passActor } from './actor.js';
import { Blocklist } from './blocklist.js';
import { Cards } from './cards.js';
import { PassService } from './service.js';

export interface PassModule {
  ledger: Ledger;
  currencies: Currencies;
  cards: Cards;
  pass: PassService;
  blocklist: Blocklist;
}

export async function startPassModule(deps: { store: Store; bus: Bus; clock: Clock; actors: ActorSystem; groupCommitMs?: number }): Promise<PassModule> {
  const ledger = new Ledger(deps.store, deps.clock, { groupCommitMs: deps.groupCommitMs });
  await ledger.ensureIndexes();
  const currencies = new Currencies(deps.store, deps.bus);
  await currencies.start();
  const cards = new Cards(deps.store);
  await cards.start();
  const blocklist = new Blocklist(deps.store, deps.bus, deps.clock);
  await blocklist.start();
  deps.actors.register(passActor({ ledger, cards, blocklist }));
  return { ledger, currencies, cards, blocklist, pass: new PassService(deps.actors, cards, currencies, deps.clock) };
}
