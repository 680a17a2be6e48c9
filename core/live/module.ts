// Wires live views on one node: every ledger row written here is handed to its collective's
// actor (a local call, or one message to the node that hosts it: not a broadcast that every node
// decodes), and a wallet's row is published for the balance screens that may show that wallet.
import type { ActorSystem } from '../actors/system.js';
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import type { Ledger } from '../money/ledger.js';
import { collectiveActor, collectiveActorKind } from './collective-actor.js';
import { rowEventsChannel, toRowEvent } from './row-event.js';
import type { BoardSnapshot } from './board.js';

export interface LiveModule {
  board(collectiveId: string): Promise<BoardSnapshot>;
}

export async function startLiveModule(deps: { bus: Bus; clock: Clock; actors: ActorSystem; ledger: Ledger; timezoneOf(collectiveId: string): Promise<string>; dayCutoffOf?(collectiveId: string): Promise<number> }): Promise<LiveModule> {
  deps.actors.register(collectiveActor(deps));
  deps.ledger.onWritten((written) => {
    const row = toRowEvent(written);
    // Live views only: the ledger is the truth, and an activation rebuilds the board from it.
    void deps.actors.call(collectiveActorKind, row.collectiveId, { type: 'row', row }).catch(() => undefined);
    if (row.balances) void deps.bus.publish(rowEventsChannel, row).catch(() => undefined);
  });
  return { board: (collectiveId) => deps.actors.call<BoardSnapshot>(collectiveActorKind, collectiveId, { type: 'snapshot' }) };
}
