import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedReader } from './simulated-reader.js';

const readers: SimulatedReader[] = [];
afterEach(async () => {
  for (const reader of readers.splice(0)) await reader.stop();
});

function collect(reader: SimulatedReader, count: number): Promise<string[]> {
  const uids: string[] = [];
  return new Promise((resolve) =>
    reader.on('card', (uid) => {
      uids.push(uid);
      if (uids.length === count) resolve(uids);
    }),
  );
}

describe('simulated reader', () => {
  it('taps each UID typed on its input, one per line, ignoring blank lines', async () => {
    const input = new PassThrough();
    const reader = new SimulatedReader({ input });
    readers.push(reader);
    await reader.start();
    const taps = collect(reader, 2);
    input.write('04A1B2C3\n\n   \n  04deadbeef0102  \r\n');
    expect(await taps).toEqual(['04A1B2C3', '04deadbeef0102']);
  });

  it('plays a scripted list in a loop', async () => {
    const reader = new SimulatedReader({ script: ['04A1B2C3', '04DEADBEEF0102'], scriptIntervalMs: 5 });
    readers.push(reader);
    const taps = collect(reader, 3);
    await reader.start();
    expect(await taps).toEqual(['04A1B2C3', '04DEADBEEF0102', '04A1B2C3']);
  });

  it('reports itself plugged in on start and out on stop, and ignores taps while stopped', async () => {
    const reader = new SimulatedReader({ name: 'Bar 1' });
    const events: unknown[] = [];
    reader.on('reader', (e) => events.push(e));
    reader.on('card', (uid) => events.push(uid));
    reader.tap('04A1B2C3');
    await reader.start();
    reader.tap('04DEADBE');
    await reader.stop();
    reader.tap('04A1B2C3');
    expect(events).toEqual([{ state: 'connected', name: 'Bar 1' }, '04DEADBE', { state: 'disconnected', name: 'Bar 1' }]);
  });
});
