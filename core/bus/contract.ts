// The Bus contract, run on every adapter: what the actor runtime and live views rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from './port.js';

const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

/** `open` gives two handles on the same bus (two nodes); for memory both may be one instance. */
export function busContract(name: string, open: () => Promise<{ a: Bus; b: Bus; stop(): Promise<void> }>): void {
  describe(`Bus contract: ${name}`, () => {
    let a: Bus;
    let b: Bus;
    let stop: () => Promise<void>;
    beforeAll(async () => ({ a, b, stop } = await open()));
    afterAll(() => stop());

    it('delivers to every subscriber, across handles, as a JSON copy', async () => {
      const got: unknown[] = [];
      const un1 = await a.subscribe('ch1', (m) => got.push(['a', m]));
      const un2 = await b.subscribe('ch1', (m) => got.push(['b', m]));
      const sent = { n: 1, nested: { x: [1, 2] } };
      await a.publish('ch1', sent);
      sent.n = 99;
      await settle();
      expect(got).toEqual(expect.arrayContaining([['a', { n: 1, nested: { x: [1, 2] } }], ['b', { n: 1, nested: { x: [1, 2] } }]]));
      expect(got).toHaveLength(2);
      await un1();
      await un2();
    });

    it('stops delivering after unsubscribe, and channels are separate', async () => {
      const got: unknown[] = [];
      const un = await b.subscribe('ch2', (m) => got.push(m));
      await a.publish('ch3', 'other');
      await a.publish('ch2', 'first');
      await settle();
      await un();
      await a.publish('ch2', 'second');
      await settle();
      expect(got).toEqual(['first']);
    });
  });
}
