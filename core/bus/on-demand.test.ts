import { describe, expect, it } from 'vitest';
import { createMemoryBus } from './memory.js';
import { onDemandSubscription } from './on-demand.js';

const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('on-demand bus subscription', () => {
  it('delivers only while held, and unsubscribes after the last release has lingered', async () => {
    const bus = createMemoryBus();
    const got: unknown[] = [];
    const feed = onDemandSubscription(bus, 'rows', (m) => got.push(m), 30);

    await bus.publish('rows', 1);
    await settle();
    expect(got).toEqual([]);
    expect(feed.active).toBe(false);

    await Promise.all([feed.hold(), feed.hold()]); // two screens
    await bus.publish('rows', 2);
    await settle();
    expect(got).toEqual([2]);

    feed.release();
    await settle(60);
    await bus.publish('rows', 3); // one screen still shows a card
    await settle();
    expect(got).toEqual([2, 3]);

    feed.release();
    expect(feed.active).toBe(true); // lingers
    await feed.hold(); // a tap within the linger keeps the same subscription
    feed.release();
    await settle(60);
    expect(feed.active).toBe(false);
    await bus.publish('rows', 4);
    await settle();
    expect(got).toEqual([2, 3]);

    await feed.hold(); // and it comes back on demand
    await bus.publish('rows', 5);
    await settle();
    expect(got).toEqual([2, 3, 5]);
    await bus.close();
  });
});
