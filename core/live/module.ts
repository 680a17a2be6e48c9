// Wires live views on one node: every written ledger row is announced on the bus; the node that
// hosts a collective's actor applies it to that collective's board.
import type { ActorSystem } from '../actors/system.js';
import type { Bus } from '../bus/port.js';
import type { Clock } from '../clock/port.js';
import type { Ledger } from '../money/ledger.js';
import { collectiveActor, collectiveActorKind } from './collective-actor.js';
import { rowEventsChannel, toRowEvent, type RowEvent } from './row-event.js';
import type { BoardSnapshot } from './board.js';

export interface LiveModule {
  board(collectiveId: string): Promise<BoardSnapshot>;
}

export async function startLiveModule(deps: { bus: Bus; clock: Clock; actors: ActorSystem; ledger: Ledger; timezoneOf(collectiveId: string): Promise<string> }): Promise<LiveModule> {
  deps.actors.register(collectiveActor(deps));
  deps.ledger.onWritten((row) => void deps.bus.publish(rowEventsChannel, toRowEvent(row)).catch(() => undefined));
  await deps.bus.subscribe(rowEventsChannel, (msg) => {
    const row = msg as RowEvent;
    if (deps.actors.isLocal(collectiveActorKind, row.collectiveId)) {
      void deps.actors.call(collectiveActorKind, row.collectiveId, { type: 'row', row }).catch(() => undefined);
    }
  });
  return { board: (collectiveId) => deps.actors.call<BoardSnapshot>(collectiveActorKind, collectiveId, { type: 'snapshot' }) };
}
