// Card taps from the NFC bridge running on this device (gateways/nfc/bridge.ts): a local
// WebSocket sending `{type:'card', uid}` and `{type:'reader', state, name}`. The bridge is
// optional — a phone without a reader types or scans the UID instead — so a missing bridge is
// a quiet status, retried with a growing delay, never an error screen.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type NfcStatus = 'connecting' | 'ready' | 'no-reader' | 'unavailable';

export interface CardTap {
  uid: string;
  /** Increases with every tap: the same card tapped twice is two taps. */
  seq: number;
}

export const defaultBridgeUrl = 'ws://127.0.0.1:7777';
const retryMinMs = 2_000;
const retryMaxMs = 30_000;

export class NfcController implements ReactiveController {
  status: NfcStatus = 'connecting';
  lastTap: CardTap | undefined;
  private ws: WebSocket | undefined;
  private readers = new Set<string>();
  private retryMs = retryMinMs;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly url: string = bridgeUrl(),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stopped = false;
    this.connect();
  }

  hostDisconnected(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.ws?.close();
    this.ws = undefined;
  }

  /** A UID typed or scanned by hand goes the same way as a tap. */
  simulateTap(uid: string): void {
    this.lastTap = { uid, seq: ++this.seq };
    this.host.requestUpdate();
  }

  private connect(): void {
    if (this.stopped || typeof WebSocket === 'undefined') return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      return this.retryLater();
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = retryMinMs;
      this.setStatus(this.readers.size ? 'ready' : 'no-reader');
    };
    ws.onmessage = (event) => this.onMessage(event.data);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.readers.clear();
      this.setStatus('unavailable');
      this.retryLater();
    };
  }

  private onMessage(data: unknown): void {
    let msg: { type?: unknown; uid?: unknown; state?: unknown; name?: unknown };
    try {
      msg = JSON.parse(String(data));
    } catch {
      return;
    }
    if (msg.type === 'card' && typeof msg.uid === 'string') {
      this.lastTap = { uid: msg.uid, seq: ++this.seq };
      this.host.requestUpdate();
    } else if (msg.type === 'reader' && typeof msg.name === 'string') {
      if (msg.state === 'connected') this.readers.add(msg.name);
      else this.readers.delete(msg.name);
      this.setStatus(this.readers.size ? 'ready' : 'no-reader');
    }
  }

  private retryLater(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(retryMaxMs, this.retryMs * 2);
  }

  private setStatus(status: NfcStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.host.requestUpdate();
  }
}

/** `?nfc=ws://host:port` (kept for the next visits) overrides the bridge's default address. */
function bridgeUrl(): string {
  try {
    const fromQuery = new URLSearchParams(location.search).get('nfc');
    if (fromQuery && /^wss?:\/\//.test(fromQuery)) localStorage.setItem('laboutik.nfcUrl', fromQuery);
    return localStorage.getItem('laboutik.nfcUrl') ?? defaultBridgeUrl;
  } catch {
    return defaultBridgeUrl;
  }
}
