// `/display`: the public balance screen. A tap (card UID) shows that card's balances, and the
// rights valid today, then the screen clears; while shown, balance changes are pushed live.
// It never reveals anything but the tapped card's own balances; taps are rate-limited per screen
// and per client address (a new connection brings no new allowance).
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import { onDemandSubscription } from '../../core/bus/on-demand.js';
import type { Bus } from '../../core/bus/port.js';
import { rowEventsChannel, type RowEvent } from '../../core/live/row-event.js';
import type { PassService } from '../../core/pass/service.js';
import { handle, rateLimited } from './ack.js';
import { readTap, type TapDeps } from './tap.js';
import { KeyedBuckets, TokenBucket } from './rate-limit.js';

export interface DisplayDeps extends TapDeps {
  pass: PassService;
  bus: Bus;
  showForMs?: number;
  /** The client address of a screen's socket (TRUST_PROXY applied); default the TCP peer. */
  addressOf?: (socket: Socket) => string;
}

/** Taps per second (and burst) allowed per screen, and per client address over all its screens. */
export const tapsPerScreen = { perSecond: 1, burst: 3 };
export const tapsPerAddress = { perSecond: 5, burst: 20 };

const tapSchema = z.object({ cardUid: z.string().min(8).max(40) });

export async function attachDisplayNamespace(io: Server, deps: DisplayDeps): Promise<Namespace> {
  const nsp = io.of('/display');
  const showForMs = deps.showForMs ?? 8_000;
  // Each node pushes to its own screens (the bus brings every row to every node), and listens
  // only while one of its screens shows a card.
  const rows = onDemandSubscription(deps.bus, rowEventsChannel, (msg) => {
    const row = msg as RowEvent;
    if (!row.balances) return;
    const room = `wallet:${row.wallet}`;
    if (!nsp.adapter.rooms.has(room)) return;
    void deps.pass.describe(row.balances).then((balances) => nsp.local.to(room).emit('balance', { balances, at: row.at }));
  });

  const byAddress = new KeyedBuckets(tapsPerAddress.perSecond, tapsPerAddress.burst);
  const addressOf = deps.addressOf ?? ((socket: Socket) => socket.handshake.address);
  nsp.on('connection', (socket) => {
    const bucket = new TokenBucket(tapsPerScreen.perSecond, tapsPerScreen.burst);
    const address = addressOf(socket);
    let shown: { room: string; timer: NodeJS.Timeout } | null = null;
    const clear = () => {
      if (!shown) return;
      clearTimeout(shown.timer);
      void socket.leave(shown.room);
      shown = null;
      rows.release();
    };
    socket.on('tap', (payload: unknown, ack?: (r: Record<string, unknown>) => void) => {
      if (!bucket.take() || !byAddress.take(address)) return ack?.(rateLimited());
      void handle(tapSchema, async ({ cardUid }) => {
        // Listening before reading: a change written after the read is pushed, none falls between.
        await rows.hold();
        const { card, balances, rights } = await readTap(deps, cardUid).catch((err) => {
          rows.release();
          throw err;
        });
        clear();
        const room = `wallet:${card.walletId}`;
        await socket.join(room);
        shown = { room, timer: setTimeout(clear, showForMs) };
        return { card: { number: card.number, state: card.state }, balances, ...rights, clearAfterMs: showForMs };
      })(payload, ack);
    });
    socket.on('disconnect', clear);
  });
  return nsp;
}
