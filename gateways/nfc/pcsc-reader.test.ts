import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from './card-reader.js';
import { loadPcscReader, pcscMissingMessage, PcscReader } from './pcsc-reader.js';

const installed = (() => {
  try {
    createRequire(import.meta.url).resolve('nfc-pcsc');
    return true;
  } catch {
    return false;
  }
})();

/** A USB reader as nfc-pcsc presents it: answers the Get Data APDU with `response`. */
class FakeDevice extends EventEmitter {
  autoProcessing = true;
  constructor(
    readonly name: string,
    private readonly response: Buffer,
  ) {
    super();
  }
  async transmit(apdu: Buffer): Promise<Buffer> {
    expect([...apdu]).toEqual([0xff, 0xca, 0x00, 0x00, 0x00]);
    return this.response;
  }
}

describe('PC/SC reader', () => {
  it.skipIf(installed)('reports how to install nfc-pcsc when it is absent, instead of throwing', async () => {
    const result = await loadPcscReader();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(pcscMissingMessage);
  });

  it('reports the install message when loading nfc-pcsc or its native addon fails', async () => {
    const result = await loadPcscReader(() => Promise.reject(new Error('Could not locate the bindings file')));
    expect(result).toEqual({ ok: false, message: `${pcscMissingMessage} (Could not locate the bindings file)` });
  });

  it('turns nfc-pcsc readers and cards into reader events and hex UIDs', async () => {
    const contexts: EventEmitter[] = [];
    class NFC extends EventEmitter {
      constructor() {
        super();
        contexts.push(this);
      }
      close() {}
    }
    // nfc-pcsc is CommonJS: a dynamic import puts its exports under `default`.
    const loaded = await loadPcscReader(async () => ({ default: { NFC } }));
    if (!loaded.ok) return expect.unreachable(loaded.message);
    const reader = loaded.reader;
    const events: (ReaderEvent | string)[] = [];
    reader.on('reader', (e) => events.push(e));
    const card = new Promise<void>((resolve) => reader.on('card', (uid) => (events.push(uid), resolve())));
    await reader.start();

    const device = new FakeDevice('ACS ACR122U', Buffer.from([0x04, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x90, 0x00]));
    contexts[0].emit('reader', device);
    expect(device.autoProcessing).toBe(false); // we read the UID ourselves, for every card type
    device.emit('card', {});
    await card;
    device.emit('end');
    expect(events).toEqual([{ state: 'connected', name: 'ACS ACR122U' }, '04a1b2c3d4e5f6', { state: 'disconnected', name: 'ACS ACR122U' }]);
    await reader.stop();
  });

  it('says pcscd may be down when PC/SC cannot start', async () => {
    class NFC extends EventEmitter {
      constructor() {
        super();
        throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
      }
      close() {}
    }
    await expect(new PcscReader({ NFC }).start()).rejects.toThrow(/is pcscd running\?/);
  });
});
