// The live board of one collective as a Lit controller: the /dashboard socket (session cookie at
// the handshake) and a BoardFeed. Every (re)connection subscribes again, so a dashboard that
// was offline starts from a fresh snapshot; deltas then arrive pushed, never polled.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BoardDelta } from '../../core/live/collective-actor.js';
import { SocketController } from '../shared/socket-controller.js';
import { BoardFeed, type SubscribeAck } from './board-feed.js';

const subscribeTimeoutMs = 10_000;

export class LiveBoardController implements ReactiveController {
  feed: BoardFeed | null = null;
  /** When the board last changed (ms), for the "updated at" line. */
  changedAt = 0;
  readonly socket: SocketController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onRefused: (message: string) => void,
  ) {
    host.addController(this);
    this.socket = new SocketController(host, {
      namespace: '/dashboard',
      onConnect: () => void this.feed?.subscribe(),
      onRefused: (message) => this.onRefused(message),
    });
    this.socket.on('board:delta', (delta: BoardDelta) => this.feed?.onDelta(delta));
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.feed = null;
  }

  /** Starts following a collective's board (replacing any other). */
  follow(collectiveId: string, timezone: string): void {
    this.feed = new BoardFeed({
      collectiveId,
      timezone,
      request: (event, payload) => this.socket.request<SubscribeAck>(event, payload, subscribeTimeoutMs),
      onChange: () => {
        this.changedAt = Date.now();
        this.host.requestUpdate();
      },
    });
    if (this.socket.connected) void this.feed.subscribe();
    else if (this.socket.status === 'idle' || this.socket.status === 'refused') this.socket.open();
  }

  stop(): void {
    this.feed = null;
    this.socket.close();
  }
}
