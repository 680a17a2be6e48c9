// A one-node (or several-node) money system for tests, over a given store.
import { ActorSystem } from '../../core/actors/system.js';
import { createMemoryBus } from '../../core/bus/memory.js';
import type { Bus } from '../../core/bus/port.js';
import { systemClock, type Clock } from '../../core/clock/port.js';
import { createMemoryLease } from '../../core/lease/memory.js';
import type { Lease } from '../../core/lease/port.js';
import { startPassModule, type PassModule } from '../../core/pass/module.js';
import { startPosModule, type PosModule } from '../../core/pos/module.js';
import { startLiveModule, type LiveModule } from '../../core/live/module.js';
import type { Store } from '../../core/store/port.js';
import type { ZIdentity } from '../../core/pos/records.js';

export interface MoneyNode extends PassModule, PosModule {
  live: LiveModule;
  actors: ActorSystem;
  store: Store;
  bus: Bus;
  stop(): Promise<void>;
}

export async function moneyNode(
  store: Store,
  options: { bus?: Bus; lease?: Lease; clock?: Clock; nodeId?: string; groupCommitMs?: number; dayCutoffOf?: (collectiveId: string) => Promise<number>; identityOf?: (collectiveId: string) => Promise<ZIdentity> } = {},
): Promise<MoneyNode> {
  const bus = options.bus ?? createMemoryBus();
  const clock = options.clock ?? systemClock;
  const actors = new ActorSystem({ nodeId: options.nodeId, bus, lease: options.lease ?? createMemoryLease(), leaseTtlMs: 5_000 });
  const module = await startPassModule({ store, bus, clock, actors, groupCommitMs: options.groupCommitMs });
  const pos = await startPosModule({ store, bus, clock, actors, ledger: module.ledger, pass: module.pass, currencies: module.currencies, timezoneOf: async () => 'Europe/Paris', identityOf: options.identityOf, dayCutoffOf: options.dayCutoffOf, groupCommitMs: options.groupCommitMs });
  const live = await startLiveModule({ bus, clock, actors, ledger: module.ledger, timezoneOf: async () => 'Europe/Paris', dayCutoffOf: options.dayCutoffOf });
  await actors.start();
  return { ...module, ...pos, live, actors, store, bus, stop: () => actors.stop() };
}

/** Declares a collective's currencies and registers `count` cards for it, with deterministic UIDs. */
export async function seedCards(node: MoneyNode, collectiveId: string, count: number, prefix = 'A0'): Promise<string[]> {
  await node.currencies.defineCollectiveCurrencies(collectiveId, `Local ${collectiveId}`, collectiveId);
  const uids: string[] = [];
  for (let i = 0; i < count; i++) {
    const uid = `${prefix}${i.toString(16).toUpperCase().padStart(6, '0')}`;
    await node.pass.registerCard({ uid, number: `${collectiveId}-${prefix}-${i}`, issuerId: collectiveId });
    uids.push(uid);
  }
  return uids;
}
