import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock/port.js';
import { createMemoryJobs } from '../core/jobs/memory.js';
import type { Jobs } from '../core/jobs/port.js';
import { defaultHoldMs } from '../core/ticketing/booking.js';
import { bootLespass, buyer, eventWithPrices, type LespassNode } from '../test/support/lespass.js';
import { holdReleaseEveryMs, releaseExpiredHolds, startHoldRelease, ticketingQueue } from './ticketing.js';

describe('release of expired seat holds (`ticketing` queue)', () => {
  let node: LespassNode | undefined;
  let jobs: Jobs | undefined;
  afterEach(async () => {
    await jobs?.close();
    await node?.close();
    node = jobs = undefined;
  });

  const setup = async () => {
    const clock = new FakeClock(Date.parse('2026-07-14T10:00:00Z'));
    node = await bootLespass({ clock });
    const { core } = node;
    const collective = await core.collectives.create({ name: 'La Grange' });
    const { event, prices } = await eventWithPrices(core, collective._id, { capacity: 4, prices: [{ name: 'Plein', amount: 1200 }] });
    const hold = async (requestId: string, qty: number) =>
      (
        await core.lespass.ticketing.booking.book({
          collectiveId: collective._id,
          siteSlug: collective.slug,
          eventId: event._id,
          requestId,
          buyer: await buyer(core, `${requestId}@test.fr`),
          lines: [{ priceId: prices[0]._id, qty }],
        })
      ).reservation;
    const sold = async () => (await core.lespass.ticketing.events.byId(event._id))!.sold;
    const stateOf = async (id: string) => (await core.lespass.ticketing.reservations.get(id)).state;
    return { core, clock, hold, sold, stateOf };
  };

  it('frees the seats of holds past their time, and only those, with nobody booking the event', async () => {
    const { core, clock, hold, sold, stateOf } = await setup();
    const early = await hold('hold-early-1', 3);
    clock.advance(20 * 60_000);
    const late = await hold('hold-late-1', 1);
    expect(await sold()).toBe(4); // full while both wait for their payment
    clock.advance(defaultHoldMs - 20 * 60_000 + 1); // the first hold ran out, the second has 20 minutes left

    expect(await releaseExpiredHolds(core.lespass.ticketing.reservations)).toEqual({ released: 1 });
    expect(await stateOf(early._id)).toBe('expired');
    expect(await stateOf(late._id)).toBe('pending');
    expect(await sold()).toBe(1);
    expect(await releaseExpiredHolds(core.lespass.ticketing.reservations)).toEqual({ released: 0 }); // again: nothing released twice
    expect(await sold()).toBe(1);
  });

  it('runs every minute on its own queue: the first run, at once, releases what is due', async () => {
    const { core, clock, hold, sold, stateOf } = await setup();
    const held = await hold('hold-job-1', 2);
    clock.advance(defaultHoldMs + 1);
    const inner = createMemoryJobs();
    const declared: unknown[] = [];
    jobs = { ...inner, repeat: (queue, name, data, options) => (declared.push({ queue, name, ...options }), inner.repeat(queue, name, data, options)) };
    await startHoldRelease(jobs, core.lespass.ticketing.reservations);
    expect(declared).toEqual([{ queue: ticketingQueue, name: 'release-holds', everyMs: holdReleaseEveryMs, key: 'ticketing:release-holds' }]);
    expect(holdReleaseEveryMs).toBe(60_000);
    await expect.poll(() => sold(), { timeout: 2_000, interval: 10 }).toBe(0);
    expect(await stateOf(held._id)).toBe('expired');
    await expect.poll(async () => (await inner.counts(ticketingQueue)).completed, { timeout: 2_000, interval: 10 }).toBe(1);
    expect((await inner.counts(ticketingQueue)).failed).toBe(0);
  });
});
