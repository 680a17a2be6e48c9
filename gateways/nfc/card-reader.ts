// What the bridge needs from an NFC reader, whatever drives it (PC/SC hardware or a demo).
// The UID is passed on raw: the bridge validates it, so a faulty reader cannot reach a page.
import type { EventEmitter } from 'node:events';

export type ReaderState = 'connected' | 'disconnected';

export interface ReaderEvent {
  state: ReaderState;
  name: string;
}

export interface CardReaderEvents {
  card: [uid: string];
  reader: [event: ReaderEvent];
}

export interface CardReader extends EventEmitter<CardReaderEvents> {
  /** Human label for logs ("pcsc", "simulated"). */
  readonly kind: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
