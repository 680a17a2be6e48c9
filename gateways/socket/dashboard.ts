// `/dashboard`: organizers watch their collective's revenue live. `subscribe` answers a fresh
// snapshot of the board; ordered deltas follow (`board:delta`, with fromVersion/toVersion so a
// client that missed one asks again). Only admins of that collective (or operators) may subscribe.
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Bus } from '../../core/bus/port.js';
import { boardChannel } from '../../core/live/collective-actor.js';
import type { BoardSnapshot } from '../../core/live/board.js';
import type { LiveModule } from '../../core/live/module.js';
import { giftAsset, globalAsset, localAsset } from '../../core/money/assets.js';
import { AppError } from '../../core/shared/errors.js';
import { handle } from './ack.js';

export interface DashboardViewer {
  /** null for an operator of the whole installation */
  collectiveId: string | null;
}

export interface DashboardDeps {
  live: LiveModule;
  bus: Bus;
  /** Who is connecting, from the handshake (session cookie or token); null refuses. */
  authenticate(socket: Socket): Promise<DashboardViewer | null>;
  openRegisters?(collectiveId: string): Promise<unknown[]>;
  /** Names of currencies (asset id → name) so screens need not show asset ids. */
  currencyNames?(assets: string[]): Promise<Record<string, string>>;
}

const subscribeSchema = z.object({ collectiveId: z.string().min(1).max(64) });

export function attachDashboardNamespace(io: Server, deps: DashboardDeps): Namespace {
  const nsp = io.of('/dashboard');
  const listening = new Map<string, Promise<() => Promise<void>>>();

  const listen = (collectiveId: string) => {
    if (!listening.has(collectiveId)) {
      const room = `board:${collectiveId}`;
      listening.set(collectiveId, deps.bus.subscribe(boardChannel(collectiveId), (delta) => nsp.local.to(room).emit('board:delta', delta)));
    }
  };

  nsp.use((socket, next) => {
    deps.authenticate(socket).then(
      (viewer) => {
        if (!viewer) return next(new Error('UNAUTHORIZED'));
        socket.data.viewer = viewer;
        next();
      },
      () => next(new Error('UNAUTHORIZED')),
    );
  });

  nsp.on('connection', (socket) => {
    socket.on(
      'subscribe',
      handle(subscribeSchema, async ({ collectiveId }) => {
        const viewer = socket.data.viewer as DashboardViewer;
        if (viewer.collectiveId !== null && viewer.collectiveId !== collectiveId) throw new AppError('FORBIDDEN', 'not your collective');
        listen(collectiveId);
        await socket.join(`board:${collectiveId}`); // joined before the snapshot: no delta falls in between
        const board = await deps.live.board(collectiveId);
        const openRegisters = (await deps.openRegisters?.(collectiveId)) ?? [];
        const currencies = (await deps.currencyNames?.(assetsOf(board, collectiveId))) ?? {};
        return { board, openRegisters, currencies };
      }),
    );
  });
  return nsp;
}

/** The collective's own currencies and every one its board already mentions. */
function assetsOf(board: BoardSnapshot, collectiveId: string): string[] {
  return [...new Set([globalAsset, localAsset(collectiveId), giftAsset(collectiveId), ...Object.keys(board.byAsset), ...Object.keys(board.topups.byAsset)])];
}
