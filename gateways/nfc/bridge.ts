// The NFC bridge: forwards card taps from a reader to the pages (terminal, public display)
// open in the browser of the same device, over a local WebSocket.
// Messages (server → page, JSON): {type:'card', uid} with the normalised uppercase hex UID,
// and {type:'reader', state:'connected'|'disconnected', name}. Pages send nothing.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { normalizeCardUid } from '../../core/pass/uid.js';
import { logger } from '../../core/shared/logger.js';
import { isAllowedOrigin, isLoopbackAddress } from './access.js';
import type { CardReader, ReaderEvent } from './card-reader.js';

export interface NfcBridgeOptions {
  reader: CardReader;
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Extra page origins allowed besides this device's own (e.g. the app server's URL). */
  allowedOrigins?: readonly string[];
  debounceMs?: number;
  maxPayloadBytes?: number;
  maxClients?: number;
  now?: () => number;
}

export interface NfcBridge {
  readonly port: number;
  clientCount(): number;
  close(): Promise<void>;
}

export type BridgeMessage = { type: 'card'; uid: string } | ({ type: 'reader' } & ReaderEvent);

export async function startNfcBridge(options: NfcBridgeOptions): Promise<NfcBridge> {
  const { reader, host = '127.0.0.1', allowedOrigins = [], debounceMs = 800, now = Date.now } = options;
  const maxClients = options.maxClients ?? 16;
  const readers = new Map<string, ReaderEvent>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 });
  const http = createServer((_req, res) => res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n'));
  const acceptsTap = debouncer(debounceMs, now);

  const broadcast = (message: BridgeMessage): void => {
    const data = JSON.stringify(message);
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(data);
  };
  const onCard = (raw: string): void => {
    const uid = normalizeCardUid(raw);
    if (!uid) return void logger.warn({ raw: String(raw).slice(0, 64) }, 'nfc: dropped a tap with an invalid UID');
    if (acceptsTap(uid)) broadcast({ type: 'card', uid });
  };
  const onReader = (event: ReaderEvent): void => {
    if (event.state === 'connected') readers.set(event.name, event);
    else readers.delete(event.name);
    logger.info({ reader: event.name, state: event.state }, 'nfc: reader %s', event.state);
    broadcast({ type: 'reader', ...event });
  };

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuse(req, allowedOrigins, wss.clients.size >= maxClients);
    if (refusal) {
      logger.warn({ origin: req.headers.origin, address: req.socket.remoteAddress }, 'nfc: refused a page: %s', refusal);
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    ws.on('error', () => ws.terminate()); // e.g. a message over maxPayload: ws closes with 1009
    // A page that opens after the reader was plugged in still learns it is there.
    for (const event of readers.values()) ws.send(JSON.stringify({ type: 'reader', ...event }));
  });

  reader.on('card', onCard);
  reader.on('reader', onReader);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, host, () => resolve());
  });
  try {
    await reader.start();
  } catch (err) {
    await new Promise<void>((resolve) => http.close(() => resolve()));
    throw err;
  }

  return {
    port: (http.address() as AddressInfo).port,
    clientCount: () => wss.clients.size,
    async close() {
      await reader.stop();
      reader.off('card', onCard);
      reader.off('reader', onReader);
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** The HTTP status line refusing this upgrade, or null when the page may connect. */
function refuse(req: IncomingMessage, allowedOrigins: readonly string[], full: boolean): string | null {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return '403 Forbidden';
  if (!isAllowedOrigin(req.headers.origin, allowedOrigins)) return '403 Forbidden';
  if (full) return '503 Service Unavailable';
  return null;
}

/**
 * A card resting on or bouncing off the antenna reads several times: the same UID seen again
 * within `windowMs` of its last read is one tap. Another card in between starts afresh.
 */
function debouncer(windowMs: number, now: () => number): (uid: string) => boolean {
  let lastUid = '';
  let lastAtMs = -Infinity;
  return (uid) => {
    const at = now();
    const repeat = uid === lastUid && at - lastAtMs < windowMs;
    lastUid = uid;
    lastAtMs = at;
    return !repeat;
  };
}
