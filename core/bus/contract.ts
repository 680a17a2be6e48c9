// The Bus contract, run on every adapter: what the actor runtime and the live views rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from './port.js';

/**
 * `makeBus` gives one node's Bus; two calls are two nodes of one deployment. An adapter whose
 * instances cannot see each other (memory) returns the same instance each time.
 */
export function busContract(name: string, makeBus: () => Promise<Bus>): void {
  describe(`Bus contract: ${name}`, () => {
    let a: Bus;
    let b: Bus;
    let n = 0;
    const channel = () => `contract:${++n}`;
    beforeAll(async () => {
      a = await makeBus();
      b = await makeBus();
    });
    afterAll(async () => {
      await a?.close();
      if (b !== a) await b?.close();
    });

    it('delivers each message once to every subscription, on this node and the others, in publish order', async () => {
      const ch = channel();
      const got = { a1: [] as unknown[], a2: [] as unknown[], b1: [] as unknown[] };
      const offs = [
        await a.subscribe(ch, (m) => got.a1.push(m)),
        await a.subscribe(ch, (m) => got.a2.push(m)),
        await b.subscribe(ch, (m) => got.b1.push(m)),
      ];
      const sent = Array.from({ length: 50 }, (_, i) => i);
      await Promise.all(sent.map((i) => b.publish(ch, i)));
      await waitFor(() => got.a1.length + got.a2.length + got.b1.length >= 150);
      await quiet();
      expect(got).toEqual({ a1: sent, a2: sent, b1: sent });
      for (const off of offs) await off();
    });

    it('a subscription is live when subscribe resolves, also for concurrent subscribers of a new channel', async () => {
      const ch = channel();
      const got: string[] = [];
      const offs = await Promise.all([a.subscribe(ch, () => got.push('first')), a.subscribe(ch, () => got.push('second'))]);
      await b.publish(ch, 'hello');
      await waitFor(() => got.length >= 2);
      expect(got.sort()).toEqual(['first', 'second']);
      for (const off of offs) await off();
    });

    it('stops delivering after unsubscribe, to that subscription only; channels are separate', async () => {
      const ch = channel();
      const other = channel();
      const kept: unknown[] = [];
      const dropped: unknown[] = [];
      const onOther: unknown[] = [];
      const record = (m: unknown) => dropped.push(m);
      const offKept = await a.subscribe(ch, (m) => kept.push(m));
      const offDropped = await b.subscribe(ch, record);
      const offAgain = await b.subscribe(ch, record); // the same function twice is two subscriptions
      const offOther = await b.subscribe(other, (m) => onOther.push(m));
      await a.publish(ch, 'first');
      await waitFor(() => kept.length === 1 && dropped.length === 2);
      await offDropped();
      await offDropped(); // twice is harmless
      await a.publish(ch, 'second');
      await waitFor(() => kept.length === 2);
      await offAgain();
      await a.publish(ch, 'third');
      await a.publish(other, 'elsewhere');
      await waitFor(() => kept.length === 3 && onOther.length === 1);
      await quiet();
      expect(kept).toEqual(['first', 'second', 'third']);
      expect(dropped).toEqual(['first', 'first', 'second']);
      expect(onOther).toEqual(['elsewhere']);
      await offKept();
      await offOther();
      const late: unknown[] = [];
      const offLate = await b.subscribe(ch, (m) => late.push(m)); // a channel can be joined again
      await a.publish(ch, 'fourth');
      await waitFor(() => late.length === 1);
      expect(late).toEqual(['fourth']);
      await offLate();
    });

    it('hands every subscription its own JSON copy of the message', async () => {
      const ch = channel();
      const got: unknown[] = [];
      const offs = [
        await a.subscribe(ch, (m) => {
          if (m) (m as { n?: number }).n = -1; // must not leak into the other subscription's copy
          got.push(m);
        }),
        await b.subscribe(ch, (m) => got.push(m)),
      ];
      const sent = { n: 1, nested: { list: [1, 2] }, at: new Date(Date.UTC(2026, 6, 14)), gone: undefined };
      await a.publish(ch, sent);
      sent.n = 99;
      sent.nested.list.push(3);
      await a.publish(ch, undefined);
      await waitFor(() => got.length >= 4);
      const copy = { n: 1, nested: { list: [1, 2] }, at: '2026-07-14T00:00:00.000Z' };
      expect(got).toEqual(expect.arrayContaining([{ ...copy, n: -1 }, copy]));
      expect(got.filter((m) => m === null)).toHaveLength(2);
      expect(got.some((m) => m === sent)).toBe(false);
      for (const off of offs) await off();
    });

    it('a handler that throws does not stop the others', async () => {
      const ch = channel();
      const got: unknown[] = [];
      const offs = [
        await a.subscribe(ch, () => {
          throw new Error('broken handler');
        }),
        await a.subscribe(ch, async () => {
          throw new Error('broken async handler');
        }),
        await a.subscribe(ch, (m) => got.push(m)),
      ];
      await b.publish(ch, 1);
      await b.publish(ch, 2);
      await waitFor(() => got.length >= 2);
      expect(got).toEqual([1, 2]);
      for (const off of offs) await off();
    });
  });
}

async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('bus: expected messages did not arrive in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Gives a duplicate or a late message the time to show up. */
const quiet = () => new Promise((r) => setTimeout(r, 50));
