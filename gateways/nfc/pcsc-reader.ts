// A USB reader through PC/SC (pcscd) with `nfc-pcsc`. That package is an optional dependency:
// its native addon builds only where Debian libpcsclite-dev is installed, so it is loaded
// lazily and its absence is a clear message, not a crash.
import { EventEmitter } from 'node:events';
import { logger } from '../../core/shared/logger.js';
import type { CardReader, CardReaderEvents } from './card-reader.js';

export const pcscMissingMessage = 'nfc-pcsc not installed: install libpcsclite-dev and pcscd, then npm install';

export type PcscLoadResult = { ok: true; reader: CardReader } | { ok: false; message: string };

/** The parts of nfc-pcsc used here (it ships no types). */
export interface NfcModule {
  NFC: new () => NfcLike;
}
interface NfcLike extends EventEmitter {
  close(): void;
}
interface PcscDevice extends EventEmitter {
  readonly name: string;
  autoProcessing: boolean;
  transmit(data: Buffer, responseMaxLength: number): Promise<Buffer>;
}

// A variable specifier keeps TypeScript from resolving a module that may not be installed.
const moduleName = 'nfc-pcsc';
const importNfcPcsc = (): Promise<unknown> => import(moduleName);

/** Loads nfc-pcsc (and its native addon); never throws. */
export async function loadPcscReader(importer: () => Promise<unknown> = importNfcPcsc): Promise<PcscLoadResult> {
  try {
    const mod = (await importer()) as Partial<NfcModule> & { default?: Partial<NfcModule> };
    const NFC = mod.NFC ?? mod.default?.NFC;
    if (typeof NFC !== 'function') return { ok: false, message: `${pcscMissingMessage} (no NFC export found)` };
    return { ok: true, reader: new PcscReader({ NFC }) };
  } catch (err) {
    return { ok: false, message: `${pcscMissingMessage} (${(err as Error).message})` };
  }
}

// PC/SC "Get Data" pseudo-APDU: the reader answers with the card UID then status 90 00.
// Sent by us for every card type: nfc-pcsc's own processing wants an AID for ISO 14443-4 cards.
const getUidApdu = Buffer.from([0xff, 0xca, 0x00, 0x00, 0x00]);
const statusOk = 0x9000;

export class PcscReader extends EventEmitter<CardReaderEvents> implements CardReader {
  readonly kind = 'pcsc';
  private nfc?: NfcLike;
  private readonly devices = new Set<string>();

  constructor(private readonly mod: NfcModule) {
    super();
  }

  async start(): Promise<void> {
    if (this.nfc) return;
    try {
      this.nfc = new this.mod.NFC();
    } catch (err) {
      throw new Error(`PC/SC unavailable, is pcscd running? (${(err as Error).message})`, { cause: err });
    }
    this.nfc.on('reader', (device: PcscDevice) => this.attach(device));
    this.nfc.on('error', (err: Error) => logger.error({ err }, 'nfc: PC/SC error (is pcscd running?)'));
  }

  async stop(): Promise<void> {
    this.nfc?.close();
    this.nfc = undefined;
    for (const name of this.devices) this.detach(name);
  }

  private attach(device: PcscDevice): void {
    const name = device.name;
    device.autoProcessing = false;
    this.devices.add(name);
    this.emit('reader', { state: 'connected', name });
    device.on('card', () => void this.readUid(device));
    device.on('error', (err: Error) => logger.warn({ err, reader: name }, 'nfc: reader error'));
    device.on('end', () => this.detach(name));
  }

  private detach(name: string): void {
    if (this.devices.delete(name)) this.emit('reader', { state: 'disconnected', name });
  }

  private async readUid(device: PcscDevice): Promise<void> {
    try {
      const response = await device.transmit(getUidApdu, 12);
      if (response.length < 2 || response.readUInt16BE(response.length - 2) !== statusOk) {
        logger.warn({ reader: device.name }, 'nfc: the card did not give its UID');
        return;
      }
      this.emit('card', response.subarray(0, -2).toString('hex'));
    } catch (err) {
      logger.warn({ err, reader: device.name }, 'nfc: reading the UID failed (card removed too fast?)');
    }
  }
}
