import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startNfcBridge, type BridgeMessage, type NfcBridge, type NfcBridgeOptions } from './bridge.js';
import { SimulatedReader } from './simulated-reader.js';

const open: { bridge: NfcBridge; pages: WebSocket[] }[] = [];

afterEach(async () => {
  for (const { bridge, pages } of open.splice(0)) {
    for (const page of pages) page.terminate();
    await bridge.close();
  }
});

async function start(options: Partial<NfcBridgeOptions> = {}) {
  const reader = new SimulatedReader({ name: 'Test reader' });
  const bridge = await startNfcBridge({ reader, port: 0, ...options });
  const pages: WebSocket[] = [];
  open.push({ bridge, pages });
  const connect = (opts: { origin?: string; host?: string } = {}) => {
    const page = new WebSocket(`ws://${opts.host ?? '127.0.0.1'}:${bridge.port}`, { origin: opts.origin });
    pages.push(page);
    return page;
  };
  return { reader, bridge, connect };
}

/** Collects a page's messages from the moment it opens. */
async function opened(page: WebSocket) {
  const messages: BridgeMessage[] = [];
  const waiters: (() => void)[] = [];
  page.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve, reject) => page.once('open', resolve).once('error', reject));
  const cards = () => messages.filter((m) => m.type === 'card');
  /** Resolves once `count` card messages arrived (the test times out otherwise). */
  const cardsAfter = async (count: number) => {
    while (cards().length < count) await new Promise<void>((wake) => waiters.push(wake));
    return cards();
  };
  /** The first message matching `predicate` from index `from` on, waiting for it if needed. */
  const next = async (predicate: (m: BridgeMessage) => boolean, from = 0) => {
    for (let seen = from; ; ) {
      const hit = messages.slice(seen).find(predicate);
      if (hit) return hit;
      seen = messages.length;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  return { messages, cards, cardsAfter, next };
}

/** Resolves with the HTTP status that refused the upgrade. */
function refusal(page: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    page.once('open', () => reject(new Error('the bridge accepted a page it should refuse')));
    page.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    page.once('error', () => undefined);
  });
}

describe('NFC bridge', () => {
  it('sends a tap to every connected page as {type:"card", uid} with the uppercase UID', async () => {
    const { reader, connect } = await start();
    const [a, b] = await Promise.all([opened(connect()), opened(connect())]);
    reader.tap('04a1b2c3d4e5f6');
    expect(await a.cardsAfter(1)).toEqual([{ type: 'card', uid: '04A1B2C3D4E5F6' }]);
    expect(await b.cardsAfter(1)).toEqual([{ type: 'card', uid: '04A1B2C3D4E5F6' }]);
  });

  it('drops a UID that is not 4, 7 or 10 bytes of hex', async () => {
    const { reader, connect } = await start();
    const page = await opened(connect());
    for (const bad of ['XYZ', '04A1B2', '04A1B2C3D4E5F6G7', '']) reader.tap(bad);
    reader.tap('04DEADBE');
    expect(await page.cardsAfter(1)).toEqual([{ type: 'card', uid: '04DEADBE' }]);
  });

  it('sends the same card tapped twice within 800 ms once, and again after a pause', async () => {
    let nowMs = 0;
    const { reader, connect } = await start({ now: () => nowMs });
    const page = await opened(connect());
    const tapAt = (atMs: number, uid: string) => ((nowMs = atMs), reader.tap(uid));
    tapAt(0, '04A1B2C3');
    tapAt(500, '04A1B2C3'); // bounce: dropped
    tapAt(1400, '04A1B2C3'); // 900 ms after its last read: a new tap
    tapAt(1500, '04DEADBEEF0102'); // another card is never debounced
    tapAt(1600, '04A1B2C3');
    const uids = (await page.cardsAfter(4)).map((m) => (m.type === 'card' ? m.uid : ''));
    expect(uids).toEqual(['04A1B2C3', '04A1B2C3', '04DEADBEEF0102', '04A1B2C3']);
  });

  it('refuses a page from another website and accepts this device and listed origins', async () => {
    const { reader, connect } = await start({ allowedOrigins: ['https://pass.example.org'] });
    expect(await refusal(connect({ origin: 'https://evil.example' }))).toBe(403);
    expect(await refusal(connect({ origin: 'null' }))).toBe(403);
    const pages = await Promise.all(
      ['http://localhost:5173', 'http://127.0.0.1:3000', 'https://pass.example.org'].map((origin) => opened(connect({ origin }))),
    );
    reader.tap('04A1B2C3');
    for (const page of pages) expect(await page.cardsAfter(1)).toHaveLength(1);
  });

  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(!lanAddress)('refuses a connection that does not come from this device', async () => {
    const { connect } = await start({ host: '0.0.0.0' });
    expect(await refusal(connect({ host: lanAddress }))).toBe(403);
  });

  it('tells pages when a reader is plugged in or out, including pages that open later', async () => {
    const { reader, connect } = await start();
    const page = await opened(connect());
    expect(await page.next((m) => m.type === 'reader')).toEqual({ type: 'reader', state: 'connected', name: 'Test reader' });
    await reader.stop();
    expect(await page.next((m) => m.type === 'reader' && m.state === 'disconnected')).toEqual({
      type: 'reader',
      state: 'disconnected',
      name: 'Test reader',
    });
    const late = await opened(connect());
    const seen = page.messages.length;
    await reader.start();
    expect(await page.next((m) => m.type === 'reader', seen)).toMatchObject({ state: 'connected' });
    expect(await late.next((m) => m.type === 'reader')).toMatchObject({ state: 'connected' });
    expect(late.messages).toHaveLength(1); // not told about the unplugged reader
  });

  it('closes a page that sends a message over the size cap', async () => {
    const { connect } = await start({ maxPayloadBytes: 256 });
    const page = connect();
    await opened(page);
    const closed = new Promise<number>((resolve) => page.once('close', (code) => resolve(code)));
    page.send('x'.repeat(1000));
    expect(await closed).toBe(1009);
  });

  it('refuses pages beyond the client limit', async () => {
    const { connect } = await start({ maxClients: 1 });
    await opened(connect());
    expect(await refusal(connect())).toBe(503);
  });
});
