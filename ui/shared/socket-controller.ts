// One Socket.IO namespace as a Lit ReactiveController: the host re-renders when the connection
// status changes. WebSocket transport only (DESIGN: no sticky sessions in the cluster).
// A handshake refused by the server's middleware (e.g. `UNAUTHORIZED`) is final — Socket.IO
// does not retry it — so it becomes status 'refused' with the server's message; a lost
// connection is retried by the client with backoff ('reconnecting').
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';

const serverDisconnectRetryMs = 1_000;

export type SocketStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface SocketControllerOptions {
  /** e.g. '/terminal'. */
  namespace: string;
  /** Server origin; the page's own by default. */
  url?: string;
  /** Open as soon as the host is connected to the page (else call open()). */
  autoOpen?: boolean;
  auth?: Record<string, unknown>;
  /** Called when the server refuses the handshake, with its message (e.g. 'UNAUTHORIZED'). */
  onRefused?: (message: string) => void;
  /** Called on every (re)connection: resend what is waiting, reload what may be stale. */
  onConnect?: () => void;
}

export class SocketController implements ReactiveController {
  status: SocketStatus = 'idle';
  /** The last refusal or transport error message, for display. */
  lastError = '';
  private socket: Socket | undefined;
  private readonly handlers = new Map<string, (...args: any[]) => void>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SocketControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.options.autoOpen) this.open(this.options.auth);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Listens to a server event for as long as the controller lives (survives reconnections). */
  on(event: string, handler: (...args: any[]) => void): void {
    this.handlers.set(event, handler);
    this.socket?.on(event, handler);
  }

  open(auth?: Record<string, unknown>): void {
    this.close();
    const target = (this.options.url ?? '') + this.options.namespace;
    const socket = io(target, { transports: ['websocket'], auth, reconnectionDelayMax: 5_000 });
    this.socket = socket;
    for (const [event, handler] of this.handlers) socket.on(event, handler);
    socket.on('connect', () => {
      this.setStatus('connected', '');
      this.options.onConnect?.();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return; // our own close()
      this.setStatus('reconnecting', reason);
      // Socket.IO does not retry after the server cut us off; a new handshake tells why
      // (e.g. UNAUTHORIZED once the terminal is revoked), so ask for one after a pause.
      if (reason === 'io server disconnect') setTimeout(() => this.socket === socket && socket.connect(), serverDisconnectRetryMs);
    });
    socket.on('connect_error', (err: Error) => {
      if (socket.active) return this.setStatus('reconnecting', err.message); // transport trouble: retried
      this.setStatus('refused', err.message);
      this.options.onRefused?.(err.message);
    });
    this.setStatus('connecting', '');
  }

  close(): void {
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = undefined;
    this.setStatus('idle', '');
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  /**
   * Emits a command and resolves with its ack, or rejects with an Error named 'TimeoutError'
   * when none arrives within `timeoutMs` (or the socket is not open).
   */
  request<T>(event: string, payload: unknown, timeoutMs: number): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(timeoutError('not connected'));
    return socket
      .timeout(timeoutMs)
      .emitWithAck(event, payload)
      .catch(() => {
        throw timeoutError(`no answer to ${event} within ${timeoutMs} ms`);
      }) as Promise<T>;
  }

  private setStatus(status: SocketStatus, error: string): void {
    if (this.status === status && this.lastError === error) return;
    this.status = status;
    this.lastError = error;
    this.host.requestUpdate();
  }
}

function timeoutError(message: string): Error {
  const err = new Error(message);
  err.name = 'TimeoutError';
  return err;
}
